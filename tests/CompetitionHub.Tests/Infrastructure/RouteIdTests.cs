using System.Net;
using CompetitionHub.Tests.ActivityWeek;
using CompetitionHub.TestSupport;

namespace CompetitionHub.Tests.Infrastructure;

/// <summary>Ids in routes are written one way: a number that only parses to an id is not that id.</summary>
public sealed class RouteIdTests(RouteIdTests.Host host) : IClassFixture<RouteIdTests.Host>
{
    public sealed class Host : AppFactory;

    [Theory]
    [InlineData("0000{0}")]
    [InlineData("+{0}")]
    [InlineData("-{0}")]
    [InlineData("{0}.0")]
    [InlineData("%20{0}")]
    [InlineData("0")]
    [InlineData("99999999999")]
    public async Task Get_IsNotFound_WhenTheIdIsNotWrittenCanonically(string id)
    {
        var contest = await host.AddActivityWeekAsync();
        var ev = await host.AddEventAsync(contest, DateTime.UtcNow.AddDays(5));
        var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/activity-events/{ev}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/events/{ev}")).StatusCode);

        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, id, ev);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/activity-events/{path}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/events/{path}")).StatusCode);
    }

    [Fact]
    public async Task Post_DoesNotActOnTheEvent_WhenTheIdHasLeadingZeros()
    {
        var contest = await host.AddActivityWeekAsync();
        var ev = await host.AddEventAsync(contest, DateTime.UtcNow.AddDays(5));
        var email = TestUsers.NewEmail("visitor");
        await host.CreateUserAsync(email, TestUsers.DemoPassword);
        var visitor = host.CreateFormClient();
        await visitor.SignInOrThrowAsync(email, TestUsers.DemoPassword);
        var token = await visitor.TokenOfFormAsync($"/activity-events/{ev}/signup", $"/activity-events/{ev}");

        var response = await visitor.PostAsync($"/activity-events/000{ev}/signup",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await host.SignupsAsync(ev));
    }
}
