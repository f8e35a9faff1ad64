using System.Text.Json;
using CompetitionHub.Tests.Infrastructure;
using CompetitionHub.TestSupport;

namespace CompetitionHub.Tests.Api;

public sealed class OpenApiServerTests(OpenApiServerTests.Host host) : IClassFixture<OpenApiServerTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host() => this.OnPublicSiteAcceptingAnyHost();
    }

    [Fact]
    public async Task OpenApi_NamesTheConfiguredSiteAsItsServer_WhenTheHostHeaderIsForged()
    {
        var client = host.CreateClient().ForgingHost();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/api/v1/openapi.json"));

        var server = Assert.Single(document.RootElement.GetProperty("servers").EnumerateArray());
        Assert.Equal(PublicSite.BaseUrl, server.GetProperty("url").GetString());
    }
}
