using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CompetitionHub.Tests.Fuzzing;

/// <summary>
/// Routes with ids (from the links the crawl followed), the JSON API (from its own OpenAPI document), headers, methods
/// and bodies no browser sends. Each page shape is tried once per variant, as the role that reached it.
/// </summary>
public sealed partial class RouteFuzzer(FuzzRun run, Verdicts verdicts, IReadOnlyDictionary<string, FuzzClient> clients)
{
    private static readonly string[] OddIds =
        ["-1", "0", "2147483647", "2147483648", "99999999999999999999", "1.0", "1e3", "%00", "abc", "%2e%2e", "0x1F", "１"];

    private static readonly string[] OddQueryValues =
        ["", "-1", "2147483648", "abc", "%00", "%zz", "9999-12-31", "0001-01-01", "%E2%80%AE", "<script>", "1&page=2&page=3"];

    private async Task SendAsync(FuzzClient client, FuzzRequest request) => await verdicts.CheckAsync(client, await client.SendAsync(request));

    /// <summary>Every page shape reached: ids written another way, out of range, of the wrong type; odd query values.</summary>
    public async Task IdsAsync(IEnumerable<CrawledPage> pages)
    {
        foreach (var page in pages.Where(p => p.Status == HttpStatusCode.OK).DistinctBy(p => FuzzRun.Shape(p.Url)))
        {
            var client = clients[page.Role];
            var target = "GET " + FuzzRun.Shape(page.Url);
            var random = run.RandomFor("route " + target);
            var path = page.Url.Split('?')[0];
            var query = page.Url.Length > path.Length ? page.Url[(path.Length + 1)..] : "";
            foreach (Match id in IdSegment().Matches(path))
            {
                var value = id.Groups[1].Value;
                string With(string replacement) =>
                    path[..id.Groups[1].Index] + replacement + path[(id.Groups[1].Index + value.Length)..] + (query.Length > 0 ? "?" + query : "");
                await SendAsync(client, new FuzzRequest(target, $"route id {value} written 0000{value}", "GET", With("0000" + value))
                    { Kind = "route id 0-padded", NonCanonicalId = true });
                await SendAsync(client, new FuzzRequest(target, $"route id {value} written +{value}", "GET", With("+" + value))
                    { Kind = "route id plus sign", NonCanonicalId = true });
                foreach (var odd in OddIds.OrderBy(_ => random.Next()).Take(3))
                    await SendAsync(client, new FuzzRequest(target, $"route id {value} as {odd}", "GET", With(odd)) { Kind = "route id odd" });
            }
            if (query.Length > 0)
            {
                var pairs = query.Split('&');
                for (var i = 0; i < pairs.Length; i++)
                {
                    var odd = OddQueryValues[random.Next(OddQueryValues.Length)];
                    var changed = pairs.Select((p, j) => j == i ? p.Split('=')[0] + "=" + odd : p);
                    await SendAsync(client, new FuzzRequest(target, $"query {pairs[i].Split('=')[0]} = {odd}", "GET", path + "?" + string.Join('&', changed))
                        { Kind = "query value odd" });
                }
            }
            else if (random.Next(3) == 0)
            {
                var odd = new[] { "page=-1", "page=2147483648", "culture=xx-INVALID", "ui-culture=..%2F..%2Fetc", "returnUrl=%2F%2Fevil.example", "id=00001" }[random.Next(6)];
                await SendAsync(client, new FuzzRequest(target, "extra query " + odd, "GET", path + "?" + odd) { Kind = "query extra" });
            }
        }
    }

