using System.Net;
using System.Net.Http.Json;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Dashboard;
using CompetitionHub.Web.Features.Notifications;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CompetitionHub.Tests.Dashboard;

public sealed class DashboardPageTests(DashboardPageTests.Host host) : IClassFixture<DashboardPageTests.Host>
{
    public sealed class Host : AppFactory;

    private const string Organizer = TestUsers.DemoOrganizer;
    private const string Contestant = TestUsers.DemoContestant;

    [Fact]
    public async Task Index_ShowsChineseHeadingAndContests_WhenOrganizerSignedIn()
    {
        var client = await SignedInClientAsync(Organizer);

        var response = await client.GetAsync("/organizer");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1 class=\"h3 mb-0\">组织者工作台</h1>", html);
        Assert.Contains("中国创新创业大赛（吉林赛区）", html);
        Assert.Contains("href=\"/hangfire\"", html);
        Assert.Contains("href=\"/health\"", html);
        // Registration closes 2027-01-31 23:59:59 China time (seeds/contests.json), shown as such, not in UTC.
        Assert.Contains("2027-01-31 23:59", html);
    }

    [Fact]
    public async Task Index_IsForbidden_WhenContestantSignedIn()
    {
        var client = await SignedInClientAsync(Contestant);

        var response = await client.GetAsync("/organizer");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/access-denied", PathOf(response.Headers.Location));
    }

    [Fact]
    public async Task Index_RedirectsToSignIn_WhenAnonymous()
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/organizer");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", PathOf(response.Headers.Location));
    }

    [Theory]
    [InlineData(TestUsers.DemoOrganizer)]
    [InlineData(TestUsers.DemoAdmin)]
    public async Task Hangfire_OpensForStaff(string email)
    {
        var response = await (await SignedInClientAsync(email)).GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("CompetitionHub jobs", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(TestUsers.DemoContestant)]
    [InlineData(TestUsers.DemoJudge)]
    public async Task Hangfire_IsDenied_WhenTheUserIsNotStaff(string email)
    {
        var response = await (await SignedInClientAsync(email)).GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/access-denied", PathOf(response.Headers.Location));
    }

    [Fact]
    public async Task OutboxStatus_CountsNotificationsByStatus_WhenOrganizerSignedIn()
    {
        var before = await (await SignedInClientAsync(Organizer)).GetFromJsonAsync<OutboxCounts>("/organizer/outbox-status");
        await host.WithDbAsync(async db =>
        {
            var outbox = new Outbox(db, TimeProvider.System);
            outbox.Queue("a@example.test", null, "test", "zh-CN", new { });
            outbox.Queue("b@example.test", null, "test", "zh-CN", new { });
            outbox.Queue("c@example.test", null, "test", "zh-CN", new { }).Status = NotificationStatus.Sent;
            outbox.Queue("d@example.test", null, "test", "zh-CN", new { }).Status = NotificationStatus.Failed;
            await db.SaveChangesAsync();
        });

        var after = await (await SignedInClientAsync(Organizer)).GetFromJsonAsync<OutboxCounts>("/organizer/outbox-status");

        Assert.NotNull(before);
        Assert.Equal(new OutboxCounts(before.Pending + 2, before.Sent + 1, before.Failed + 1), after);
    }

    private async Task<HttpClient> SignedInClientAsync(string email)
    {
        var client = host.CreateFormClient();
        await client.SignInOrThrowAsync(email, TestUsers.DemoPassword);
        return client;
    }

    private static string PathOf(Uri? location) =>
        location is null ? "" : location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];

}
