using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Roadshow;
using CompetitionHub.Web.Features.Scoring;
using CompetitionHub.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CompetitionHub.BrowserTests.Scoring;

/// <summary>
/// The hall's big screen at the two common projector sizes with a full session of 20 revealed entries: the page never
/// scrolls, names the contest, shows a timer readable from the back row, hides the connection state while it is fine, and
/// pages the ranking so every entry appears.
/// </summary>
public sealed class BigScreenBrowserTests(BigScreenBrowserTests.Host host) : IClassFixture<BigScreenBrowserTests.Host>
{
    public sealed class Host : BrowserHost;

    private const int Entries = 20;

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1280, 720)]
    public async Task BigScreen_FitsTheScreenAndPagesTheRanking_WhenTwentyEntriesAreRevealed(int width, int height)
    {
        var (sessionId, titles) = await ArrangeAsync();
        var screen = await host.NewPageAsync(width, height);
        await screen.GotoAsync($"/live/sessions/{sessionId}/screen");
        await Expect(screen.Locator("#liveIndicator")).ToHaveTextAsync("实时连接正常");
        await Expect(screen.Locator("#liveIndicator")).ToBeHiddenAsync();
        await Expect(screen.Locator("#screenContest")).ToHaveTextAsync("中国创新创业大赛（吉林赛区）");

        // The last entry is revealed as the session ends: its score, large, and the ranking of all 20.
        await Expect(screen.Locator("#latestScore .live-score")).ToHaveTextAsync("60.00");
        await Expect(screen.Locator("#rankingPage")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^1/\d$"));
        Assert.True(await FitsAsync(screen), $"the big screen scrolls at {width}×{height}");
        await BrowserHost.ScreenshotAsync(screen, $"big-screen-{width}x{height}");

        // The pages turn by themselves and together show every entry once, first page first.
        var pages = int.Parse((await screen.Locator("#rankingPage").TextContentAsync())!.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(pages, 2, Entries);
        var seen = new List<string>();
        for (var p = 1; p <= pages; p++)
        {
            await Expect(screen.Locator("#rankingPage")).ToHaveTextAsync($"{p}/{pages}", new() { Timeout = 20_000 });
            var visible = await screen.Locator("#rankingGroups tr:visible td:nth-child(2)").AllTextContentsAsync();
            Assert.NotEmpty(visible);
            seen.AddRange(visible);
            Assert.True(await FitsAsync(screen), $"page {p} of the ranking overflows at {width}×{height}");
        }
        Assert.Equal(titles.Reverse(), seen);

        // A timer readable from the back of the hall while an entry pitches: about a tenth of the screen's height.
        var timerHeight = await screen.Locator("#stageTimer").EvaluateAsync<double>("el => parseFloat(getComputedStyle(el).fontSize)");
        Assert.True(timerHeight >= height / 12.0, $"the timer is {timerHeight} px high at {width}×{height}");
    }

    /// <summary>Neither scroll bar: the document is no larger than the window.</summary>
    private static Task<bool> FitsAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth");

    /// <summary>
    /// A roadshow round of the seeded cie-jilin contest with one session of 20 entries, all scored by its judge and revealed
    /// in running order; entry i scored 41 + i, so the ranking is the running order reversed. The stage shows the last reveal.
    /// </summary>
    private async Task<(int SessionId, IReadOnlyList<string> Titles)> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var judge = await host.App.CreateUserAsync(TestUsers.NewEmail("judge"), BrowserSteps.DemoPassword, "赵评委", roles: Roles.Judge);
        return await host.App.WithDbAsync(async db =>
        {
            var contest = await db.Contests.Include(c => c.Tracks).Include(c => c.Rounds).SingleAsync(c => c.Slug == "cie-jilin");
            var now = DateTime.UtcNow;
            var round = new Round
            {
                ContestId = contest.Id, Name = "决赛路演" + tag, NameEn = "Final roadshow", Kind = RoundKind.Roadshow, Status = RoundStatus.Scoring,
                Sequence = contest.Rounds.Max(r => r.Sequence) + 1,
                Criteria = [new RubricCriterion { Sequence = 1, Name = "综合", NameEn = "Overall", MaxPointsHundredths = 10000, StepHundredths = 50 }],
            };
            db.ContestJudges.Add(new ContestJudge
            {
                ContestId = contest.Id, Email = judge.Email!, Name = judge.DisplayName, UserId = judge.Id, Status = JudgeStatus.Accepted,
                InvitedAt = now, AnsweredAt = now, InvitedByUserId = judge.Id,
            });
            var entries = Enumerable.Range(1, Entries).Select(i => new Entry
            {
                ContestId = contest.Id, TrackId = contest.Tracks.Single(t => t.Code == "startup").Id,
                Team = new Team { Name = $"团队{i:00}-{tag}", CreatedAt = now },
                Title = $"路演项目{i:00}号-{tag}", Industry = contest.IndustryFields.FirstOrDefault() ?? "", ApplicantType = ApplicantType.Enterprise,
                CompanyName = $"吉林项目{i:00}有限公司", CreditCode = "912201" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(),
                FoundedOn = new DateOnly(2024, 3, 1), AnnualRevenueYuan = 1_500_000, ContactName = "联系人", ContactPhone = "13800000000",
                ContactEmail = "contact@example.com", Status = EntryStatus.Approved, CreatedAt = now, UpdatedAt = now, SubmittedAt = now,
            }).ToList();
            db.Rounds.Add(round);
            db.Entries.AddRange(entries);
            await db.SaveChangesAsync();
            var session = new RoadshowSession
            {
                RoundId = round.Id, Name = "决赛第一场" + tag, Venue = "长春国际会展中心 A 厅", StartsAt = now, DrawnAt = now, PitchMinutes = 8,
                Panel = [new SessionJudge { JudgeUserId = judge.Id }],
                Slots = entries.Select((e, i) => new SessionSlot { RoundId = round.Id, EntryId = e.Id, Position = i + 1 }).ToList(),
            };
            db.RoadshowSessions.Add(session);
            for (var i = 0; i < Entries; i++)
            {
                var total = (41 + i) * 100;
                db.ScoreSheets.Add(new ScoreSheet
                {
                    RoundId = round.Id, EntryId = entries[i].Id, JudgeUserId = judge.Id, SubmissionId = Guid.NewGuid(), Status = SheetStatus.Submitted,
                    Lines = [new ScoreLine { CriterionId = round.Criteria[0].Id, PointsHundredths = total }],
                    TotalHundredths = total, EffectiveTotalHundredths = total, CreatedAt = now, UpdatedAt = now, SubmittedAt = now,
                });
                db.EntryScores.Add(new EntryScore
                {
                    RoundId = round.Id, EntryId = entries[i].Id, ScoreHundredths = total, Method = nameof(AggregationMethod.Mean), JudgeCount = 1,
                    JudgeTotalsHundredths = [total], RevealedAt = now.AddMinutes(i),
                });
            }
            await db.SaveChangesAsync();
            db.StageStates.Add(new StageState { SessionId = session.Id, EntryId = entries[^1].Id, Phase = StagePhase.Revealed, Version = 1, PhaseStartedAt = now });
            await db.SaveChangesAsync();
            return (session.Id, (IReadOnlyList<string>)entries.Select(e => e.Title).ToList());
        });
    }
}