    /// <summary>The endpoints the API's own OpenAPI document lists, with every path and query parameter malformed.</summary>
    public async Task ApiAsync()
    {
        var client = clients["anonymous"];
        var document = await client.GetAsync("GET /api/v1/openapi.json", "the API description", "/api/v1/openapi.json");
        await verdicts.CheckAsync(client, document);
        if (document.Status != HttpStatusCode.OK)
        {
            run.Fail("API description missing", "no OpenAPI document at /api/v1/openapi.json", document);
            return;
        }
        using var json = JsonDocument.Parse(document.Body);
        foreach (var path in json.RootElement.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out var get)) continue;
            var target = "GET " + path.Name;
            var parameters = get.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
            var inPath = parameters.Where(x => x.GetProperty("in").GetString() == "path").Select(x => x.GetProperty("name").GetString()!).ToList();
            var inQuery = parameters.Where(x => x.GetProperty("in").GetString() == "query").Select(x => x.GetProperty("name").GetString()!).ToList();
            string Fill(string? odd = null, string? which = null) =>
                inPath.Aggregate(path.Name, (url, name) => url.Replace("{" + name + "}", name == which ? odd : "1", StringComparison.Ordinal));

            await SendAsync(client, new FuzzRequest(target, "with id 1", "GET", Fill()));
            foreach (var name in inPath)
            {
                await SendAsync(client, new FuzzRequest(target, $"{name} written 0001", "GET", Fill("0001", name)) { Kind = "route id 0-padded", NonCanonicalId = true });
                await SendAsync(client, new FuzzRequest(target, $"{name} written +1", "GET", Fill("+1", name)) { Kind = "route id plus sign", NonCanonicalId = true });
                foreach (var odd in OddIds)
                    await SendAsync(client, new FuzzRequest(target, $"{name} = {odd}", "GET", Fill(odd, name)) { Kind = "API id odd" });
            }
            foreach (var name in inQuery)
            foreach (var odd in OddQueryValues)
                await SendAsync(client, new FuzzRequest(target, $"query {name} = {odd}", "GET", Fill() + "?" + name + "=" + odd) { Kind = "API query odd" });
            foreach (var accept in new[] { "application/xml", "text/html", "*/*;q=abc", "application/json;charset=utf-7" })
                await SendAsync(client, new FuzzRequest(target, "Accept: " + accept, "GET", Fill()) { Kind = "API accept", Headers = [("Accept", accept)] });
        }
    }

    /// <summary>Headers, cookies, methods and bodies no browser sends, on pages, the API, a form and the hub endpoints.</summary>
    public async Task HeadersAsync(IReadOnlyList<CrawledPage> pages, IReadOnlyList<FormSpec> forms)
    {
        var random = run.RandomFor("headers");
        var anonymous = clients["anonymous"];
        var pool = pages.Where(p => p.Status == HttpStatusCode.OK).DistinctBy(p => FuzzRun.Shape(p.Url)).OrderBy(_ => random.Next()).Take(4)
            .Append(new CrawledPage("anonymous", "/", HttpStatusCode.OK, null)).Append(new CrawledPage("anonymous", "/api/v1/contests", HttpStatusCode.OK, null))
            .ToList();
        (string Name, string Value)[] headers =
        [
            ("Accept-Language", "zz-ZZ;q=abc, *;q=2, " + new string('x', 300)),
            ("Accept-Language", new string('a', 8000)),
            ("Cookie", ".AspNetCore.Culture=c=xx-INVALID|uic=../../etc"),
            ("Cookie", ".AspNetCore.Culture=c=zh-CN-x-" + new string('a', 200) + "|uic=en"),
            ("Cookie", ".AspNetCore.Culture=" + new string('%', 50)),
            ("Cookie", "chub.af=garbage; .AspNetCore.Identity.Application=garbage"),
            ("Cookie", ".AspNetCore.Mvc.CookieTempDataProvider=garbage; .AspNetCore.Mvc.CookieTempDataProviderC1=x"),
            ("Cookie", ".AspNetCore.Identity.Application=chunks-2; .AspNetCore.Identity.ApplicationC1=a; .AspNetCore.Identity.ApplicationC2="),
            ("Cookie", string.Join("; ", Enumerable.Range(0, 300).Select(i => $"c{i}=v"))),
            ("X-Forwarded-For", "not-an-ip, 999.999.999.999"),
            ("X-Forwarded-Proto", "javascript"),
            ("X-Forwarded-Host", "evil.example"),
            ("Host", "evil.example"),
            ("Host", "127.0.0.1:99999"),
            ("Range", "bytes=99999999999-, -1"),
            ("If-Modified-Since", "garbage"),
            ("If-None-Match", new string('"', 500)),
            ("Referer", "javascript:alert(1)"),
            ("User-Agent", "模糊\u202E测试"),
            ("X-HTTP-Method-Override", "DELETE"),
            ("Content-Length", "abc"),
            ("X-Huge", new string('h', 40_000)),
        ];
        foreach (var (name, value) in headers)
        foreach (var page in pool.OrderBy(_ => random.Next()).Take(2))
            await SendAsync(clients[page.Role], new FuzzRequest("GET " + FuzzRun.Shape(page.Url), $"header {name}: {FuzzRequest.Show(value, 30)}", "GET", page.Url)
                { Kind = "odd header " + name, Headers = [(name, value)] });
        foreach (var (culture, ui) in new[] { ("xx-INVALID", "en"), ("..%2F..%2Fetc", ""), ("zh-CN-x-" + new string('a', 100), "iv"), ("", "") })
            await SendAsync(anonymous, new FuzzRequest("GET /", "culture in the query", "GET", $"/?culture={culture}&ui-culture={ui}") { Kind = "odd culture" });

        foreach (var page in pool)
        foreach (var method in new[] { "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD", "PROPFIND" }.OrderBy(_ => random.Next()).Take(3))
            await SendAsync(clients[page.Role], new FuzzRequest("GET " + FuzzRun.Shape(page.Url), "method " + method, method, page.Url) { Kind = "odd method" });

        // Bodies: a form sent with content types and encodings no browser uses, and one body over the server's limit.
        var login = forms.FirstOrDefault(f => f.Role == "anonymous" && f.Action.StartsWith("/account/login", StringComparison.Ordinal));
        if (login is not null)
        {
            var baseline = Mutations.Baseline(login, random);
            var body = Encoding.UTF8.GetBytes(FuzzClient.UrlEncoded(baseline.Parts));
            (string Type, byte[] Body, (string, string)[] Headers)[] bodies =
            [
                ("application/x-www-form-urlencoded; charset=utf-7", body, []),
                ("application/x-www-form-urlencoded; charset=nope", body, []),
                ("multipart/form-data; boundary=" + new string('b', 200), body, []),
                ("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"Email\"\r\n\r\nunterminated"u8.ToArray(), []),
                ("text/plain", body, []),
                ("application/x-www-form-urlencoded", body, [("Content-Encoding", "gzip")]),
                ("application/x-www-form-urlencoded", [0xC3, 0x28, 0xFF, 0xFE, 0x00, 0x3D, 0x26], []),
                ("application/x-www-form-urlencoded", [.. body, .. Encoding.ASCII.GetBytes("&Email=" + new string('a', 31 * 1024 * 1024))], []),
            ];
            foreach (var (type, content, extra) in bodies)
                await SendAsync(anonymous, baseline with
                {
                    Label = $"body as {FuzzRequest.Show(type, 50)} ({content.Length} bytes)", Kind = "odd body", Body = BodyKind.Raw, ContentType = type,
                    RawBody = content, Headers = extra,
                });
        }

        // The hubs' HTTP endpoints, as a client that does not speak SignalR would call them.
        foreach (var (method, url) in new[]
                 {
                     ("POST", "/hubs/stage/negotiate?negotiateVersion=abc"), ("POST", "/hubs/stage/negotiate?negotiateVersion=99999999999"),
                     ("GET", "/hubs/stage?id=garbage"), ("POST", "/hubs/stage?id=garbage"), ("GET", "/hubs/stage"), ("POST", "/hubs/live/negotiate"),
                     ("DELETE", "/hubs/stage?id=" + new string('a', 500)),
                 })
            await SendAsync(anonymous, new FuzzRequest("hub endpoint", $"{method} {url}", method, url) { Kind = "hub endpoint" });
    }

    [GeneratedRegex(@"/(\d+)(?=/|$|\.)")]
    private static partial Regex IdSegment();
}
