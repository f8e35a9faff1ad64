using CompetitionHub.TestSupport;

namespace CompetitionHub.Tests.Configuration;

/// <summary>Settings that would make links or client addresses wrong stop the start, saying which and why.</summary>
public sealed class StartupSettingsTests
{
    [Fact]
    public async Task Start_FailsNamingTheSetting_WhenPublicBaseUrlIsMissingOutsideDevelopment()
    {
        var error = await StartAsync(("Site:PublicBaseUrl", null));

        Assert.Contains("Site:PublicBaseUrl is required outside Development", error);
    }

    [Theory]
    [InlineData("cy.jl.gov.cn")]
    [InlineData("/hub")]
    [InlineData("ftp://cy.jl.gov.cn")]
    [InlineData("https://cy.jl.gov.cn/?from=mail")]
    [InlineData("https://cy.jl.gov.cn/#top")]
    [InlineData("https://admin:secret@cy.jl.gov.cn")]
    public async Task Start_FailsNamingTheValue_WhenPublicBaseUrlIsMalformed(string value)
    {
        var error = await StartAsync(("Site:PublicBaseUrl", value));

        Assert.Contains($"Site:PublicBaseUrl '{value}' is not usable", error);
    }

    [Theory]
    [InlineData("Proxy:KnownProxies:0", "10.0.0.300")]
    [InlineData("Proxy:KnownProxies:0", "10.1")]
    [InlineData("Proxy:KnownProxies:0", "proxy.internal")]
    [InlineData("Proxy:KnownProxies:0", "10.0.0.0/8")]
    [InlineData("Proxy:KnownNetworks:0", "10.0.0.0")]
    [InlineData("Proxy:KnownNetworks:0", "10.0.0.1/8")]
    [InlineData("Proxy:KnownNetworks:0", "10.0.0.0/33")]
    [InlineData("Proxy:KnownNetworks:0", "10/8")]
    public async Task Start_FailsNamingTheEntry_WhenAProxySettingIsMalformed(string key, string value)
    {
        var error = await StartAsync(("Site:PublicBaseUrl", "https://cy.jl.gov.cn"), (key, value));

        Assert.Contains($"{key[..^2]} entry '{value}' is not", error);
    }

    [Theory]
    [InlineData("RateLimits:Auth:PermitLimit", "0", "RateLimits:Auth")]
    [InlineData("RateLimits:Uploads:WindowSeconds", "-5", "RateLimits:Uploads")]
    [InlineData("Hangfire:WorkerCount", "0", "WorkerCount")]
    [InlineData("Uploads:MaxBytes", "0", "MaxBytes")]
    [InlineData("Matchmaking:SlotMinutes", "1000", "SlotMinutes")]
    public async Task Start_FailsNamingTheSetting_WhenANumberIsOutOfRange(string key, string value, string named)
    {
        var error = await StartAsync(("Site:PublicBaseUrl", "https://cy.jl.gov.cn"), (key, value));

        Assert.Contains(named, error);
    }

    [Fact]
    public async Task Start_Succeeds_WhenTheSiteAndItsProxiesAreWellFormed()
    {
        await using var app = new AppFactory { EnvironmentName = "Production" }
            .With("Site:PublicBaseUrl", "https://host.example/hub/")
            .With("Proxy:KnownProxies:0", "127.0.0.1").With("Proxy:KnownProxies:1", "::1")
            .With("Proxy:KnownNetworks:0", "10.0.0.0/8").With("Proxy:KnownNetworks:1", "fd00::/8");

        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.CreateClient().GetAsync("/account/login")).StatusCode);
    }

    /// <summary>Starts the app in production with these settings; returns the message it stopped with.</summary>
    private static async Task<string> StartAsync(params (string Key, string? Value)[] settings)
    {
        await using var app = new AppFactory { EnvironmentName = "Production" };
        foreach (var (key, value) in settings) app.With(key, value);

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        return error.ToString();
    }
}
