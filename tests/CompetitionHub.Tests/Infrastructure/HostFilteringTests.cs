using System.Net;
using CompetitionHub.TestSupport;

namespace CompetitionHub.Tests.Infrastructure;

/// <summary>In production a request must name the site (or the machine itself, or a host listed in AllowedHosts).</summary>
public sealed class HostFilteringTests(HostFilteringTests.Host host) : IClassFixture<HostFilteringTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host()
        {
            EnvironmentName = "Production";
            With("Site:PublicBaseUrl", PublicSite.BaseUrl);
        }
    }

    [Fact]
    public async Task ForgotPassword_IsRefusedWith400AndMailsNothing_WhenTheHostHeaderIsForged()
    {
        var victim = TestUsers.NewEmail("victim");
        await host.CreateUserAsync(victim, "OldSecret1");
        var attacker = host.CreateFormClient();
        var form = await attacker.FillFormAsync("/account/forgot-password", [new("Email", victim)]);

        attacker.ForgingHost();
        var asked = await form.SubmitAsync();
        var page = await attacker.GetAsync("/account/forgot-password");

        Assert.Equal(HttpStatusCode.BadRequest, asked.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Empty(await host.NotificationsToAsync(victim, "password-reset"));
    }

    [Theory]
    [InlineData("cy.jl.gov.cn")]
    [InlineData("CY.JL.GOV.CN")]
    [InlineData("localhost")]
    [InlineData("127.0.0.1:5080")]
    [InlineData("[::1]")]
    public async Task Request_IsServed_WhenTheHostIsTheSiteOrTheMachineItself(string hostHeader)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Host = hostHeader;

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    /// <summary>A name the proxy uses for the app (its upstream, when it does not pass the public Host on) is listed in AllowedHosts.</summary>
    [Fact]
    public async Task Request_IsServed_WhenTheHostIsListedInAllowedHosts()
    {
        await using var app = new Host().With("AllowedHosts", "hub.internal;*.hub.internal");
        var listed = app.CreateClient();
        listed.DefaultRequestHeaders.Host = "node1.hub.internal";
        var site = app.CreateClient();
        site.DefaultRequestHeaders.Host = "cy.jl.gov.cn";

        Assert.Equal(HttpStatusCode.OK, (await listed.GetAsync("/account/login")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.GetAsync("/account/login")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.CreateClient().ForgingHost().GetAsync("/account/login")).StatusCode);
    }
}
