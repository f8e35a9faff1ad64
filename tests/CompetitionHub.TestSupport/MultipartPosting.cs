using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace CompetitionHub.TestSupport;

/// <summary>A file as a browser's file input sends it: the form field, the name on the person's disk, the bytes.</summary>
public sealed record UploadedFile(string Field, string FileName, byte[] Bytes, string ContentType = "application/octet-stream");

/// <summary>
/// Posting an upload form (multipart) as a browser does: the form is found on its page by id and posted to its own
/// action with its own antiforgery token, so a form without a token fails the test. The other fields are given raw, so a
/// test can also send what the form would never send (a value its select does not offer), as an attacker does. Parts are
/// framed as Chromium frames them: no content type on plain fields, the file name as UTF-8 in filename="..." with only
/// '"', CR and LF percent-escaped, and no filename*.
/// </summary>
public static partial class MultipartPosting
{
    public static async Task<HttpResponseMessage> PostMultipartAsync(this HttpClient client, string pageUrl, string formId,
        IEnumerable<(string Name, string Value)> fields, UploadedFile? file)
    {
        var page = await client.GetAsync(pageUrl);
        var html = await page.Content.ReadAsStringAsync();
        if (FormHtml(html, formId) is null)
            throw new InvalidOperationException($"No form #{formId} on {pageUrl} ({(int)page.StatusCode}).");
        return await client.PostMultipartFromAsync(html, formId, fields, file);
    }

    /// <summary>Posts the form #<paramref name="formId"/> of a page fetched earlier (<paramref name="html"/>).</summary>
    public static async Task<HttpResponseMessage> PostMultipartFromAsync(this HttpClient client, string html, string formId,
        IEnumerable<(string Name, string Value)> fields, UploadedFile? file)
    {
        var form = FormHtml(html, formId) ?? throw new InvalidOperationException($"No form #{formId} on the page.");
        var action = WebUtility.HtmlDecode(FormAction().Match(form).Groups[1].Value);
        var token = TokenInput().Match(form) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value)
            : throw new InvalidOperationException($"The form #{formId} carries no antiforgery token.");

        using var content = new MultipartFormDataContent { HeaderEncodingSelector = (_, _) => Encoding.UTF8 };
        content.Add(Field("__RequestVerificationToken", token));
        foreach (var (name, value) in fields) content.Add(Field(name, value));
        if (file is not null)
        {
            var part = new ByteArrayContent(file.Bytes);
            part.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{Escape(file.Field)}\"; filename=\"{Escape(file.FileName)}\"");
            part.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
            content.Add(part);
        }
        return await client.PostAsync(action, content);
    }

    /// <summary>The markup of the form with this id, from its opening tag to its end.</summary>
    public static string? FormHtml(string html, string formId)
    {
        var start = Regex.Match(html, $"""<form\b[^>]*\bid="{Regex.Escape(formId)}"[^>]*>""");
        if (!start.Success) return null;
        var end = html.IndexOf("</form>", start.Index, StringComparison.OrdinalIgnoreCase);
        return end < 0 ? null : html[start.Index..end];
    }

    private static ByteArrayContent Field(string name, string value)
    {
        var part = new ByteArrayContent(Encoding.UTF8.GetBytes(value));
        part.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{Escape(name)}\"");
        return part;
    }

    // What the HTML standard's multipart/form-data encoding escapes in names and file names.
    private static string Escape(string value) =>
        value.Replace("\"", "%22", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    [GeneratedRegex("""<form\b[^>]*\baction="([^"]*)""")]
    private static partial Regex FormAction();

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="([^"]+)"|<input[^>]*value="([^"]+)"[^>]*name="__RequestVerificationToken""")]
    private static partial Regex TokenInput();
}
