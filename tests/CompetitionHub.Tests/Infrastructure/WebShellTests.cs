using System.Net;
using System.Text.Json;
using CompetitionHub.TestSupport;

namespace CompetitionHub.Tests.Infrastructure;

public sealed class WebShellTests(WebShellTests.Host host) : IClassFixture<WebShellTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host() => EnvironmentName = "Production";
    }

    [Fact]
    public async Task Health_ReportsDatabaseAndHangfire()
    {
        var response = await host.CreateClient().GetAsync("/health");

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.True(checks.TryGetProperty("hangfire", out _));
    }

    [Fact]
    public async Task UnknownPage_ShowsTheFriendlyChinesePage_With404()
    {
        var response = await host.CreateClient().GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("页面不存在", html);
        Assert.Contains("返回首页", html);
    }

    [Fact]
    public async Task Pages_CarryTheSecurityHeaders()
    {
        var response = await host.CreateClient().GetAsync("/");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.NotNull(response.Headers.GetValues("Referrer-Policy").SingleOrDefault());
    }

    [Fact]
    public async Task Hangfire_IsClosedToAnonymousVisitors()
    {
        var client = host.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Home_SpeaksEnglish_WhenTheCultureCookieSaysSo()
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");

        var html = await client.GetStringAsync("/");

        Assert.Contains("China Innovation &amp; Entrepreneurship Competition (Jilin Division)", html);
        Assert.Contains("<html lang=\"en\">", html);
    }
}
