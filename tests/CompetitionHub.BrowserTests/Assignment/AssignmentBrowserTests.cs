using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace CompetitionHub.BrowserTests.Assignment;

/// <summary>The organizer previews the online-review assignment, commits it, and a judge finds their entries.</summary>
public sealed class AssignmentBrowserTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private static readonly string[] Titles = ["智能温室控制系统", "玉米秸秆生物炭", "汽车座椅轻量化", "人参皂苷提取工艺", "冰雪旅游数字平台", "光纤光栅传感器"];

    /// <summary>Six approved entries of the seeded 中国创新创业大赛（吉林赛区）, as the review would have left them.</summary>
    private async Task<int> ApprovedEntriesAndOnlineRoundAsync()
    {
        var contest = await host.App.WithDbAsync(db => db.Contests.Include(c => c.Tracks).Include(c => c.Rounds).SingleAsync(c => c.Slug == "cie-jilin"));
        var leader = await host.App.CreateUserAsync(TestUsers.NewEmail("leader"), TestUsers.DemoPassword, "周队长", roles: "Contestant");
        await host.App.WithDbAsync(async db =>
        {
            for (var i = 0; i < Titles.Length; i++)
            {
                var team = new Team { Name = "团队" + (i + 1), CreatedAt = DateTime.UtcNow };
                team.Members.Add(new TeamMember { UserId = leader.Id, IsLeader = true, JoinedAt = DateTime.UtcNow });
                db.Entries.Add(new Entry
                {
                    ContestId = contest.Id, TrackId = contest.Tracks[0].Id, Team = team, Title = Titles[i],
                    Industry = contest.IndustryFields[i % contest.IndustryFields.Count], ApplicantType = ApplicantType.Team,
                    Status = EntryStatus.Approved, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, SubmittedAt = DateTime.UtcNow,
                });
            }
            await db.SaveChangesAsync();
        });
        return contest.Rounds.Single(r => r.Kind == RoundKind.OnlineReview).Id;
    }

    [Fact]
    public async Task Organizer_PreviewsAndCommitsTheAssignment_AndTheJudgeSeesTheirEntries()
    {
        var roundId = await ApprovedEntriesAndOnlineRoundAsync();
        var organizer = await host.NewPageAsync();
        await organizer.SignInAsync(TestUsers.DemoOrganizer);

        await organizer.GotoAsync($"/manage/rounds/{roundId}/assignment");
        await organizer.Locator("#assignment-k").FillAsync("3");
        await organizer.Locator("#assignment-preview").ClickAsync();
        await Expect(organizer.Locator("#plan-complete")).ToBeVisibleAsync();
        await Expect(organizer.Locator("#plan-table tr.plan-row")).ToHaveCountAsync(Titles.Length);
        // Five seeded judges, six entries, three each: 18 reviews, so every judge gets 3 or 4.
        await Expect(organizer.Locator("#plan-stats")).ToHaveAttributeAsync("data-min-load", "3");
        await Expect(organizer.Locator("#plan-stats")).ToHaveAttributeAsync("data-max-load", "4");
        await BrowserHost.ScreenshotAsync(organizer, "assignment-preview");
        Assert.Equal(0, await host.App.WithDbAsync(db => db.ReviewAssignments.CountAsync(a => a.RoundId == roundId)));

        await organizer.Locator("#assignment-commit").ClickAsync();
        await Expect(organizer.Locator("#status-message")).ToBeVisibleAsync();
        await Expect(organizer.Locator("#committed-table tr.committed-row")).ToHaveCountAsync(Titles.Length);

        var judgeId = await host.App.WithDbAsync(db => db.Users.Where(u => u.Email == "judge@demo.competitionhub.cn").Select(u => u.Id).SingleAsync());
        var mine = await host.App.WithDbAsync(db => db.ReviewAssignments.Where(a => a.RoundId == roundId && a.JudgeUserId == judgeId)
            .Join(db.Entries, a => a.EntryId, e => e.Id, (a, e) => e.Title).ToListAsync());
        Assert.InRange(mine.Count, 3, 4);

        var judge = await host.NewPageAsync(390, 844);
        await judge.SignInAsync("judge@demo.competitionhub.cn");
        await judge.GotoAsync("/judging");
        await Expect(judge.Locator($"#judge-assignments .judge-round[data-round-id='{roundId}'] tr.judge-assignment")).ToHaveCountAsync(mine.Count);
        foreach (var title in mine)
            await Expect(judge.Locator("#judge-assignments")).ToContainTextAsync(title);
        await Expect(judge.Locator($".judge-round[data-round-id='{roundId}'] .judge-round-deadline")).ToContainTextAsync("2027-03-10 18:00");
        await BrowserHost.ScreenshotAsync(judge, "assignment-judge-phone");
    }
}
