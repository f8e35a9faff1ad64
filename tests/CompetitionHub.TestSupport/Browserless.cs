using System.Net;

namespace CompetitionHub.TestSupport;

/// <summary>
/// A real HttpClient with its own cookie jar against a real Kestrel address. Its cookies are handed to SignalR
/// clients, which need the auth cookie for the WebSocket handshake.
/// </summary>
public sealed class Browserless : IDisposable
{
    /// <param name="cookies">A jar to share with another client (two tabs of one browser); a new one if not given.</param>
    public Browserless(Uri baseAddress, CookieContainer? cookies = null)
    {
        Cookies = cookies ?? new CookieContainer();
        Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    }

    public CookieContainer Cookies { get; }
    public HttpClient Http { get; }

    public Task SignInAsync(string email, string password = TestUsers.DemoPassword) => Http.SignInOrThrowAsync(email, password);

    public void Dispose() => Http.Dispose();
}
