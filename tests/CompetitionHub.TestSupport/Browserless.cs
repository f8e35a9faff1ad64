using System.Net;
using System.Text.RegularExpressions;

namespace CompetitionHub.TestSupport;

/// <summary>
/// A real HttpClient with its own cookie jar against a real Kestrel address: signs in through the login form,
/// and hands its cookies to SignalR clients, which need them for the WebSocket handshake.
/// </summary>
public sealed partial class Browserless : IDisposable
{
    private readonly HttpClient http;

    public Browserless(Uri baseAddress)
    {
        http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    }

    public CookieContainer Cookies { get; } = new();
    public HttpClient Http => http;

    public async Task SignInAsync(string email, string password = "Demo2026!")
    {
        var form = await http.GetStringAsync("/account/login");
        var token = AntiforgeryToken().Match(form);
        if (!token.Success) throw new InvalidOperationException("The login page has no antiforgery token.");
        var response = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in of {email} answered {(int)response.StatusCode}, not a redirect.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    public void Dispose() => http.Dispose();
}
