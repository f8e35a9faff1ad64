using AngleSharp.Html.Parser;

namespace CompetitionHub.TestSupport;

/// <summary>
/// What a person reads on a page after a post: the refusals (alerts, messages under fields) and the success message.
/// A message somewhere in the markup is not enough: it has to be in a place a person sees as a refusal.
/// </summary>
public static class PageMessages
{
    private const string ErrorSelector = ".alert-danger, .text-danger, .field-validation-error, .invalid-feedback, [role=alert]";
    private static readonly HtmlParser Parser = new();

    /// <summary>The visible refusal messages on the page, in document order.</summary>
    public static IReadOnlyList<string> Errors(string html) =>
        Parser.ParseDocument(html).QuerySelectorAll(ErrorSelector)
            .Where(e => e.Closest("[hidden]") is null)
            .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).Distinct().ToList();

    /// <summary>The success messages on the page (the layout's status message and the features' green alerts).</summary>
    public static IReadOnlyList<string> Successes(string html) =>
        Parser.ParseDocument(html).QuerySelectorAll(".alert-success")
            .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();

    public static async Task<IReadOnlyList<string>> ErrorsAsync(this HttpResponseMessage response) =>
        Errors(await response.Content.ReadAsStringAsync());
}
