using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Assignment;
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
/// The judge's two score sheets as a judge meets them: the live roadshow sheet on a phone (and a desktop, in English), and
/// the online review sheet. Untouched is not zero: a criterion the judge never set stops the submit, with every unset
/// criterion marked; the live sheet asks with the total before sending; a precise value goes in without the slider.
/// </summary>
public sealed class ScoreSheetBrowserTests(ScoreSheetBrowserTests.Host host) : IClassFixture<ScoreSheetBrowserTests.Host>
{
    public sealed class Host : BrowserHost;

    private sealed record Judge(string Email, string UserId);

    private sealed record LiveArrangement(int RoundId, int SessionId, int Business, int Team, int EntryId, string Title, Judge Phone, Judge Desk);

    /// <summary>
    /// Weighted rubric (70 % / 30 %) of max 60 in half points and max 40 in tenths. 45.5 and 8.3 make, on the 100-point
    /// scale, 45.5 × 70 ÷ 60 + 8.3 × 30 ÷ 40 = 53.0833… + 6.225 = 59.3083… → 59.31 (the raw sum would be 53.80).
    /// </summary>
    [Fact]
    public async Task LiveSheet_RefusesUntouchedCriterionAndConfirmsWithTheWeightedTotal_WhenScoredOnAPhone()
    {
        var a = await ArrangeLiveAsync();
        var phone = await host.NewPageAsync(390, 844);
        await phone.SignInAsync(a.Phone.Email);
        await phone.GotoAsync($"/judging/sessions/{a.SessionId}");
        await Expect(phone.Locator("#scoreForm")).ToBeVisibleAsync();
        await Expect(phone.Locator($"#criterion-{a.Business}-value")).ToHaveTextAsync("未评分");
        await Expect(phone.Locator($"#criterion-{a.Business}-block")).ToHaveAttributeAsync("data-step-hundredths", "50");
        await Expect(phone.Locator($"#criterion-{a.Team}-block")).ToHaveAttributeAsync("data-step-hundredths", "10");
        await Expect(phone.Locator($"#criterion-{a.Team}-block")).ToHaveAttributeAsync("data-weight", "30");

        // The judge sets only the first criterion, by its number field, and taps submit: refused, the other one marked.
        await phone.Locator($"#criterion-{a.Business}-number").FillAsync("45");
        await phone.Locator("#submitScore").ClickAsync();
        await Expect(phone.Locator("#scoreProblems")).ToHaveTextAsync("请为“团队”评分。");
        await Expect(phone.Locator($"#criterion-{a.Team}-number")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-invalid"));
        await Expect(phone.Locator($"#criterion-{a.Business}-number")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-invalid"));
        await Expect(phone.Locator("#scoreConfirm")).ToBeHiddenAsync();
        await Expect(phone.Locator("#sheetList li")).ToHaveCountAsync(0);
        await BrowserHost.ScreenshotAsync(phone, "score-sheet-live-phone-untouched");

        // Precise values without the slider: + moves the first by its half point, the second is typed in tenths.
        await phone.Locator($"#criterion-{a.Business}-plus").ClickAsync();
        await Expect(phone.Locator($"#criterion-{a.Business}-number")).ToHaveValueAsync("45.5");
        await phone.Locator($"#criterion-{a.Team}-number").FillAsync("8.3");
        await Expect(phone.Locator($"#criterion-{a.Team}")).ToHaveValueAsync("8.3");
        await Expect(phone.Locator("#scoreProblems")).ToBeHiddenAsync();
        await Expect(phone.Locator("#scoreTotal")).ToHaveTextAsync("59.31");

        // The confirmation shows what leaves the phone; going back sends nothing and keeps the values.
        await phone.Locator("#submitScore").ClickAsync();
        await Expect(phone.Locator("#scoreConfirm")).ToBeVisibleAsync();
        await Expect(phone.Locator("#scoreConfirmTotal")).ToHaveTextAsync("59.31");
        await Expect(phone.Locator("#scoreConfirmEntry")).ToHaveTextAsync(a.Title);
        await Expect(phone.Locator($"#scoreConfirmLines li[data-criterion-id='{a.Team}']")).ToContainTextAsync("8.3 / 40");
        await BrowserHost.ScreenshotAsync(phone, "score-sheet-live-phone-confirm");
        await phone.Locator("#cancelSubmit").ClickAsync();
        await Expect(phone.Locator("#scoreConfirm")).ToBeHiddenAsync();
        await Expect(phone.Locator("#sheetList li")).ToHaveCountAsync(0);
        await Expect(phone.Locator($"#criterion-{a.Team}-number")).ToHaveValueAsync("8.3");
        Assert.Empty(await LinesAsync(a, a.Phone));

        await phone.Locator("#submitScore").ClickAsync();
        await phone.Locator("#confirmSubmit").ClickAsync();
        await Expect(phone.Locator("#sheetList .sheet-state")).ToHaveAttributeAsync("data-state", "saved");
        await Expect(phone.Locator("#sheetList li")).ToContainTextAsync("59.31");
        var lines = await LinesAsync(a, a.Phone);
        Assert.Equal(4550, lines[a.Business]);
        Assert.Equal(830, lines[a.Team]);
    }

    [Fact]
    public async Task LiveSheet_MarksAnOffStepValueAndTakesKeyboardInput_WhenTheJudgeReadsEnglish()
    {
        var a = await ArrangeLiveAsync();
        var desk = await host.NewPageAsync();
        await desk.SignInAsync(a.Desk.Email);
        await desk.GotoAsync($"/judging/sessions/{a.SessionId}");
        await desk.SwitchLanguageAsync("en");
        await Expect(desk.Locator("#scoreForm")).ToBeVisibleAsync();

        // Keyboard only: the slider moves by its step with the arrow keys, the number field takes what is typed.
        await desk.Locator($"#criterion-{a.Business}").FocusAsync();
        for (var i = 0; i < 3; i++) await desk.Keyboard.PressAsync("ArrowRight");
        await Expect(desk.Locator($"#criterion-{a.Business}-value")).ToHaveTextAsync("1.5");
        await desk.Locator($"#criterion-{a.Team}-number").FocusAsync();
        await desk.Keyboard.TypeAsync("8.35");
        await desk.Keyboard.PressAsync("Enter");
        await Expect(desk.Locator("#scoreProblems")).ToHaveTextAsync("Points for “Team” must be in steps of 0.1.");
        await Expect(desk.Locator($"#criterion-{a.Team}-error")).ToHaveTextAsync("Points for “Team” must be in steps of 0.1.");
        await Expect(desk.Locator("#scoreConfirm")).ToBeHiddenAsync();
        await BrowserHost.ScreenshotAsync(desk, "score-sheet-live-desktop-en-step");

        // The refused submit left the focus in the marked field; ArrowDown snaps it down onto the tenths: 8.3 (−/+ beside it
        // are for thumbs and out of the Tab order).
        Assert.Equal($"criterion-{a.Team}-number", await desk.EvaluateAsync<string>("() => document.activeElement.id"));
        await desk.Keyboard.PressAsync("ArrowDown");
        await Expect(desk.Locator($"#criterion-{a.Team}-number")).ToHaveValueAsync("8.3");
        await Expect(desk.Locator("#scoreProblems")).ToBeHiddenAsync();
        await desk.Locator("#submitScore").ClickAsync();
        // 1.5 × 70 ÷ 60 + 8.3 × 30 ÷ 40 = 1.75 + 6.225 = 7.975 → 7.98 (half up).
        await Expect(desk.Locator("#scoreConfirmTotal")).ToHaveTextAsync("7.98");
        await Expect(desk.Locator("#scoreConfirmTitle")).ToHaveTextAsync("Confirm your scores");
        await BrowserHost.ScreenshotAsync(desk, "score-sheet-live-desktop-en-confirm");
        await desk.Keyboard.PressAsync("Escape");
        await Expect(desk.Locator("#scoreConfirm")).ToBeHiddenAsync();
        await Expect(desk.Locator("#sheetList li")).ToHaveCountAsync(0);

        await desk.Locator("#submitScore").ClickAsync();
        await desk.Locator("#confirmSubmit").ClickAsync();
        await Expect(desk.Locator("#sheetList .sheet-state")).ToHaveAttributeAsync("data-state", "saved");
        var lines = await LinesAsync(a, a.Desk);
        Assert.Equal(150, lines[a.Business]);
        Assert.Equal(830, lines[a.Team]);
    }

    [Fact]
    public async Task OnlineSheet_ShowsEveryProblemAtOnceWithARunningTotal_WhenSubmittedIncomplete()
    {
        var (url, judge, innovation, market, roundId, entryId) = await ArrangeOnlineAsync();
        var page = await host.NewPageAsync(390, 844);
        await page.SignInAsync(judge.Email);
        await page.GotoAsync(url);

        await page.Locator($"#points-{innovation}").FillAsync("27.5");
        await Expect(page.Locator("#score-running-total")).ToHaveTextAsync("27.50");
        await page.Locator($"#points-{innovation}").FillAsync("31");
        await page.Locator("#score-submit").ClickAsync();
        // Both problems, each beside its field, and no question asked about a sheet that cannot go.
        await Expect(page.Locator("#score-problems div")).ToHaveTextAsync(["“创新性”的分数须在 0 到 30 之间。", "请为“市场前景”评分。"]);
        await Expect(page.Locator($"#points-{innovation}-error")).ToHaveTextAsync("“创新性”的分数须在 0 到 30 之间。");
        await Expect(page.Locator($"#points-{market}-error")).ToHaveTextAsync("请为“市场前景”评分。");
        await BrowserHost.ScreenshotAsync(page, "score-sheet-online-phone-problems");

        await page.Locator($"#points-{innovation}").FillAsync("27.5");
        await page.Locator($"#points-{market}").FillAsync("18");
        await Expect(page.Locator("#score-problems")).ToBeHiddenAsync();
        await Expect(page.Locator("#score-running-total")).ToHaveTextAsync("45.50");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.Locator("#score-submit").ClickAsync();
        await Expect(page.Locator("#score-status")).ToHaveAttributeAsync("data-status", "Submitted");
        var sheet = await host.App.WithDbAsync(db => db.ScoreSheets.AsNoTracking().SingleAsync(s => s.RoundId == roundId && s.EntryId == entryId));
        Assert.Equal(4550, sheet.TotalHundredths);
    }

    [Fact]
    public async Task OnlineSheet_MarksEachFieldFromTheServer_WhenTheScriptDidNotRun()
    {
        var (url, judge, innovation, market, _, _) = await ArrangeOnlineAsync();
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(), Locale = "zh-CN", TimezoneId = "Asia/Shanghai", JavaScriptEnabled = false,
        });
        var page = await context.NewPageAsync();
        await page.SignInAsync(judge.Email);
        await page.GotoAsync(url);
        // Without scripts the language select does not submit itself: its form's own button does.
        await page.Locator("#cultureSelect").SelectOptionAsync("en");
        await page.Locator("form:has(#cultureSelect) button[type=submit]").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.Locator($"#points-{innovation}").FillAsync("31");
        await page.Locator("#score-submit").ClickAsync();

        await Expect(page.Locator("#form-errors")).ToContainTextAsync("Points for “Innovation” must be between 0 and 30.");
        await Expect(page.Locator("#form-errors")).ToContainTextAsync("Please score “Market potential”.");
        await Expect(page.Locator($"#points-{innovation}")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-invalid"));
        await Expect(page.Locator($"#points-{market}-error")).ToHaveTextAsync("Please score “Market potential”.");
        await BrowserHost.ScreenshotAsync(page, "score-sheet-online-desktop-en-server-problems");
    }

    private Task<Dictionary<int, int>> LinesAsync(LiveArrangement a, Judge judge) =>
        host.App.WithDbAsync(async db => (await db.ScoreSheets.AsNoTracking()
                .Where(s => s.RoundId == a.RoundId && s.EntryId == a.EntryId && s.JudgeUserId == judge.UserId).ToListAsync())
            .SelectMany(s => s.Lines).ToDictionary(l => l.CriterionId, l => l.PointsHundredths));

    private async Task<Judge> JudgeAsync(string name)
    {
        var email = TestUsers.NewEmail("judge");
        var user = await host.App.CreateUserAsync(email, BrowserSteps.DemoPassword, name, roles: Roles.Judge);
        return new Judge(email, user.Id);
    }

    private static void Pool(Web.Data.AppDbContext db, int contestId, params Judge[] judges)
    {
        var now = DateTime.UtcNow;
        foreach (var j in judges)
        {
            db.ContestJudges.Add(new ContestJudge
            {
                ContestId = contestId, Email = j.Email, Name = j.Email, UserId = j.UserId, Status = JudgeStatus.Accepted,
                InvitedAt = now, AnsweredAt = now, InvitedByUserId = j.UserId,
            });
        }
    }

    private static Entry NewEntry(Contest contest, string title, string tag)
    {
        var now = DateTime.UtcNow;
        return new Entry
        {
            ContestId = contest.Id, TrackId = contest.Tracks.Single(t => t.Code == "startup").Id,
            Team = new Team { Name = "团队" + tag, CreatedAt = now },
            Title = title, Industry = contest.IndustryFields.FirstOrDefault() ?? "", ApplicantType = ApplicantType.Enterprise,
            CompanyName = "吉林" + title + "有限公司", CreditCode = "912201" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(),
            FoundedOn = new DateOnly(2024, 3, 1), AnnualRevenueYuan = 1_500_000, ContactName = "联系人", ContactPhone = "13800000000",
            ContactEmail = "contact@example.com", Status = EntryStatus.Approved, CreatedAt = now, UpdatedAt = now, SubmittedAt = now,
        };
    }

    private static int NextSequence(Contest contest) => contest.Rounds.Count == 0 ? 1 : contest.Rounds.Max(r => r.Sequence) + 1;

    /// <summary>A roadshow round in scoring, one entry on stage with scoring open, a panel of two judges.</summary>
    private async Task<LiveArrangement> ArrangeLiveAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var phone = await JudgeAsync("王评委");
        var desk = await JudgeAsync("李评委");
        return await host.App.WithDbAsync(async db =>
        {
            var contest = await db.Contests.Include(c => c.Tracks).Include(c => c.Rounds).SingleAsync(c => c.Slug == "cie-jilin");
            var round = new Round
            {
                ContestId = contest.Id, Name = "决赛路演" + tag, NameEn = "Final roadshow", Kind = RoundKind.Roadshow,
                Status = RoundStatus.Scoring, Sequence = NextSequence(contest),
            };
            var business = new RubricCriterion
            {
                Sequence = 1, Name = "商业模式", NameEn = "Business model", MaxPointsHundredths = 6000, StepHundredths = 50, WeightPercent = 70,
            };
            var team = new RubricCriterion { Sequence = 2, Name = "团队", NameEn = "Team", MaxPointsHundredths = 4000, StepHundredths = 10, WeightPercent = 30 };
            round.Criteria.Add(business);
            round.Criteria.Add(team);
            Pool(db, contest.Id, phone, desk);
            var entry = NewEntry(contest, "光栅尺国产化" + tag, tag);
            db.Rounds.Add(round);
            db.Entries.Add(entry);
            await db.SaveChangesAsync();
            var now = DateTime.UtcNow;
            var session = new RoadshowSession
            {
                RoundId = round.Id, Name = "决赛场" + tag, Venue = "长春国际会展中心 B 厅", StartsAt = now, DrawnAt = now,
                Panel = [new SessionJudge { JudgeUserId = phone.UserId }, new SessionJudge { JudgeUserId = desk.UserId }],
                Slots = [new SessionSlot { RoundId = round.Id, EntryId = entry.Id, Position = 1 }],
            };
            db.RoadshowSessions.Add(session);
            await db.SaveChangesAsync();
            // The organizer has put the entry on stage and opened scoring.
            db.StageStates.Add(new StageState { SessionId = session.Id, EntryId = entry.Id, Phase = StagePhase.Scoring, PhaseStartedAt = now, Version = 3 });
            await db.SaveChangesAsync();
            return new LiveArrangement(round.Id, session.Id, business.Id, team.Id, entry.Id, entry.Title, phone, desk);
        });
    }

