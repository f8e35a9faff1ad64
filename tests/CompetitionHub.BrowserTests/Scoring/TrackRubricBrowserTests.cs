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
/// A judge's phone in a roadshow round where 成长组 has its own weighted rubric: the live sheet shows, for each entry on
/// stage, the lines of the entry's rubric, and its running total is the weighted one the server stores.
/// </summary>
public sealed class TrackRubricBrowserTests(TrackRubricBrowserTests.Host host) : IClassFixture<TrackRubricBrowserTests.Host>
{
    public sealed class Host : BrowserHost;

    private sealed record Stage(int RoundId, int SessionId, int[] Shared, int[] Growth, string JudgeEmail, (int Id, string Title)[] Entries);

    [Fact]
    public async Task JudgePhone_ShowsEachEntrysRubricAndTheWeightedTotal_WhenATrackHasItsOwnLines()
    {
        var stage = await ArrangeAsync();
        var organizer = await host.NewPageAsync();
        var judge = await host.NewPageAsync(390, 844);
        await organizer.SignInAsync(TestUsers.DemoOrganizer);
        await organizer.GotoAsync($"/manage/sessions/{stage.SessionId}/console");
        await judge.SignInAsync(stage.JudgeEmail);
        await judge.GotoAsync($"/judging/sessions/{stage.SessionId}");
        await Expect(judge.Locator("#liveIndicator")).ToHaveTextAsync("实时连接正常");

        // 初创组 entry: the shared lines, summed.
        await StepAsync(organizer, "next", "Pitch");
        await StepAsync(organizer, "openscoring", "Scoring");
        await Expect(judge.Locator("#scoreForm")).ToBeVisibleAsync();
        await Expect(judge.Locator($"#criterion-{stage.Shared[0]}")).ToBeVisibleAsync();
        await Expect(judge.Locator($"#criterion-{stage.Growth[0]}")).ToBeHiddenAsync();
        await TypeAsync(judge, (stage.Shared[0], 50), (stage.Shared[1], 35.5m));
        await Expect(judge.Locator("#scoreTotal")).ToHaveTextAsync("85.50");
        await Expect(judge.Locator("#scoreWeightedHint")).ToBeHiddenAsync();
        await SubmitAsync(judge, "85.50");
        await Expect(Saved(judge, stage.Entries[0].Title)).ToHaveAttributeAsync("data-state", "saved");
        await StepAsync(organizer, "closescoring", "Closed");
        await StepAsync(organizer, "reveal", "Revealed");

        // 成长组 entry: its own lines; 15.3/20·60 + 7/10·40 = 45.9 + 28 = 73.90 (the raw sum would be 22.30).
        await StepAsync(organizer, "next", "Pitch");
        await StepAsync(organizer, "openscoring", "Scoring");
        await Expect(judge.Locator("#stageEntryTitle")).ToHaveTextAsync($"2. {stage.Entries[1].Title}");
        await Expect(judge.Locator($"#criterion-{stage.Growth[0]}")).ToBeVisibleAsync();
        await Expect(judge.Locator($"#criterion-{stage.Shared[0]}")).ToBeHiddenAsync();
        await TypeAsync(judge, (stage.Growth[0], 15.3m), (stage.Growth[1], 7));
        await Expect(judge.Locator("#scoreTotal")).ToHaveTextAsync("73.90");
        // The hint says so only for the weighted lines of this entry's track.
        await Expect(judge.Locator("#scoreWeightedHint")).ToBeVisibleAsync();
        await BrowserHost.ScreenshotAsync(judge, "live-scoring-track-rubric");
        await SubmitAsync(judge, "73.90");
        await Expect(Saved(judge, stage.Entries[1].Title)).ToHaveAttributeAsync("data-state", "saved");

        var totals = await WaitForTotalsAsync(stage, 2);
        Assert.Equal([8550, 7390], totals);
    }

    private static ILocator Saved(IPage judge, string title) =>
        judge.Locator("#sheetList li[data-submission-id]", new() { HasTextString = title }).Locator(".sheet-state");

    private static async Task StepAsync(IPage organizer, string step, string phase)
    {
        await organizer.Locator($"#step-{step}").ClickAsync();
        await Expect(organizer.Locator("#stagePhase")).ToHaveAttributeAsync("data-phase", phase);
    }

