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
/// A roadshow session run in three browsers: the organizer's console, a judge's phone that reaches the app through a
/// relay the test can cut like a dropped Wi-Fi, and the hall's big screen. Everything after the page loads travels over
/// the stage hub; nothing is reloaded by hand.
/// </summary>
public sealed class LiveScoringBrowserTests(LiveScoringBrowserTests.Host host) : IClassFixture<LiveScoringBrowserTests.Host>
{
    public sealed class Host : BrowserHost;

    private sealed record Stage(int RoundId, int SessionId, int Criterion1, int Criterion2, string JudgeEmail, string JudgeUserId,
        (int Id, string Title)[] Entries);

    [Fact]
    public async Task JudgePhone_ScoreReachesBigScreenAndOfflineSheetIsSavedOnceAndLeavesTheDevice_WhenConnectionReturns()
    {
        var stage = await ArrangeAsync();
        await using var proxy = new TcpProxy(host.BaseAddress);
        var organizer = await host.NewPageAsync();
        var judge = await host.NewPageAsync(proxy.Address, 390, 844);
        var screen = await host.NewPageAsync(1920, 1080);
        var console = $"/manage/sessions/{stage.SessionId}/console";

        await organizer.SignInAsync(TestUsers.DemoOrganizer);
        await organizer.GotoAsync(console);
        await judge.SignInAsync(stage.JudgeEmail);
        await judge.GotoAsync($"/judging/sessions/{stage.SessionId}");
        await screen.GotoAsync($"/live/sessions/{stage.SessionId}/screen");
        await Expect(judge.Locator("#liveIndicator")).ToHaveTextAsync("实时连接正常");
        await Expect(screen.Locator("#liveIndicator")).ToHaveTextAsync("实时连接正常");

        // First entry: on stage, scored from the phone, revealed on the big screen.
        var (first, firstTitle) = stage.Entries[0];
        await StepAsync(organizer, "next", "Pitch");
        await Expect(screen.Locator("#stageEntryTitle")).ToHaveTextAsync($"1. {firstTitle}");
        await StepAsync(organizer, "openscoring", "Scoring");
        await Expect(judge.Locator("#stageEntryTitle")).ToHaveTextAsync($"1. {firstTitle}");
        await Expect(judge.Locator("#scoreForm")).ToBeVisibleAsync();
        await ScoreAsync(judge, stage, 50, 35.5m, "商业模式清晰");
        await Expect(judge.Locator("#scoreTotal")).ToHaveTextAsync("85.50");
        await SubmitAsync(judge, "85.50");
        await Expect(SheetState(judge, firstTitle)).ToHaveAttributeAsync("data-state", "saved");
        // Stored on the server, so no longer kept on the phone; the list still shows it for this visit.
        Assert.Empty(await DeviceSheetsAsync(judge));
        await Expect(judge.Locator("#scoreForm")).ToBeHiddenAsync();
        await Expect(judge.Locator("#judgeNotice")).ToHaveTextAsync("您已提交该项目的评分。");
        await BrowserHost.ScreenshotAsync(judge, "live-scoring-judge-phone");

        // The second panel judge never scores: closing asks, and the organizer closes anyway.
        await organizer.Locator("#step-closescoring").ClickAsync();
        await organizer.Locator("#closeAnyway").ClickAsync();
        await Expect(organizer.Locator("#stagePhase")).ToHaveAttributeAsync("data-phase", "Closed");
        await StepAsync(organizer, "reveal", "Revealed");
        await Expect(screen.Locator("#latestScore .live-score")).ToHaveTextAsync("85.50");
        await Expect(screen.Locator("#latestScore")).ToContainTextAsync(firstTitle);
        await Expect(screen.Locator("#rankingGroups")).ToContainTextAsync(firstTitle);
        await BrowserHost.ScreenshotAsync(screen, "live-scoring-big-screen");

        // Second entry: the phone loses the network, scores anyway, and the sheet goes out once it is back.
        var (second, secondTitle) = stage.Entries[1];
        await StepAsync(organizer, "next", "Pitch");
        await StepAsync(organizer, "openscoring", "Scoring");
        await Expect(judge.Locator("#stageEntryTitle")).ToHaveTextAsync($"2. {secondTitle}");
        await Expect(judge.Locator("#scoreForm")).ToBeVisibleAsync();

        proxy.Cut();
        await Expect(judge.Locator("#liveIndicator")).Not.ToHaveTextAsync("实时连接正常");
        await ScoreAsync(judge, stage, 42, 30, "");
        await SubmitAsync(judge, "72.00");
        await Expect(SheetState(judge, secondTitle)).ToHaveAttributeAsync("data-state", "unsaved");
        await Expect(judge.Locator("#scoreError")).ToContainTextAsync("评分已保存在本设备上");
        // Not "submitted" while only this device has it.
        await Expect(judge.Locator("#judgeNotice")).ToContainTextAsync("尚未送达服务器");
        Assert.Equal(0, await SheetsAsync(stage, second));
        Assert.Equal([$"{second}:unsaved"], await DeviceSheetsAsync(judge));
        await BrowserHost.ScreenshotAsync(judge, "live-scoring-judge-phone-offline");

        proxy.Restore();
        await Expect(judge.Locator("#liveIndicator")).ToHaveTextAsync("实时连接正常", new() { Timeout = 60_000 });
        await Expect(SheetState(judge, secondTitle)).ToHaveAttributeAsync("data-state", "saved");
        await Expect(SheetState(judge, firstTitle)).ToHaveAttributeAsync("data-state", "saved");
        await Expect(judge.Locator("#scoreError")).ToBeHiddenAsync();
        await Expect(judge.Locator("#judgeNotice")).ToHaveTextAsync("您已提交该项目的评分。");
        Assert.Empty(await DeviceSheetsAsync(judge));
        Assert.Equal(1, await WaitForSheetsAsync(stage, second, expected: 1));
        // The second entry's steps and mark reach the screens without the revealed list and ranking, unchanged since the
        // reveal: the big screen keeps showing the ones it has.
        await Expect(organizer.Locator("#stagePanel .text-bg-success")).ToHaveCountAsync(1);
        await Expect(screen.Locator("#stageEntryTitle")).ToHaveTextAsync($"2. {secondTitle}");
        await Expect(screen.Locator("#latestScore .live-score")).ToHaveTextAsync("85.50");
        await Expect(screen.Locator("#rankingGroups")).ToContainTextAsync(firstTitle);
        var sheet = await host.App.WithDbAsync(db => db.ScoreSheets.AsNoTracking()
            .SingleAsync(s => s.RoundId == stage.RoundId && s.EntryId == second && s.JudgeUserId == stage.JudgeUserId));
        Assert.Equal(7200, sheet.TotalHundredths);
        Assert.Equal(1, await SheetsAsync(stage, first));
    }