    /// <summary>An online review round in scoring (max 30 in half points, max 20 in whole points), one entry assigned.</summary>
    private async Task<(string Url, Judge Judge, int Innovation, int Market, int RoundId, int EntryId)> ArrangeOnlineAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var judge = await JudgeAsync("赵评委");
        return await host.App.WithDbAsync(async db =>
        {
            var contest = await db.Contests.Include(c => c.Tracks).Include(c => c.Rounds).SingleAsync(c => c.Slug == "cie-jilin");
            var round = new Round
            {
                ContestId = contest.Id, Name = "网络评审" + tag, NameEn = "Online review", Kind = RoundKind.OnlineReview,
                Status = RoundStatus.Scoring, Sequence = NextSequence(contest), EndsAt = DateTime.UtcNow.AddDays(7),
            };
            var innovation = new RubricCriterion { Sequence = 1, Name = "创新性", NameEn = "Innovation", MaxPointsHundredths = 3000, StepHundredths = 50 };
            var market = new RubricCriterion { Sequence = 2, Name = "市场前景", NameEn = "Market potential", MaxPointsHundredths = 2000, StepHundredths = 100 };
            round.Criteria.Add(innovation);
            round.Criteria.Add(market);
            Pool(db, contest.Id, judge);
            var entry = NewEntry(contest, "黑土生物菌剂" + tag, tag);
            db.Rounds.Add(round);
            db.Entries.Add(entry);
            await db.SaveChangesAsync();
            db.ReviewAssignments.Add(new ReviewAssignment
            {
                RoundId = round.Id, EntryId = entry.Id, JudgeUserId = judge.UserId, Source = AssignmentSource.Pinned, AssignedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            return ($"/judging/rounds/{round.Id}/entries/{entry.Id}/score", judge, innovation.Id, market.Id, round.Id, entry.Id);
        });
    }
}
