using System.Net;
using System.Text.Json;
using CompetitionHub.Tests.Contests;
using CompetitionHub.TestSupport;

namespace CompetitionHub.Tests.Api;

public sealed class ContestsApiTests(ContestsApiTests.Host host) : IClassFixture<ContestsApiTests.Host>
{
    public sealed class Host : AppFactory;

    [Fact]
    public async Task List_ReturnsPublishedContestsOnly_WithChineseNamesUnescaped()
    {
        var published = await host.AddContestAsync();
        var hidden = await host.AddContestAsync(published: false);
        await host.AddRoundAsync(published, criteria: 1);

        var response = await host.CreateClient().GetAsync("/api/v1/contests");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("测试赛事", body);
        using var json = JsonDocument.Parse(body);
        var ids = json.RootElement.EnumerateArray().Select(c => c.GetProperty("id").GetInt32()).ToList();
        Assert.Contains(published, ids);
        Assert.DoesNotContain(hidden, ids);
        var contest = json.RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetInt32() == published);
        Assert.Equal(1, contest.GetProperty("rounds").GetArrayLength());
    }

    [Fact]
    public async Task Get_Returns404_WhenContestIsNotPublished()
    {
        var hidden = await host.AddContestAsync(published: false);

        var response = await host.CreateClient().GetAsync($"/api/v1/contests/{hidden}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/v1/contests/2147483648/results", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/v1/no-such-thing", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/api/v1/contests", HttpStatusCode.MethodNotAllowed)]
    public async Task Refusals_AreProblemDetailsInJson_WhenNoEndpointAnswers(string method, string url, HttpStatusCode status)
    {
        var response = await host.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Rankings_Return404_WhenTheRoundHasNoPublishedVersion()
    {
        var contest = await host.AddContestAsync();
        var round = await host.AddRoundAsync(contest);

        var current = await host.CreateClient().GetAsync($"/api/v1/rounds/{round}/rankings");
        var version = await host.CreateClient().GetAsync($"/api/v1/rounds/{round}/rankings/versions/1");
        var results = await host.CreateClient().GetStringAsync($"/api/v1/contests/{contest}/results");

        Assert.Equal(HttpStatusCode.NotFound, current.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, version.StatusCode);
        using var json = JsonDocument.Parse(results);
        Assert.Equal(0, json.RootElement.GetProperty("rounds").GetArrayLength());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi_AndNoPages()
    {
        var body = await host.CreateClient().GetStringAsync("/api/v1/openapi.json");

        using var doc = JsonDocument.Parse(body);
        Assert.StartsWith("3.", doc.RootElement.GetProperty("openapi").GetString());
        var paths = doc.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/contests", paths);
        Assert.Contains("/api/v1/contests/{id}", paths);
        Assert.Contains("/api/v1/contests/{id}/results", paths);
        Assert.Contains("/api/v1/rounds/{roundId}/rankings", paths);
        Assert.Contains("/api/v1/rounds/{roundId}/rankings/versions/{number}", paths);
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p));
    }
}