    /// <summary>The score sheets the phone keeps in its local storage, as "entry:state".</summary>
    private static async Task<string[]> DeviceSheetsAsync(IPage judge) =>
        await judge.EvaluateAsync<string[]>("() => Object.keys(localStorage).filter(k => k.startsWith('stage-sheet:'))"
            + ".map(k => { const s = JSON.parse(localStorage.getItem(k)); return `${s.entryId}:${s.state}`; })");

    private static ILocator SheetState(IPage judge, string title) =>
        judge.Locator("#sheetList li[data-submission-id]", new() { HasTextString = title }).Locator(".sheet-state");

    /// <summary>Clicks a console step and waits for the page the redirect brings back.</summary>
    private static async Task StepAsync(IPage organizer, string step, string phase)
    {
        await organizer.Locator($"#step-{step}").ClickAsync();
        await Expect(organizer.Locator("#stagePhase")).ToHaveAttributeAsync("data-phase", phase);
    }

    /// <summary>Taps submit and confirms the total the phone asks about.</summary>
    private static async Task SubmitAsync(IPage judge, string total)
    {
        await judge.Locator("#submitScore").ClickAsync();
        await Expect(judge.Locator("#scoreConfirmTotal")).ToHaveTextAsync(total);
        await judge.Locator("#confirmSubmit").ClickAsync();
    }

