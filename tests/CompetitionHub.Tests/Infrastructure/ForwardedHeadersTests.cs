using System.Net;
using CompetitionHub.Tests.Registration;
using CompetitionHub.TestSupport;

namespace CompetitionHub.Tests.Infrastructure;

/// <summary>
/// The app on a real Kestrel behind a reverse proxy on 127.0.0.1 (<see cref="ForwardingProxy"/>), in production: what
/// the proxy forwards (the client's address, https) counts only when its address is listed in Proxy:KnownProxies or
/// Proxy:KnownNetworks.
/// </summary>
public sealed class ForwardedHeadersTests(ForwardedHeadersTests.Host host) : IClassFixture<ForwardedHeadersTests.Host>
{
    public const string PublicAddress = "https://cy.jl.gov.cn/";

    /// <summary>The single-box setup: an nginx on the same machine, listed as 127.0.0.1.</summary>
    public sealed class Host() : ProxiedApp("127.0.0.1", null);

    public class ProxiedApp : AppFactory
    {
        public ProxiedApp(string? knownProxy, string? knownNetwork)
        {
            Kestrel = true;
            EnvironmentName = "Production";
            With("Site:PublicBaseUrl", PublicAddress);
            With("RateLimits:Auth:PermitLimit", "3");
            if (knownProxy is not null) With("Proxy:KnownProxies:0", knownProxy);
            if (knownNetwork is not null) With("Proxy:KnownNetworks:0", knownNetwork);
        }

        public HttpClient ClientAt(string address) => ForwardingProxy.Client(new Uri(PublicAddress), ServerAddress, address);
    }

    [Fact]
    public async Task SignIn_CountsEachClientSeparately_WhenAListedProxyForwardsTheirAddresses()
    {
        var first = host.ClientAt("203.0.113.7");
        var second = host.ClientAt("203.0.113.8");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await first.SignInAsync(TestUsers.NewEmail("guess"), $"Wrong{i}pass")).StatusCode);
        // The first client claims other addresses itself; the proxy appends the one it saw, and only that one is believed.
        first.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.99");
        var claimed = await first.SignInAsync(TestUsers.NewEmail("guess"), "Wrong9pass");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, claimed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.SignInAsync(TestUsers.NewEmail("guess"), "Wrong0pass")).StatusCode);
    }

    [Fact]
    public async Task Cookies_AreSecure_WhenAListedProxyForwardsHttps()
    {
        var email = TestUsers.NewEmail("secure");
        await host.CreateUserAsync(email, TestUsers.DemoPassword);
        var client = host.ClientAt("203.0.113.20");

        var form = await client.GetAsync("/account/login");
        var signIn = await client.SignInAsync(email, TestUsers.DemoPassword);
        var culture = await client.PostFormAsync("/culture", [new("culture", "en")], "/");
        var teamId = await client.CreateTeamAsync();
        var invited = await client.PostFormAsync($"/teams/{teamId}/invitations", [new("Email", TestUsers.NewEmail("invitee"))], $"/teams/{teamId}");

        Assert.True(SetsSecureCookie(form, "chub.af"), Cookies(form));
        Assert.True(SetsSecureCookie(signIn, "chub.auth"), Cookies(signIn));
        Assert.True(SetsSecureCookie(culture, ".AspNetCore.Culture"), Cookies(culture));
        Assert.True(SetsSecureCookie(invited, ".AspNetCore.Mvc.CookieTempDataProvider"), Cookies(invited));
        // The browser is told to keep to https from now on, as it is on https.
        Assert.True(form.Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>The proxy on 127.0.0.1 is not listed: by default nothing is, and loopback is not believed either.</summary>
    [Theory]
    [InlineData(null, null)]
    [InlineData("10.0.0.5", "10.0.0.0/8")]
    public async Task ForwardedHeaders_AreIgnored_WhenTheProxyIsNotListed(string? knownProxy, string? knownNetwork)
    {
        await using var app = new ProxiedApp(knownProxy, knownNetwork);
        var first = app.ClientAt("203.0.113.7");
        var second = app.ClientAt("203.0.113.8");

        var form = await first.GetAsync("/account/login");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await first.SignInAsync(TestUsers.NewEmail("guess"), $"Wrong{i}pass")).StatusCode);
        var other = await second.SignInAsync(TestUsers.NewEmail("guess"), "Wrong0pass");

        // Every client behind the proxy is one client to the app: the proxy's address.
        Assert.Equal(HttpStatusCode.TooManyRequests, other.StatusCode);
        Assert.False(SetsSecureCookie(form, "chub.af"), Cookies(form));
        Assert.False(form.Headers.Contains("Strict-Transport-Security"));
    }

    private static bool SetsSecureCookie(HttpResponseMessage response, string name)
    {
        var cookie = Assert.Single(SetCookies(response), c => c.StartsWith(name + "=", StringComparison.Ordinal));
        return cookie.Split(';').Any(a => a.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static string Cookies(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: " + string.Join(" | ", SetCookies(response));
}
