using System.Net;
using System.Text.RegularExpressions;
using CompetitionHub.Tests.Contests;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Dashboard;

/// <summary>
/// What staff see of what is not theirs, over real HTTP on Kestrel: the dashboard lists an Organizer's own contests, and
/// Hangfire's dashboard, which acts on every contest's mail and reminders, is read-only for Organizers.
/// </summary>
public sealed partial class StaffScopeTests(StaffScopeTests.Host host) : IClassFixture<StaffScopeTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host() => Kestrel = true;
    }

    private async Task<Browserless> SignedInAsync(string email)
    {
        var browser = new Browserless(host.ServerAddress);
        await browser.SignInAsync(email);
        return browser;
    }

    private async Task<(string Email, string UserId)> OrganizerAsync()
    {
        var email = TestUsers.NewEmail("org");
        var user = await host.CreateUserAsync(email, TestUsers.DemoPassword, roles: Roles.Organizer);
        return (email, user.Id);
    }

    private Task<string> ContestNameAsync(int contestId) =>
        host.WithDbAsync(db => db.Contests.Where(c => c.Id == contestId).Select(c => c.Name).SingleAsync());

    [Fact]
    public async Task Dashboard_ListsOnlyTheOrganizersContests_WhenAnotherOrganizersContestIsUnpublished()
    {
        var (mineEmail, mine) = await OrganizerAsync();
        var (_, theirs) = await OrganizerAsync();
        var own = await ContestNameAsync(await host.AddContestAsync(published: false, organizerUserId: mine));
        var other = await ContestNameAsync(await host.AddContestAsync(published: false, organizerUserId: theirs));
        using var organizer = await SignedInAsync(mineEmail);
        using var admin = await SignedInAsync(TestUsers.DemoAdmin);

        var organizerPage = await organizer.Http.GetStringAsync("/organizer");
        var adminPage = await admin.Http.GetStringAsync("/organizer");

        Assert.Contains(own, organizerPage);
        Assert.DoesNotContain(other, organizerPage);
        Assert.DoesNotContain("中国创新创业大赛（吉林赛区）", organizerPage);
        Assert.Contains(own, adminPage);
        Assert.Contains(other, adminPage);
    }

    [Fact]
    public async Task Hangfire_OffersNoTriggerAndRefusesOne_WhenTheUserIsAnOrganizer()
    {
        using var organizer = await SignedInAsync(TestUsers.DemoOrganizer);

        var page = await organizer.Http.GetStringAsync("/hangfire/recurring");
        var response = await TriggerAsync(organizer, page);

        Assert.Contains(SendDueNotifications.SweeperJobId, page);
        Assert.DoesNotContain("/hangfire/recurring/trigger", page);
        Assert.DoesNotContain("/hangfire/recurring/remove", page);
        Assert.False(response.IsSuccessStatusCode, $"{(int)response.StatusCode} for an Organizer's trigger");
        foreach (var command in new[] { "/hangfire/recurring/remove", "/hangfire/jobs/enqueued/delete", "/hangfire/jobs/failed/requeue" })
            Assert.False((await PostCommandAsync(organizer, page, command)).IsSuccessStatusCode, command);
    }

    [Fact]
    public async Task Hangfire_TriggersARecurringJob_WhenTheUserIsAnAdmin()
    {
        using var admin = await SignedInAsync(TestUsers.DemoAdmin);

        var page = await admin.Http.GetStringAsync("/hangfire/recurring");
        var response = await TriggerAsync(admin, page);

        Assert.Contains("/hangfire/recurring/trigger", page);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>What the page's Trigger button sends: the selected job ids, with the page's antiforgery header.</summary>
    private static Task<HttpResponseMessage> TriggerAsync(Browserless browser, string page) =>
        PostCommandAsync(browser, page, "/hangfire/recurring/trigger");

    private static async Task<HttpResponseMessage> PostCommandAsync(Browserless browser, string page, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent([new("jobs[]", SendDueNotifications.SweeperJobId)]),
        };
        request.Headers.Add(Meta(page, "csrf-header"), Meta(page, "csrf-token"));
        return await browser.Http.SendAsync(request);
    }

    private static string Meta(string page, string name)
    {
        var match = MetaTag().Matches(page).FirstOrDefault(m => m.Groups["name"].Value == name);
        Assert.True(match is not null, $"no <meta name=\"{name}\"> on the page");
        return WebUtility.HtmlDecode(match.Groups["content"].Value);
    }

    [GeneratedRegex("<meta name=\"(?<name>[^\"]+)\" content=\"(?<content>[^\"]*)\"")]
    private static partial Regex MetaTag();
}