    /// <summary>Sets the sliders as a thumb would (a range input cannot be typed into) and writes the comment.</summary>
    private static async Task ScoreAsync(IPage judge, Stage stage, decimal a, decimal b, string comment)
    {
        foreach (var (id, value) in new[] { (stage.Criterion1, a), (stage.Criterion2, b) })
        {
            await judge.Locator($"#criterion-{id}").EvaluateAsync(
                "(el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); }",
                value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        await judge.Locator("#scoreComment").FillAsync(comment);
    }

    private Task<int> SheetsAsync(Stage stage, int entryId) =>
        host.App.WithDbAsync(db => db.ScoreSheets.CountAsync(s => s.RoundId == stage.RoundId && s.EntryId == entryId && s.JudgeUserId == stage.JudgeUserId));

    /// <summary>The page shows "saved" once the hub answered; the row is committed before that answer, so this rarely waits.</summary>
    private async Task<int> WaitForSheetsAsync(Stage stage, int entryId, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        int count;
        while ((count = await SheetsAsync(stage, entryId)) != expected && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        return count;
    }

    /// <summary>
    /// A roadshow round of the seeded cie-jilin contest with a two-line rubric, two approved entries drawn into one
    /// session, and a panel of two pool judges of whom the first is the one holding the phone.
    /// </summary>
    private async Task<Stage> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var judgeEmail = TestUsers.NewEmail("judge");
        var judgeUser = await host.App.CreateUserAsync(judgeEmail, BrowserSteps.DemoPassword, "王评委", roles: Roles.Judge);
        var otherJudge = await host.App.CreateUserAsync(TestUsers.NewEmail("judge"), BrowserSteps.DemoPassword, "李评委", roles: Roles.Judge);
        return await host.App.WithDbAsync(async db =>
        {
            var contest = await db.Contests.Include(c => c.Tracks).Include(c => c.Rounds).SingleAsync(c => c.Slug == "cie-jilin");
            var now = DateTime.UtcNow;
            var round = new Round
            {
                ContestId = contest.Id, Name = "复赛路演" + tag, NameEn = "Semi-final roadshow", Kind = RoundKind.Roadshow,
                Status = RoundStatus.Scoring, Sequence = contest.Rounds.Count == 0 ? 1 : contest.Rounds.Max(r => r.Sequence) + 1,
            };
            var c1 = new RubricCriterion { Sequence = 1, Name = "商业模式", NameEn = "Business model", MaxPointsHundredths = 6000, StepHundredths = 50 };
            var c2 = new RubricCriterion { Sequence = 2, Name = "团队", NameEn = "Team", MaxPointsHundredths = 4000, StepHundredths = 50 };
            round.Criteria.Add(c1);
            round.Criteria.Add(c2);
            foreach (var user in new[] { judgeUser, otherJudge })
            {
                db.ContestJudges.Add(new ContestJudge
                {
                    ContestId = contest.Id, Email = user.Email!, Name = user.DisplayName, UserId = user.Id, Status = JudgeStatus.Accepted,
                    InvitedAt = now, AnsweredAt = now, InvitedByUserId = user.Id,
                });
            }
            string[] titles = ["光栅尺国产化" + tag, "玉米秸秆降解菌剂" + tag];
            var entries = titles.Select((title, i) => new Entry
            {
                ContestId = contest.Id, TrackId = contest.Tracks.Single(t => t.Code == "startup").Id,
                Team = new Team { Name = (i == 0 ? "长光精密" : "黑土生物") + tag, CreatedAt = now },
                Title = title, Industry = contest.IndustryFields.FirstOrDefault() ?? "", ApplicantType = ApplicantType.Enterprise,
                CompanyName = "吉林" + title + "有限公司", CreditCode = "912201" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(),
                FoundedOn = new DateOnly(2024, 3, 1), AnnualRevenueYuan = 1_500_000, ContactName = "联系人", ContactPhone = "13800000000",
                ContactEmail = "contact@example.com", Status = EntryStatus.Approved, CreatedAt = now, UpdatedAt = now, SubmittedAt = now,
            }).ToList();
            db.Rounds.Add(round);
            db.Entries.AddRange(entries);
            await db.SaveChangesAsync();

            // The running order as the lot draw leaves it.
            var session = new RoadshowSession
            {
                RoundId = round.Id, Name = "第一场" + tag, Venue = "长春国际会展中心 A 厅", StartsAt = now, DrawnAt = now,
                Panel = [new SessionJudge { JudgeUserId = judgeUser.Id }, new SessionJudge { JudgeUserId = otherJudge.Id }],
                Slots = entries.Select((e, i) => new SessionSlot { RoundId = round.Id, EntryId = e.Id, Position = i + 1 }).ToList(),
            };
            db.RoadshowSessions.Add(session);
            await db.SaveChangesAsync();
            db.StageStates.Add(new StageState { SessionId = session.Id, Phase = StagePhase.Idle });
            await db.SaveChangesAsync();
            return new Stage(round.Id, session.Id, c1.Id, c2.Id, judgeEmail, judgeUser.Id,
                entries.Select(e => (e.Id, e.Title)).ToArray());
        });
    }
}
