using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace CompetitionHub.TestSupport;

/// <summary>
/// Posting forms the way a browser does: open the page, take its antiforgery token, post with the same cookies.
/// Clients never follow redirects, so tests see where a post sends them.
/// </summary>
public static partial class FormPosting
{
    /// <summary>A cookie-carrying client; <paramref name="culture"/> ("en") sets the culture cookie the app reads.</summary>
    public static HttpClient CreateFormClient(this AppFactory app, string? culture = null)
    {
        if (culture is null)
            return app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var baseAddress = new Uri("http://localhost");
        var cookies = new CookieContainer();
        cookies.Add(baseAddress, new Cookie(".AspNetCore.Culture", $"c={culture}|uic={culture}"));
        return app.CreateDefaultClient(baseAddress, new CookieContainerHandler(cookies));
    }

    /// <summary>Fetches <paramref name="formPage"/> (default: <paramref name="url"/>) for its token, then posts the fields.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url,
        IEnumerable<KeyValuePair<string, string>> fields, string? formPage = null)
    {
        var page = await client.GetAsync(formPage ?? url);
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryToken(html)
            ?? throw new InvalidOperationException($"No antiforgery token on {formPage ?? url} ({(int)page.StatusCode}).");
        return await client.PostAsync(url, new FormUrlEncodedContent(
            fields.Append(new KeyValuePair<string, string>("__RequestVerificationToken", token))));
    }

    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url,
        params (string Name, string Value)[] fields) =>
        client.PostFormAsync(url, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    /// <summary>Signs in through the real login form; the client then carries the auth cookie.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password) =>
        await client.PostFormAsync("/account/login", ("Email", email), ("Password", password));

    /// <summary>Signs in and fails loudly if the app did not redirect (i.e. re-showed the form with an error).</summary>
    public static async Task SignInOrThrowAsync(this HttpClient client, string email, string password)
    {
        var response = await client.SignInAsync(email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {email} failed with {(int)response.StatusCode}.");
    }

    public static string? AntiforgeryToken(string html)
    {
        var match = TokenInput().Match(html);
        if (!match.Success) return null;
        return WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value);
    }

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="([^"]+)"|<input[^>]*value="([^"]+)"[^>]*name="__RequestVerificationToken""")]
    private static partial Regex TokenInput();
}
