using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.ActivityWeek;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Matchmaking;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace CompetitionHub.BrowserTests.Matchmaking;

/// <summary>
/// The demo investor finds a project a team opened, asks for a meeting at the Activity Week's matchmaking session, the
/// team's leader accepts on a phone, and both see the booked time, venue and table; the organizer sees it on the schedule.
/// </summary>
public sealed class MatchmakingJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Venue = "长春国际会展中心 B 馆";

    [Fact]
    public async Task Meeting_IsBookedAndShownToBothSides_WhenInvestorAsksAndTeamAccepts()
    {
        var title = "寒地智能温室" + Guid.NewGuid().ToString("N")[..6];
        var leaderEmail = TestUsers.NewEmail("leader");
        var leaderUser = await host.App.CreateUserAsync(leaderEmail, BrowserSteps.DemoPassword, "林晓雨", roles: Roles.Contestant);
        var (entryId, eventId) = await host.App.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var contest = await db.Contests.Include(c => c.Tracks).SingleAsync(c => c.Slug == "cie-jilin");
            var week = await db.Contests.SingleAsync(c => c.Slug == "shuangchuang-week-jilin");
            var team = new Team { Name = "寒地农业团队", CreatedAt = now };
            team.Members.Add(new TeamMember { UserId = leaderUser.Id, IsLeader = true, JoinedAt = now });
            var entry = new Entry
            {
                ContestId = contest.Id, TrackId = contest.Tracks.First().Id, Team = team, Title = title, Summary = "在零下三十度稳定运行的智能温室。",
                Industry = contest.IndustryFields.First(), ApplicantType = ApplicantType.Enterprise, CompanyName = "吉林寒地农业科技有限公司",
                ContactName = "林晓雨", ContactPhone = "13900000001", ContactEmail = leaderEmail, Status = EntryStatus.Approved,
                CreatedAt = now, UpdatedAt = now, SubmittedAt = now,
            };
            db.Entries.Add(entry);
            var start = new DateTime(now.Year, now.Month, now.Day, 1, 0, 0, DateTimeKind.Utc).AddDays(10);
            var session = new ActivityEvent
            {
                ContestId = week.Id, Type = ActivityEventType.Matchmaking, Title = "投融资对接会", TitleEn = "Investor matchmaking",
                Venue = Venue, StartsAt = start, EndsAt = start.AddHours(2), IsPublished = true, CreatedAt = now, UpdatedAt = now,
            };
            db.ActivityEvents.Add(session);
            await db.SaveChangesAsync();
            return (entry.Id, session.Id);
        });

        // The team opens the entry to investors from its entry page.
        var leader = await host.NewPageAsync(390, 844);
        await leader.SignInAsync(leaderEmail);
        await leader.GotoAsync($"/entries/{entryId}");
        await leader.Locator("#entry-investor-visibility").ClickAsync();
        await leader.Locator("#VisibleToInvestors").CheckAsync();
        await leader.Locator("#Stage").SelectOptionAsync("Angel");
        await leader.Locator("#save-visibility").ClickAsync();
        await Expect(leader.Locator("#status-message")).ToBeVisibleAsync();

        var investor = await host.NewPageAsync();
        await investor.SignInAsync("investor@demo.competitionhub.cn");
        await investor.GotoAsync("/matchmaking/projects");
        await investor.Locator("#filter-q").FillAsync(title);
        await investor.Locator("#filter-apply").ClickAsync();
        await BrowserHost.ScreenshotAsync(investor, "matchmaking-projects");
        await investor.Locator($"#project-list a[data-entry-id='{entryId}']").ClickAsync();
        await Expect(investor.Locator("#project-title")).ToHaveTextAsync(title);
        await Expect(investor.Locator("#contact-hidden")).ToBeVisibleAsync();
        await investor.Locator("#EventId").SelectOptionAsync(eventId.ToString());
        await investor.Locator("#Message").FillAsync("我们关注寒地农业，想了解贵团队的天使轮计划。");
        await investor.Locator("#send-meeting-request").ClickAsync();
        await Expect(investor.Locator("#my-requests li[data-status='Pending']")).ToBeVisibleAsync();

        var meetingId = await host.App.WithDbAsync(db => db.MeetingRequests.Where(m => m.EntryId == entryId).Select(m => m.Id).SingleAsync());
        await leader.GotoAsync("/matchmaking/meetings");
        await leader.Locator($"#note-{meetingId}").FillAsync("期待见面");
        await leader.Locator($"#accept-{meetingId}").ClickAsync();
        await Expect(leader.Locator($"#meeting-slot-{meetingId}")).ToContainTextAsync(Venue);
        await BrowserHost.ScreenshotAsync(leader, "matchmaking-team-meetings");

        await investor.GotoAsync("/matchmaking/meetings");
        await Expect(investor.Locator($"#meeting-slot-{meetingId}")).ToContainTextAsync("1 号桌");
        await investor.GotoAsync($"/matchmaking/projects/{entryId}");
        await Expect(investor.Locator("#project-contact")).ToContainTextAsync("13900000001");

        var organizer = await host.NewPageAsync();
        await organizer.SignInAsync("organizer@demo.competitionhub.cn");
        await organizer.GotoAsync("/manage/matchmaking");
        await organizer.Locator($"#matchmaking-events tr[data-event-id='{eventId}'] a").ClickAsync();
        await Expect(organizer.Locator($"#meeting-schedule tr[data-meeting-id='{meetingId}']")).ToContainTextAsync(title);
        await BrowserHost.ScreenshotAsync(organizer, "matchmaking-organizer-schedule");
    }
}