    /// <summary>Types each line's points into its number field, as a judge does for a precise value.</summary>
    private static async Task TypeAsync(IPage judge, params (int Id, decimal Value)[] lines)
    {
        foreach (var (id, value) in lines)
            await judge.Locator($"#criterion-{id}-number").FillAsync(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Submits and confirms; the confirmation shows the sheet's total first.</summary>
    private static async Task SubmitAsync(IPage judge, string total)
    {
        await judge.Locator("#submitScore").ClickAsync();
        await Expect(judge.Locator("#scoreConfirmTotal")).ToHaveTextAsync(total);
        await judge.Locator("#confirmSubmit").ClickAsync();
    }

    /// <summary>The stored totals in running order, once the page's "saved" has reached the database.</summary>
    private async Task<List<int>> WaitForTotalsAsync(Stage stage, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var totals = await host.App.WithDbAsync(db => db.ScoreSheets.AsNoTracking().Where(s => s.RoundId == stage.RoundId)
                .OrderBy(s => s.EntryId).Select(s => s.TotalHundredths).ToListAsync());
            if (totals.Count == expected || DateTime.UtcNow > deadline) return totals;
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// A scoring roadshow round of the seeded cie-jilin contest: a shared rubric of 60 + 40 points and, for 成长组, lines
    /// of its own (20 points at 60 %, 10 points at 40 %); a 初创组 and a 成长组 entry drawn into one session of one judge.
    /// </summary>
    private async Task<Stage> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var judgeEmail = TestUsers.NewEmail("judge");
        var judgeUser = await host.App.CreateUserAsync(judgeEmail, BrowserSteps.DemoPassword, "赵评委", roles: Roles.Judge);
        return await host.App.WithDbAsync(async db =>
        {
            var contest = await db.Contests.Include(c => c.Tracks).Include(c => c.Rounds).SingleAsync(c => c.Slug == "cie-jilin");
            var startup = contest.Tracks.Single(t => t.Code == "startup").Id;
            var growth = contest.Tracks.Single(t => t.Code == "growth").Id;
            var now = DateTime.UtcNow;
            var round = new Round
            {
                ContestId = contest.Id, Name = "决赛路演" + tag, NameEn = "Final roadshow", Kind = RoundKind.Roadshow,
                Status = RoundStatus.Scoring, Sequence = contest.Rounds.Count == 0 ? 1 : contest.Rounds.Max(r => r.Sequence) + 1,
                Criteria =
                [
                    new RubricCriterion { Sequence = 1, Name = "商业模式", NameEn = "Business model", MaxPointsHundredths = 6000, StepHundredths = 50 },
                    new RubricCriterion { Sequence = 2, Name = "团队", NameEn = "Team", MaxPointsHundredths = 4000, StepHundredths = 50 },
                    new RubricCriterion { Sequence = 3, TrackId = growth, Name = "营收增长", NameEn = "Revenue growth", MaxPointsHundredths = 2000, StepHundredths = 10, WeightPercent = 60 },
                    new RubricCriterion { Sequence = 4, TrackId = growth, Name = "盈利能力", NameEn = "Profitability", MaxPointsHundredths = 1000, StepHundredths = 100, WeightPercent = 40 },
                ],
            };
            db.ContestJudges.Add(new ContestJudge
            {
                ContestId = contest.Id, Email = judgeEmail, Name = judgeUser.DisplayName, UserId = judgeUser.Id, Status = JudgeStatus.Accepted,
                InvitedAt = now, AnsweredAt = now, InvitedByUserId = judgeUser.Id,
            });
            (string Title, int Track)[] made = [("光电编码器" + tag, startup), ("智慧粮仓" + tag, growth)];
            var entries = made.Select((m, i) => new Entry
            {
                ContestId = contest.Id, TrackId = m.Track, Team = new Team { Name = "团队" + i + tag, CreatedAt = now },
                Title = m.Title, Industry = contest.IndustryFields.FirstOrDefault() ?? "", ApplicantType = ApplicantType.Enterprise,
                CompanyName = "吉林" + m.Title + "有限公司", CreditCode = "912201" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(),
                FoundedOn = new DateOnly(2020, 3, 1), AnnualRevenueYuan = 15_000_000, ContactName = "联系人", ContactPhone = "13800000000",
                ContactEmail = "contact@example.com", Status = EntryStatus.Approved, CreatedAt = now, UpdatedAt = now, SubmittedAt = now,
            }).ToList();
            db.Rounds.Add(round);
            db.Entries.AddRange(entries);
            await db.SaveChangesAsync();

            var session = new RoadshowSession
            {
                RoundId = round.Id, Name = "决赛" + tag, Venue = "长春国际会展中心 B 厅", StartsAt = now, DrawnAt = now,
                Panel = [new SessionJudge { JudgeUserId = judgeUser.Id }],
                Slots = entries.Select((e, i) => new SessionSlot { RoundId = round.Id, EntryId = e.Id, Position = i + 1 }).ToList(),
            };
            db.RoadshowSessions.Add(session);
            await db.SaveChangesAsync();
            db.StageStates.Add(new StageState { SessionId = session.Id, Phase = StagePhase.Idle });
            await db.SaveChangesAsync();
            var ids = round.Criteria.OrderBy(c => c.Sequence).Select(c => c.Id).ToArray();
            return new Stage(round.Id, session.Id, ids[..2], ids[2..], judgeEmail, entries.Select(e => (e.Id, e.Title)).ToArray());
        });
    }
}
