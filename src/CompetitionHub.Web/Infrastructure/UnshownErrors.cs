using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>
/// A form shown again must say why. Pages show their errors in many ways (under a field, in a summary, in an alert), but an
/// error can sit on a key the page has no place for: a hidden field such as <c>Version</c>, an unknown or over-posted
/// field, a key written without the form's prefix. The page renders before its layout, so the layout looks in the rendered
/// page for each error's message and shows the ones it does not find: a refusal is never silent, whatever the page does.
/// </summary>
public static partial class UnshownErrors
{
    /// <summary>
    /// The page as rendered (written out once, when there are errors to look for) and the messages it does not show, each
    /// in the reader's language.
    /// </summary>
    public static (IHtmlContent Body, IReadOnlyList<string> Messages) Find(IHtmlContent body, ModelStateDictionary modelState,
        HtmlEncoder encoder, IStringLocalizer t)
    {
        if (modelState.ErrorCount == 0) return (body, []);
        using var writer = new StringWriter();
        body.WriteTo(writer, encoder);
        var html = writer.ToString();
        // Only what a person reads counts: a message in an attribute (data-val-required, say) is not shown.
        var text = Tags().Replace(html, " ");

        var unshown = new List<string>();
        // One message may be on several keys (输入的值无效。): each error needs its own place on the page.
        foreach (var same in modelState.Values.SelectMany(v => v.Errors).Select(e => Message(e, t)).GroupBy(m => m))
        {
            var shown = Occurrences(text, encoder.Encode(same.Key));
            var translated = t[same.Key].Value;
            if (translated != same.Key) shown += Occurrences(text, encoder.Encode(translated));
            if (shown < same.Count()) unshown.Add(translated);
        }
        return (new HtmlString(html), unshown);
    }

    private static string Message(ModelError error, IStringLocalizer t) =>
        string.IsNullOrWhiteSpace(error.ErrorMessage) ? t["输入的值无效。"] : error.ErrorMessage;

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    private static int Occurrences(string html, string text)
    {
        var count = 0;
        for (var at = html.IndexOf(text, StringComparison.Ordinal); at >= 0; at = html.IndexOf(text, at + text.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
