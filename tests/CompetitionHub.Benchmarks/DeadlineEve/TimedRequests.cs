using System.Diagnostics;
using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using CompetitionHub.TestSupport;

namespace CompetitionHub.Benchmarks.DeadlineEve;

/// <summary>
/// One request a visitor made: its kind, the time from sending it until its whole answer was read, whether the answer
/// was the one a working site gives, what came back otherwise, which instance answered and how many bytes went each way.
/// </summary>
public sealed record TimedRequest(string Kind, double Ms, bool Succeeded, string Answer, int? Instance, long BytesSent, long BytesReceived);

/// <summary>
/// Times the requests of one visitor, one after another, as a browser tab makes them. A request that fails (an answer
/// other than the expected one, a dropped connection, no answer within the client's timeout) is recorded as an error
/// and ends the visit: what came after it needed its answer.
/// </summary>
public sealed class TimedRequests(HttpClient http)
{
    private static readonly HtmlParser Parser = new();
    private readonly List<TimedRequest> requests = [];

    public IReadOnlyList<TimedRequest> Requests => requests;

    public Task<HttpResponseMessage?> GetAsync(string kind, string url, Func<HttpResponseMessage, bool> expected) =>
        TimeAsync(kind, () => http.GetAsync(url), 0, expected);

    public Task<HttpResponseMessage?> SubmitAsync(string kind, FilledForm form, Func<HttpResponseMessage, bool> expected) =>
        TimeAsync(kind, form.SubmitAsync, form.Files.Sum(f => (long)f.Content.Length) + form.Fields.Sum(f => (long)f.Key.Length + f.Value.Length), expected);

    public static bool Ok(HttpResponseMessage response) => response.StatusCode == HttpStatusCode.OK;

    /// <summary>A redirect (post/redirect/get) to <paramref name="path"/>: how the app says a form was taken.</summary>
    public static Func<HttpResponseMessage, bool> RedirectsTo(string path) => response =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location
        && (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString.Split('?')[0]) == path;

    private async Task<HttpResponseMessage?> TimeAsync(string kind, Func<Task<HttpResponseMessage>> send, long bytesSent,
        Func<HttpResponseMessage, bool> expected)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            // Sent and read whole (HttpClient buffers the answer before it returns), as a browser loads a page.
            var response = await send();
            clock.Stop();
            var body = await response.Content.ReadAsStringAsync();
            var succeeded = expected(response);
            requests.Add(new TimedRequest(kind, clock.Elapsed.TotalMilliseconds, succeeded, succeeded ? "" : Describe(response, body),
                response.Headers.TryGetValues(ReverseProxy.InstanceHeader, out var ids) ? int.Parse(ids.First(), CultureInfo.InvariantCulture) : null,
                bytesSent, response.Content.Headers.ContentLength ?? body.Length));
            return succeeded ? response : null;
        }
        catch (HttpRequestException e)
        {
            requests.Add(new TimedRequest(kind, clock.Elapsed.TotalMilliseconds, false, $"connection ({e.HttpRequestError})", null, bytesSent, 0));
            return null;
        }
        catch (TaskCanceledException)
        {
            requests.Add(new TimedRequest(kind, clock.Elapsed.TotalMilliseconds, false, "no answer within the client's timeout", null, bytesSent, 0));
            return null;
        }
    }

    /// <summary>The status, and for a page the app re-showed with a message (422), the message a person would read.</summary>
    private static string Describe(HttpResponseMessage response, string body)
    {
        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        if (response.StatusCode == HttpStatusCode.Redirect) return $"{status} to {response.Headers.Location}";
        var message = Parser.ParseDocument(body).QuerySelector(".alert-danger")?.TextContent.Trim();
        return string.IsNullOrEmpty(message) ? status : $"{status}: {message[..Math.Min(message.Length, 80)]}";
    }
}
