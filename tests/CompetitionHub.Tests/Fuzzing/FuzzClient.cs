using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CompetitionHub.TestSupport;

namespace CompetitionHub.Tests.Fuzzing;

/// <summary>A file part of a multipart body, as a browser sends it.</summary>
public sealed record FilePart(string FileName, string ContentType, byte[] Content);

/// <summary>
/// One name/value pair of a form body or query. <see cref="Raw"/> sends name and value as written (already
/// percent-encoded, possibly wrongly), for the encodings no browser would produce but anyone can type.
/// </summary>
public sealed record Part(string Name, string Value, FilePart? File = null, bool Raw = false);

public enum BodyKind { None, UrlEncoded, Multipart, Raw }

/// <summary>A request exactly as it will be written on the wire, and what it is meant to test.</summary>
public sealed record FuzzRequest(string Target, string Label, string Method, string Url)
{
    public BodyKind Body { get; init; }
    public IReadOnlyList<Part> Parts { get; init; } = [];
    public string? ContentType { get; init; }
    public byte[]? RawBody { get; init; }
    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];

    /// <summary>Input no server may accept: the answer must be a refusal (4xx, the form again with a message, or a redirect to a message).</summary>
    public bool MustRefuse { get; init; }

    /// <summary>A route id written another way (<c>00001</c>, <c>+1</c>): the answer must not be the resource.</summary>
    public bool NonCanonicalId { get; init; }

    /// <summary>What the exchange is compared with: the status the form got as the page holds it.</summary>
    public HttpStatusCode? Baseline { get; init; }

    /// <summary>The kind of malformation, for grouping (the label when none).</summary>
    public string? Kind { get; init; }

    public string What => Kind ?? Label;

    public bool IsApi => Url.StartsWith("/api/", StringComparison.Ordinal);

    /// <summary>Method, URL and a short, escaped summary of every field: enough to send it again by hand.</summary>
    public string Describe()
    {
        var text = new StringBuilder($"{Method} {Url}");
        if (Body == BodyKind.Raw) text.Append(CultureInfo.InvariantCulture, $" [{ContentType}] {RawBody?.Length ?? 0} bytes: {Show(Encoding.UTF8.GetString(RawBody ?? []), 60)}");
        else if (Body != BodyKind.None)
        {
            text.Append(Body == BodyKind.Multipart ? " [multipart]" : " [urlencoded]");
            foreach (var group in Parts.Where(p => p.Name != "__RequestVerificationToken").GroupBy(p => p.Name).Take(12))
            foreach (var p in group.Take(3))
                text.Append(' ').Append(Show(p.Name, 40)).Append('=').Append(p.File is { } f
                    ? $"file({Show(f.FileName, 40)}, {f.ContentType}, {f.Content.Length} B)"
                    : Show(p.Value, 40));
            var count = Parts.Count(p => p.Name != "__RequestVerificationToken");
            if (count > 36) text.Append(CultureInfo.InvariantCulture, $" … {count} fields");
            if (!Parts.Any(p => p.Name == "__RequestVerificationToken")) text.Append(" (no token)");
        }
        foreach (var (name, value) in Headers) text.Append(CultureInfo.InvariantCulture, $" | {name}: {Show(value, 50)}");
        return text.ToString();
    }

    /// <summary>A value as C# would write it, cut to <paramref name="max"/> characters with its full length.</summary>
    public static string Show(string value, int max)
    {
        var shown = new StringBuilder("\"");
        foreach (var c in value.Take(max))
            shown.Append(c switch
            {
                '"' => "\\\"", '\\' => "\\\\",
                _ when char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        shown.Append('"');
        if (value.Length > max) shown.Append(CultureInfo.InvariantCulture, $"…({value.Length} chars)");
        return shown.ToString();
    }
}

/// <summary>What came back for one <see cref="FuzzRequest"/>.</summary>
public sealed record Exchange(int Number, string Role, FuzzRequest Request, HttpStatusCode Status, string? Location, string? ContentType,
    string Body, int SetCookieBytes, int TempDataChunks, bool FromApp, IReadOnlyList<LoggedError> Errors, TimeSpan Elapsed, string? NotSent = null)
{
    public bool Is5xx => (int)Status >= 500;
    public bool Is4xx => (int)Status is >= 400 and < 500;
    public bool IsRedirect => (int)Status is >= 300 and < 400;
}

/// <summary>
/// A cookie-carrying client for one role against the real Kestrel port. Requests go out one at a time and are
/// numbered, so what the app logs can be tied to the request in flight. Only loopback is ever addressed.
/// </summary>
public sealed class FuzzClient : IDisposable
{
    private const string TempDataCookie = ".AspNetCore.Mvc.CookieTempDataProvider";
    private readonly FuzzRun run;
    private readonly Browserless browser;

    /// <summary>
    /// Shares the signed-in cookies of <see cref="browser"/>, and reads answers whose headers are far over what a browser
    /// takes (64 KB): a Set-Cookie echoing input must be seen to be reported, not fail the read.
    /// </summary>
    private readonly HttpClient http;

    public FuzzClient(FuzzRun run, string role, string? email)
    {
        this.run = run;
        Role = role;
        Email = email;
        browser = new Browserless(run.Host.ServerAddress);
        // Room for an answer's 70 cookie chunks beside the session's own cookies: reported, then dropped, never evicting those.
        browser.Cookies.Capacity = 1000;
        browser.Cookies.PerDomainCapacity = 500;
        http = new HttpClient(new HttpClientHandler { CookieContainer = browser.Cookies, AllowAutoRedirect = false, MaxResponseHeadersLength = 16 * 1024 })
        {
            BaseAddress = run.Host.ServerAddress, Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public string Role { get; }
    public string? Email { get; }
    public CookieContainer Cookies => browser.Cookies;
    public Uri Server => run.Host.ServerAddress;

    public async Task SignInAsync()
    {
        if (Email is null) return;
        await browser.SignInAsync(Email);
    }

    public async Task<Exchange> SendAsync(FuzzRequest request)
    {
        var number = run.NextNumber();
        var logged = run.Host.Errors.Count;
        run.Host.Errors.Current = number;
        var clock = Stopwatch.StartNew();
        Exchange exchange;
        try
        {
            using var message = Build(request);
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead);
            var body = await response.Content.ReadAsStringAsync();
            var setCookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
            exchange = new Exchange(number, Role, request, response.StatusCode,
                response.Headers.Location?.OriginalString, response.Content.Headers.ContentType?.ToString(),
                body.Length > 300_000 ? body[..300_000] : body, setCookies.Sum(c => c.Length),
                setCookies.Count(c => c.StartsWith(TempDataCookie, StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)),
                response.Headers.Contains("X-Content-Type-Options"), [], clock.Elapsed);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or ArgumentException or FormatException or TaskCanceledException)
        {
            // The client library refused to write it (a header it will not send) or the server dropped the connection.
            var dropped = ex is TaskCanceledException
                || (ex is HttpRequestException && !ex.Message.StartsWith("Request headers must contain only ASCII", StringComparison.Ordinal));
            exchange = new Exchange(number, Role, request, 0, null, null, "", 0, 0, false, [], clock.Elapsed,
                NotSent: (dropped ? "dropped: " : "not written by the client: ") + ex.GetType().Name + ": " + ex.Message);
        }
        finally
        {
            run.Host.Errors.Current = 0;
        }
        exchange = exchange with { Errors = run.Host.Errors.Since(logged).Where(e => e.Request == number).ToList() };
        KeepCookiesSane(request);
        run.Record(exchange);
        return exchange;
    }

    /// <summary>A plain GET as a browser follows a link or a redirect.</summary>
    public Task<Exchange> GetAsync(string target, string label, string url) => SendAsync(new FuzzRequest(target, label, "GET", url));

    /// <summary>
    /// Drops messages left for the next page by earlier posts, so that the page a redirect leads to shows only what
    /// the request just sent produced.
    /// </summary>
    public void ForgetMessages()
    {
        foreach (Cookie cookie in Cookies.GetCookies(Server))
            if (cookie.Name.StartsWith(TempDataCookie, StringComparison.Ordinal)) cookie.Expired = true;
    }

    /// <summary>
    /// Keeps one bad answer from spoiling the rest of the run: a TempData cookie grown past what a browser sends back is
    /// dropped (it is reported where it was set), and the language goes back to the default after a culture post.
    /// </summary>
    private void KeepCookiesSane(FuzzRequest request)
    {
        var all = Cookies.GetCookies(Server);
        var size = all.Sum(c => c.Name.Length + c.Value.Length + 3);
        foreach (Cookie cookie in all)
        {
            if ((size > 6000 && cookie.Name.StartsWith(TempDataCookie, StringComparison.Ordinal))
                || (request.Url.StartsWith("/culture", StringComparison.Ordinal) && cookie.Name == ".AspNetCore.Culture"))
                cookie.Expired = true;
        }
    }

    private HttpRequestMessage Build(FuzzRequest request)
    {
        var url = request.Url;
        if (request.Method == "GET" && request.Parts.Count > 0)
            url += (url.Contains('?') ? "&" : "?") + UrlEncoded(request.Parts);
        var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(Server, url));
        switch (request.Body)
        {
            case BodyKind.UrlEncoded:
                message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(UrlEncoded(request.Parts)));
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType ?? "application/x-www-form-urlencoded");
                break;
            case BodyKind.Multipart:
                var boundary = "----FuzzBoundary" + request.GetHashCode().ToString("x8", CultureInfo.InvariantCulture);
                message.Content = new ByteArrayContent(Multipart(request.Parts, boundary));
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType ?? $"multipart/form-data; boundary={boundary}");
                break;
            case BodyKind.Raw:
                message.Content = new ByteArrayContent(request.RawBody ?? []);
                if (request.ContentType is { } type) message.Content.Headers.TryAddWithoutValidation("Content-Type", type);
                break;
        }
        // As curl and browsers do for large bodies: the server may answer (413) before the body is sent.
        if (message.Content?.Headers.ContentLength > 1024 * 1024) message.Headers.ExpectContinue = true;
        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase)) message.Headers.Host = value;
            else if (!message.Headers.TryAddWithoutValidation(name, value)) message.Content?.Headers.TryAddWithoutValidation(name, value);
        }
        return message;
    }

    public static string UrlEncoded(IEnumerable<Part> parts) =>
        string.Join('&', parts.Select(p => p.Raw ? $"{p.Name}={p.Value}" : $"{Escape(p.Name)}={Escape(p.Value)}"));

    private static string Escape(string value) => Uri.EscapeDataString(value);

    /// <summary>A multipart body written by hand, headers in UTF-8 as browsers write file names.</summary>
    private static byte[] Multipart(IEnumerable<Part> parts, string boundary)
    {
        using var body = new MemoryStream();
        void Write(string s) => body.Write(Encoding.UTF8.GetBytes(s));
        foreach (var part in parts)
        {
            Write($"--{boundary}\r\n");
            if (part.File is { } file)
            {
                Write($"Content-Disposition: form-data; name=\"{part.Name}\"; filename=\"{file.FileName.Replace("\"", "%22", StringComparison.Ordinal)}\"\r\n");
                Write($"Content-Type: {file.ContentType}\r\n\r\n");
                body.Write(file.Content);
                Write("\r\n");
            }
            else
            {
                Write($"Content-Disposition: form-data; name=\"{part.Name}\"\r\n\r\n{part.Value}\r\n");
            }
        }
        Write($"--{boundary}--\r\n");
        return body.ToArray();
    }

    public void Dispose()
    {
        http.Dispose();
        browser.Dispose();
    }
}
