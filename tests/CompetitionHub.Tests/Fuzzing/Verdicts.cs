using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace CompetitionHub.Tests.Fuzzing;

/// <summary>
/// What every answer must be: never 5xx; never a Set-Cookie a browser cannot send back; a refusal is a 4xx page (problem
/// JSON for the API) or the form again with a localized message, or a redirect to one; input no server may accept is
/// refused; a route id written another way is not the resource; no redirect leaves the site; nothing logged at Error.
/// </summary>
public sealed partial class Verdicts(FuzzRun run)
{
    private static readonly HtmlParser Parser = new();

    /// <summary>Where a page shows a refusal: field and summary errors, and the alerts the feature views use for one.</summary>
    private const string ErrorSelector = ".field-validation-error, .validation-summary-errors li, .alert-danger, .alert-warning, .invalid-feedback, .text-danger, [role=alert]";

    /// <summary>Checks one exchange; a redirect answering input that must be refused is followed to see the refusal.</summary>
    public async Task CheckAsync(FuzzClient client, Exchange e)
    {
        var r = e.Request;
        if (e.NotSent is not null)
        {
            // The client library would not write it, or the server closed the connection without an answer.
            if (e.NotSent.StartsWith("dropped", StringComparison.Ordinal))
                run.Fail($"No answer ({r.What})", e.NotSent, e);
            return;
        }
        if (e.Is5xx)
            run.Fail(ServerErrorCause(e), Logged(e) ?? "nothing logged", e);
        else if (e.Errors.Count > 0)
            foreach (var error in e.Errors)
                run.Fail($"Logged at {error.Level} without a 5xx: {error.Category}: {Template(error.Message)}", Describe(error), e);

        if (e.SetCookieBytes > 8 * 1024 || e.TempDataChunks > 1)
            run.Fail("Huge Set-Cookie (TempData echoes input)", $"{e.SetCookieBytes} bytes of Set-Cookie, {e.TempDataChunks} TempData cookies/chunks", e);

        if (e.Location is { } location && !Local(location, client.Server))
            run.Fail("Open redirect", $"Location: {location}", e);

        if (e.Is4xx && e.FromApp && r.Method != "HEAD")
        {
            if (r.IsApi && e.ContentType?.Contains("json", StringComparison.Ordinal) != true)
                run.Fail($"API refusal without problem JSON ({(int)e.Status})", $"{e.ContentType}: {Text(e.Body, 80)}", e);
            else if (!r.IsApi && !r.Url.StartsWith("/hubs/", StringComparison.Ordinal) && (e.ContentType?.StartsWith("text/html", StringComparison.Ordinal) != true || e.Body.Length == 0))
                run.Fail($"Refusal without a page ({(int)e.Status})", $"content type {e.ContentType ?? "none"}, {e.Body.Length} characters", e);
        }

        if (r.Kind == "no token" && !e.Is4xx && !e.Is5xx)
            run.Fail("Post without its antiforgery token not refused with a 4xx", $"{(int)e.Status}", e);

        if (r.NonCanonicalId)
        {
            // Only "no such page" is right for an id written another way (or a redirect to the id as the site writes it).
            if (!e.Is4xx && !(e.IsRedirect && r.Method == "GET" && e.Location is { } l && !l.Contains("/0", StringComparison.Ordinal) && !l.Contains("/+", StringComparison.Ordinal)))
                run.Fail("Route id not canonical (00001 / +1 answered as the id)", $"{(int)e.Status} for a route id written another way", e);
            return;
        }

        var html = e.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true && e.Body.Length > 0;
        var chinese = false;
        var messages = html ? Messages(e.Body, out chinese) : [];
        if (html && chinese)
            foreach (var message in messages.Where(m => !Cjk().IsMatch(m)))
                run.Fail($"Message not localized: {Template(message)}", Text(message, 160), e);

        if (e.Status == HttpStatusCode.OK && r.Method == "POST" && !r.IsApi && messages.Count == 0
            && (r.MustRefuse || (r.Baseline is { } b && (int)b is >= 300 and < 400)))
            run.Fail($"Refused without a message: {r.Method} {FuzzRun.Shape(r.Url)} shows the form again with no field message or alert", r.What, e);

        if (r.MustRefuse && e.IsRedirect && e.Location is { } next && Local(next, client.Server))
        {
            // Post/redirect/get: the refusal is on the page the redirect leads to.
            var path = Uri.TryCreate(next, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : next;
            var page = await client.GetAsync(r.Target, "follows the redirect of: " + r.Label, path);
            await CheckAsync(client, page);
            if (page.Status == HttpStatusCode.OK && page.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true
                && (Succeeded(page.Body) is not null || Messages(page.Body, out _).Count == 0))
                run.Fail($"Invalid input accepted ({r.What})",
                    $"redirected to {path}, which shows " + (Succeeded(page.Body) is { } said ? $"success: {Text(said, 80)}" : "no refusal"), e);
        }
    }

    private static string ServerErrorCause(Exchange e)
    {
        if (e.Errors.FirstOrDefault(x => x.Exception is not null) is { Exception: { } ex })
        {
            var inner = ex;
            while (inner.InnerException is { } i && inner is not (InvalidOperationException or NullReferenceException or ArgumentException)) inner = i;
            return $"{(int)e.Status}: {inner.GetType().Name} at {Frame(inner)}";
        }
        return e.Errors.Count > 0
            ? $"{(int)e.Status}: {e.Errors[0].Category}: {Template(e.Errors[0].Message)}"
            : $"{(int)e.Status} with nothing logged ({e.Request.What})";
    }

    /// <summary>The first frame of the app's own code (or else the top frame): where to look.</summary>
    private static string Frame(Exception ex)
    {
        var frames = (ex.StackTrace ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("at ", StringComparison.Ordinal)).ToList();
        var frame = frames.FirstOrDefault(f => f.Contains("CompetitionHub", StringComparison.Ordinal)) ?? frames.FirstOrDefault() ?? "?";
        return Regex.Replace(frame[3..], @"\(.*$| in .*$", "");
    }

    private static string? Logged(Exchange e) => e.Errors.Count == 0 ? null : string.Join(" | ", e.Errors.Take(2).Select(Describe));

    private static string Describe(LoggedError error) =>
        $"{error.Category}: {Text(error.Message, 160)}" + (error.Exception is { } ex ? $" [{ex.GetType().Name}: {Text(ex.Message, 200)} at {Frame(ex)}]" : "");

    /// <summary>A message with its numbers and quoted parts blanked, so that one message is one cause.</summary>
    public static string Template(string message) =>
        Text(Regex.Replace(Regex.Replace(message, "“[^”]*”|\"[^\"]*\"|'[^']*'", "…"), @"\d+", "N"), 90);

    private static string Text(string value, int max) => FuzzRequest.Show(value.ReplaceLineEndings(" "), max);

    /// <summary>The visible refusal messages on a page, and whether the page is in Chinese.</summary>
    public static List<string> Messages(string html, out bool chinese)
    {
        var document = Parser.ParseDocument(html);
        chinese = document.DocumentElement.GetAttribute("lang")?.StartsWith("zh", StringComparison.Ordinal) == true;
        return document.QuerySelectorAll(ErrorSelector)
            .Where(m => !m.HasAttribute("hidden") && m.Closest("[hidden]") is null)
            .Select(m => m.TextContent.Trim()).Where(t => t.Any(char.IsLetter)).ToList();
    }

    /// <summary>The success message a page shows after a post (the layout's status message, the features' alerts), if any.</summary>
    private static string? Succeeded(string html) =>
        Parser.ParseDocument(html).QuerySelectorAll(".alert-success, #status-message")
            .FirstOrDefault(m => !m.HasAttribute("hidden") && m.TextContent.Trim().Length > 0)?.TextContent.Trim();

    private static bool Local(string location, Uri server) =>
        Uri.TryCreate(location, UriKind.Absolute, out var absolute)
            ? absolute.Authority == server.Authority || absolute.IsLoopback
            : location.StartsWith('/') && !location.StartsWith("//", StringComparison.Ordinal) && !location.StartsWith("/\\", StringComparison.Ordinal);

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();
}
