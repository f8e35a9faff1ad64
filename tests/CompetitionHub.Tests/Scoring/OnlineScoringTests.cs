using System.Net;
using System.Text.RegularExpressions;
using CompetitionHub.Tests.Contests;
using CompetitionHub.Tests.Judging;
using CompetitionHub.Tests.Review;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Features.Rankings;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using CompetitionHub.Web.Features.Assignment;

namespace CompetitionHub.Tests.Scoring;

public sealed partial class OnlineScoringTests(OnlineScoringTests.Host host) : IClassFixture<OnlineScoringTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host() => With("Hangfire:Server", "false").WithClock(Clock);

        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
    }

    private sealed record Arrangement(TestRound Round, int EntryId, string EntryTitle, TestJudge Judge)
    {
        public string Url => $"/judging/rounds/{Round.Id}/entries/{EntryId}/score";
    }

    private async Task<Arrangement> ArrangeAsync(AggregationMethod method = AggregationMethod.Mean)
    {
        var contestId = await host.ContestIdAsync();
        var round = await host.OnlineRoundAsync(contestId, host.Clock.GetUtcNow().UtcDateTime.AddDays(30), aggregation: method);
        var title = "评分页项目" + ReviewData.Tag();
        var entry = await host.CreateEntryAsync(EntryStatus.Approved, title);
        var judge = await host.PoolJudgeAsync(contestId);
        await host.AssignAsync(round.Id, entry.Id, judge.UserId);
        return new Arrangement(round, entry.Id, title, judge);
    }

    /// <summary>The judge's score form filled in on the page, ready to be sent once or twice.</summary>
    private static Task<FilledForm> ScoreFormAsync(Arrangement a, HttpClient client, string command, string innovation, string market) =>
        client.FillFormAsync(a.Url,
            [new($"Points[{a.Round.Innovation}]", innovation), new($"Points[{a.Round.Market}]", market), new("Comment", "商业模式清晰"), new("Command", command)]);

    private static async Task<HttpResponseMessage> PostScoreAsync(Arrangement a, HttpClient client, string command, string innovation, string market) =>
        await (await ScoreFormAsync(a, client, command, innovation, market)).SubmitAsync();

    private Task<int> EntryScoreAsync(Arrangement a) =>
        host.WithDbAsync(db => db.EntryScores.Where(s => s.RoundId == a.Round.Id && s.EntryId == a.EntryId).Select(s => s.ScoreHundredths).SingleAsync());

    [GeneratedRegex("name=\"SubmissionId\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex SubmissionIdInput();

    [Fact]
    public async Task ScorePage_ShowsTheRubricWithStepsAndAFreshSubmissionId_WhenTheJudgeIsAssigned()
    {
        var a = await ArrangeAsync();
        var materialId = await host.MaterialAsync(a.EntryId, "%PDF-1.4\n"u8.ToArray());

        var first = await (await a.Judge.Client.GetAsync(a.Url)).TextAsync();
        var second = await a.Judge.Client.GetStringAsync(a.Url);

        Assert.Contains(a.EntryTitle, first);
        Assert.Contains($"/materials/{materialId}", first);
        Assert.Contains("创新性", first);
        Assert.Contains("技术与模式创新", first);
        Assert.Matches($"name=\"Points\\[{a.Round.Innovation}\\]\"\\s+min=\"0\" max=\"30\" step=\"0.5\"", first);
        Assert.Matches($"name=\"Points\\[{a.Round.Market}\\]\"\\s+min=\"0\" max=\"20\" step=\"1\"", first);
        Assert.Contains("id=\"score-save-draft\"", first);
        Assert.Contains("id=\"score-submit\"", first);
        Assert.Contains("data-status=\"None\"", first);
        Assert.NotEqual(SubmissionIdInput().Match(first).Groups[1].Value, SubmissionIdInput().Match(second).Groups[1].Value);
    }

    [Fact]
    public async Task ScorePage_SavesADraftThenSubmitsAndLocksTheSheet_AndCountsADoublePostOnce()
    {
        var a = await ArrangeAsync();

        var draft = await PostScoreAsync(a, a.Judge.Client, "draft", "20", "10");
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        var saved = await a.Judge.Client.GetStringAsync(a.Url);
        Assert.Contains("data-status=\"Draft\"", saved);
        // The outcome shows once, in the page's own place, not again in the layout's.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(saved, "草稿已保存。"));

        // A second tab opened before the submit, and a double click on the submit button.
        var staleTab = await ScoreFormAsync(a, a.Judge.Client, "submit", "30", "20");
        var form = await ScoreFormAsync(a, a.Judge.Client, "submit", "27.5", "18");
        var submit = await form.SubmitAsync();
        var resend = await form.SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, resend.StatusCode);
        var sheet = Assert.Single(await host.SheetsAsync(a.Round.Id, a.EntryId));
        Assert.Equal(SheetStatus.Submitted, sheet.Status);
        Assert.Equal(4550, sheet.TotalHundredths);
        Assert.Equal("商业模式清晰", sheet.Comment);
        var locked = await a.Judge.Client.GetStringAsync(a.Url);
        Assert.Contains("data-status=\"Submitted\"", locked);
        Assert.DoesNotContain("id=\"score-submit\"", locked);
        Assert.Contains("id=\"correction-form\"", locked);

        var change = await staleTab.SubmitAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, change.StatusCode);
        Assert.Contains("该项目的评分已提交，不能再修改", await change.TextAsync());
        Assert.Equal(4550, Assert.Single(await host.SheetsAsync(a.Round.Id, a.EntryId)).TotalHundredths);
    }

    [Theory]
    [InlineData("31", "10", "“创新性”的分数须在 0 到 30 之间。")]
    [InlineData("20", "10.5", "“市场前景”的分数须以 1 分为单位。")]
    [InlineData("abc", "10", "请输入有效的分数。")]
    [InlineData("", "10", "请为“创新性”评分。")]
    [InlineData("99999999999999999999999999999999", "10", "请输入有效的分数。")]
    [InlineData("79228162514264337593543950335", "10", "“创新性”的分数须在 0 到 30 之间。")]
    public async Task ScorePage_ShowsTheLocalizedError_WhenPointsAreInvalid(string innovation, string market, string expected)
    {
        var a = await ArrangeAsync();

        var response = await PostScoreAsync(a, a.Judge.Client, "submit", innovation, market);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(expected, await response.TextAsync());
        Assert.Empty(await host.SheetsAsync(a.Round.Id, a.EntryId));
    }

    [Fact]
    public async Task ScorePage_MarksEveryInvalidFieldAtOnce_WhenSeveralPointsAreWrong()
    {
        var a = await ArrangeAsync();

        var response = await PostScoreAsync(a, a.Judge.Client, "submit", "31", "");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.TextAsync();
        Assert.Contains("“创新性”的分数须在 0 到 30 之间。", html);
        Assert.Contains("请为“市场前景”评分。", html);
        Assert.Matches($"class=\"form-control form-control-lg is-invalid\" type=\"number\" inputmode=\"decimal\" id=\"points-{a.Round.Innovation}\"", html);
        Assert.Matches($"class=\"form-control form-control-lg is-invalid\" type=\"number\" inputmode=\"decimal\" id=\"points-{a.Round.Market}\"", html);
        Assert.Contains($"<div class=\"invalid-feedback\" id=\"points-{a.Round.Market}-error\">请为“市场前景”评分。</div>", html);
        Assert.Empty(await host.SheetsAsync(a.Round.Id, a.EntryId));
    }

    [Fact]
    public async Task ScorePage_ShowsTheErrorInEnglish_WhenTheJudgeReadsEnglish()
    {
        var a = await ArrangeAsync();
        var english = host.CreateFormClient("en");
        await english.SignInOrThrowAsync(a.Judge.Email, TestUsers.DemoPassword);

        var response = await PostScoreAsync(a, english, "submit", "31", "10");

        Assert.Contains("Points for “Innovation” must be between 0 and 30.", await response.TextAsync());
    }

    [Fact]
    public async Task ScorePage_Returns404_WhenTheEntryIsNotAssignedToTheJudge()
    {
        var a = await ArrangeAsync();
        var other = await host.PoolJudgeAsync(a.Round.ContestId);

        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync(a.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/judging/rounds/{a.Round.Id}/entries/999999/score")).StatusCode);
    }

    [Fact]
    public async Task ScorePage_NeverShowsAnotherJudgesScore()
    {
        var a = await ArrangeAsync();
        var other = await host.PoolJudgeAsync(a.Round.ContestId);
        await host.AssignAsync(a.Round.Id, a.EntryId, other.UserId);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RecordScore>().HandleAsync(other.UserId, new ScoreInput(Guid.NewGuid(), a.Round.Id, a.EntryId,
                new Dictionary<int, decimal> { [a.Round.Innovation] = 13.5m, [a.Round.Market] = 7 }, "另一位评委的保密评语", true), CancellationToken.None);
        }

        var html = await (await a.Judge.Client.GetAsync(a.Url)).TextAsync();

        Assert.DoesNotContain("另一位评委的保密评语", html);
        Assert.DoesNotContain("13.5", html);
        Assert.DoesNotContain("20.5", html);
        Assert.Contains("data-status=\"None\"", html);
    }

    [Fact]
    public async Task Dashboard_LinksEachAssignmentToItsScorePage_AndShowsTheRoundsProgress()
    {
        var a = await ArrangeAsync();
        var second = await host.CreateEntryAsync(EntryStatus.Approved, "第二个项目" + ReviewData.Tag());
        await host.AssignAsync(a.Round.Id, second.Id, a.Judge.UserId);
        await host.ScoreAsync(a.Judge.UserId, a.Round, a.EntryId, 25, 15, submit: true);

        var html = await (await a.Judge.Client.GetAsync("/judging")).TextAsync();

        Assert.Contains($"href=\"{a.Url}\"", html);
        Assert.Contains($"href=\"/judging/rounds/{a.Round.Id}/entries/{second.Id}/score\"", html);
        var round = html[html.IndexOf($"data-round-id=\"{a.Round.Id}\"", StringComparison.Ordinal)..];
        Assert.Contains("已完成 1 / 2", round);
    }

    [Fact]
    public async Task Corrections_ApprovalSetsTheEffectiveTotalAndRecomputesTheEntryScore_KeepingTheOriginalLines()
    {
        var a = await ArrangeAsync();
        var other = await host.PoolJudgeAsync(a.Round.ContestId);
        await host.AssignAsync(a.Round.Id, a.EntryId, other.UserId);
        await host.ScoreAsync(a.Judge.UserId, a.Round, a.EntryId, 25, 15, submit: true);
        await host.ScoreAsync(other.UserId, a.Round, a.EntryId, 20, 10, submit: true);
        var organizer = await host.DemoOrganizerAsync();
        var progress = $"/manage/rounds/{a.Round.Id}/progress";
        Assert.Equal(HttpStatusCode.Redirect, (await organizer.PostFormAsync($"/manage/rounds/{a.Round.Id}/scores", [], progress)).StatusCode);
        Assert.Equal(3500, await EntryScoreAsync(a));

        var request = await a.Judge.Client.PostFormAsync(a.Url.Replace("/score", "/correction"),
            [new($"Points[{a.Round.Innovation}]", "29"), new($"Points[{a.Round.Market}]", "16"), new("Reason", "市场前景一项录入有误")], a.Url);
        Assert.Equal(HttpStatusCode.Redirect, request.StatusCode);
        var list = await (await organizer.GetAsync($"/manage/contests/{a.Round.ContestId}/corrections")).TextAsync();
        var correctionId = await host.WithDbAsync(db => db.ScoreCorrections.Where(c => db.ScoreSheets.Any(s => s.Id == c.SheetId && s.EntryId == a.EntryId))
            .Select(c => c.Id).SingleAsync());
        Assert.Contains($"data-correction-id=\"{correctionId}\"", list);
        Assert.Contains("市场前景一项录入有误", list);

        var corrections = $"/manage/contests/{a.Round.ContestId}/corrections";
        var noReason = await organizer.PostFormAsync($"{corrections}/{correctionId}", [new("Approve", "true"), new("Reason", " ")], corrections);
        Assert.Equal(HttpStatusCode.Redirect, noReason.StatusCode);
        Assert.Contains("请填写处理理由。", await (await organizer.GetAsync(corrections)).TextAsync());
        Assert.Equal(4000, (await host.SheetsAsync(a.Round.Id, a.EntryId)).Single(s => s.JudgeUserId == a.Judge.UserId).EffectiveTotalHundredths);

        await organizer.PostFormAsync($"{corrections}/{correctionId}", [new("Approve", "true"), new("Reason", "核实为录入错误")], corrections);

        var sheet = (await host.SheetsAsync(a.Round.Id, a.EntryId)).Single(s => s.JudgeUserId == a.Judge.UserId);
        Assert.Equal(4500, sheet.EffectiveTotalHundredths);
        Assert.Equal(4000, sheet.TotalHundredths);
        Assert.Equal([2500, 1500], sheet.Lines.Select(l => l.PointsHundredths));
        var correction = await host.WithDbAsync(db => db.ScoreCorrections.AsNoTracking().SingleAsync(c => c.Id == correctionId));
        Assert.Equal(CorrectionStatus.Approved, correction.Status);
        Assert.Equal([2900, 1600], correction.Lines.Select(l => l.PointsHundredths));
        Assert.Equal(3750, await EntryScoreAsync(a));
        var audits = await host.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => (e.EntityType == "ScoreCorrection" && e.EntityId == correctionId.ToString()) || (e.EntityType == "ScoreSheet" && e.EntityId == $"{a.Round.Id}/{a.EntryId}"))
            .Select(e => e.Action).ToListAsync());
        Assert.Contains("requested", audits);
        Assert.Contains("approved", audits);
        Assert.Contains("corrected", audits);
    }

    [Fact]
    public async Task Corrections_RefusalKeepsTheTotal_AndAnInvalidRequestIsRefusedWithItsMessage()
    {
        var a = await ArrangeAsync();
        await host.ScoreAsync(a.Judge.UserId, a.Round, a.EntryId, 25, 15, submit: true);
        var correctionUrl = a.Url.Replace("/score", "/correction");

        var invalid = await a.Judge.Client.PostFormAsync(correctionUrl,
            [new($"Points[{a.Round.Innovation}]", "35"), new($"Points[{a.Round.Market}]", "16"), new("Reason", "录入有误")], a.Url);
        var noReason = await a.Judge.Client.PostFormAsync(correctionUrl,
            [new($"Points[{a.Round.Innovation}]", "29"), new($"Points[{a.Round.Market}]", "16"), new("Reason", "")], a.Url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Contains("“创新性”的分数须在 0 到 30 之间。", await invalid.TextAsync());
        Assert.Contains("请填写更正原因。", await noReason.TextAsync());

        await a.Judge.Client.PostFormAsync(correctionUrl,
            [new($"Points[{a.Round.Innovation}]", "29"), new($"Points[{a.Round.Market}]", "16"), new("Reason", "录入有误")], a.Url);
        var correctionId = await host.WithDbAsync(db => db.ScoreCorrections.Where(c => db.ScoreSheets.Any(s => s.Id == c.SheetId && s.EntryId == a.EntryId))
            .Select(c => c.Id).SingleAsync());
        var organizer = await host.DemoOrganizerAsync();
        var corrections = $"/manage/contests/{a.Round.ContestId}/corrections";
        await organizer.PostFormAsync($"{corrections}/{correctionId}", [new("Approve", "false"), new("Reason", "原评分无误")], corrections);

        Assert.Equal(4000, Assert.Single(await host.SheetsAsync(a.Round.Id, a.EntryId)).EffectiveTotalHundredths);
        var correction = await host.WithDbAsync(db => db.ScoreCorrections.AsNoTracking().SingleAsync(c => c.Id == correctionId));
        Assert.Equal(CorrectionStatus.Refused, correction.Status);
        Assert.Equal("原评分无误", correction.DecisionReason);
        Assert.Contains("原评分无误", await a.Judge.Client.GetStringAsync(a.Url));
    }

    [Fact]
    public async Task Progress_CountsPerJudgeAndEntry_AndRanksComputedScoresWithTies()
    {
        var contestId = await host.ContestIdAsync();
        var round = await host.OnlineRoundAsync(contestId, host.Clock.GetUtcNow().UtcDateTime.AddDays(30));
        var entries = new List<int>();
        for (var i = 0; i < 3; i++) entries.Add((await host.CreateEntryAsync(EntryStatus.Approved, $"进度项目{i}" + ReviewData.Tag())).Id);
        var judge1 = await host.PoolJudgeAsync(contestId);
        var judge2 = await host.PoolJudgeAsync(contestId);
        foreach (var e in entries)
        {
            await host.AssignAsync(round.Id, e, judge1.UserId);
            await host.AssignAsync(round.Id, e, judge2.UserId);
        }
        await host.ScoreAsync(judge1.UserId, round, entries[0], 25, 15, submit: true);
        await host.ScoreAsync(judge2.UserId, round, entries[0], 20, 10, submit: true); // 35.00
        await host.ScoreAsync(judge1.UserId, round, entries[1], 20, 15, submit: true); // 35.00
        await host.ScoreAsync(judge1.UserId, round, entries[2], 30, 20, submit: true); // 50.00
        await host.ScoreAsync(judge2.UserId, round, entries[2], 10, 5, submit: false);
        var organizer = await host.DemoOrganizerAsync();
        var url = $"/manage/rounds/{round.Id}/progress";

        await organizer.PostFormAsync($"/manage/rounds/{round.Id}/scores", [], url);
        var html = await (await organizer.GetAsync(url)).TextAsync();

        Assert.Matches($"data-judge-id=\"{judge1.UserId}\">\\s*<td>[^<]*</td><td class=\"progress-assigned\">3</td><td class=\"progress-submitted\">3</td><td class=\"progress-drafts\">0</td>", html);
        Assert.Matches($"data-judge-id=\"{judge2.UserId}\">\\s*<td>[^<]*</td><td class=\"progress-assigned\">3</td><td class=\"progress-submitted\">1</td><td class=\"progress-drafts\">1</td>", html);
        Assert.Matches($"data-entry-id=\"{entries[1]}\">\\s*<td>[^<]*</td><td class=\"progress-assigned\">2</td><td class=\"progress-submitted\">1</td>", html);
        var ranks = Regex.Matches(html, "class=\"progress-score\" data-entry-id=\"(\\d+)\" data-rank=\"(\\d+)\"")
            .Select(m => (Entry: int.Parse(m.Groups[1].Value), Rank: int.Parse(m.Groups[2].Value))).ToList();
        Assert.Equal((entries[2], 1), ranks[0]);
        Assert.Equal([2, 2], ranks.Skip(1).Select(r => r.Rank));
        Assert.Contains("2（并列）", html);
        Assert.Contains("50.00", html);
    }

    /// <summary>
    /// The per-judge counts of pairs are kept between visits under the round's assignment stamp: each change to the pairs,
    /// saved anywhere, shows on the next visit.
    /// </summary>
    [Fact]
    public async Task Progress_CountsThePairsStoredNow_WhenPairsChangeBetweenVisits()
    {
        var contestId = await host.ContestIdAsync();
        var round = await host.OnlineRoundAsync(contestId, host.Clock.GetUtcNow().UtcDateTime.AddDays(30));
        var judge = await host.PoolJudgeAsync(contestId);
        var first = (await host.CreateEntryAsync(EntryStatus.Approved, "计数项目" + ReviewData.Tag())).Id;
        var second = (await host.CreateEntryAsync(EntryStatus.Approved, "计数项目" + ReviewData.Tag())).Id;
        await host.AssignAsync(round.Id, first, judge.UserId);
        var organizer = await host.DemoOrganizerAsync();
        var url = $"/manage/rounds/{round.Id}/progress";
        async Task<string> AssignedAsync() => Regex.Match(await (await organizer.GetAsync(url)).TextAsync(),
            $"data-judge-id=\"{judge.UserId}\">\\s*<td>[^<]*</td><td class=\"progress-assigned\">(\\d+)</td>").Groups[1].Value;

        var before = await AssignedAsync();
        await host.AssignAsync(round.Id, second, judge.UserId);
        var added = await AssignedAsync();
        await host.WithDbAsync(async db =>
        {
            db.ReviewAssignments.Remove(await db.ReviewAssignments.SingleAsync(a => a.RoundId == round.Id && a.EntryId == first));
            await db.SaveChangesAsync();
        });
        var removed = await AssignedAsync();

        Assert.Equal(["1", "2", "1"], [before, added, removed]);
    }

    /// <summary>
    /// Two entries tie at 35.00; the round breaks ties by 创新性, where the later entry has more (25 against 20). The
    /// progress page orders them as the ranking the results are published from does, not by entry id with a shared rank.
    /// </summary>
    [Fact]
    public async Task Progress_RanksAsThePublishedRanking_WhenATieBreakerSeparatesEqualScores()
    {
        var contestId = await host.ContestIdAsync();
        var round = await host.OnlineRoundAsync(contestId, host.Clock.GetUtcNow().UtcDateTime.AddDays(30));
        await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == round.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.TieBreakers, $"Criterion:{round.Innovation}")));
        var judge = await host.PoolJudgeAsync(contestId);
        var entries = new List<int>();
        foreach (var (innovation, market) in new[] { (20m, 15m), (25m, 10m), (10m, 5m) })
        {
            var id = (await host.CreateEntryAsync(EntryStatus.Approved, "决胜项目" + ReviewData.Tag())).Id;
            entries.Add(id);
            await host.AssignAsync(round.Id, id, judge.UserId);
            await host.ScoreAsync(judge.UserId, round, id, innovation, market, submit: true);
        }
        var organizer = await host.DemoOrganizerAsync();
        var url = $"/manage/rounds/{round.Id}/progress";

        await organizer.PostFormAsync($"/manage/rounds/{round.Id}/scores", [], url);
        var shown = ProgressRanks(await (await organizer.GetAsync(url)).TextAsync());

        Assert.Equal([(entries[1], 1), (entries[0], 2), (entries[2], 3)], shown);
        Assert.Equal(await PublishedRanksAsync(round.Id), shown);
    }

    /// <summary>
    /// The second round weighs the first 50 %: A leads the second round alone (40 against 30) but B led the first (50 against
    /// 10), so B ranks first (0.5 × 30 + 0.5 × 50 = 40 against 0.5 × 40 + 0.5 × 10 = 25), as in the published ranking.
    /// </summary>
    [Fact]
    public async Task Progress_RanksAsThePublishedRanking_WhenTheRoundWeighsAnEarlierRound()
    {
        var contestId = await host.ContestIdAsync();
        var first = await host.OnlineRoundAsync(contestId, host.Clock.GetUtcNow().UtcDateTime.AddDays(30));
        var second = await host.OnlineRoundAsync(contestId, host.Clock.GetUtcNow().UtcDateTime.AddDays(30));
        await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == second.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.EarlierRoundWeights, $"{first.Id}:50")));
        var judge = await host.PoolJudgeAsync(contestId);
        var a = (await host.CreateEntryAsync(EntryStatus.Approved, "加权项目" + ReviewData.Tag())).Id;
        var b = (await host.CreateEntryAsync(EntryStatus.Approved, "加权项目" + ReviewData.Tag())).Id;
        foreach (var (round, entry, innovation, market) in new[] { (first, a, 5m, 5m), (first, b, 30m, 20m), (second, a, 25m, 15m), (second, b, 20m, 10m) })
        {
            await host.AssignAsync(round.Id, entry, judge.UserId);
            await host.ScoreAsync(judge.UserId, round, entry, innovation, market, submit: true);
        }
        var organizer = await host.DemoOrganizerAsync();
        var url = $"/manage/rounds/{second.Id}/progress";

        await organizer.PostFormAsync($"/manage/rounds/{second.Id}/scores", [], url);
        var html = await (await organizer.GetAsync(url)).TextAsync();

        Assert.Equal([(b, 1), (a, 2)], ProgressRanks(html));
        Assert.Equal(await PublishedRanksAsync(second.Id), ProgressRanks(html));
        Assert.Contains("40.00", html);
    }

    /// <summary>A trimmed mean that refuses fewer than five judges: the entry one judge scored is listed without rank or score.</summary>
    [Fact]
    public async Task Progress_ShowsNoRankAndTheReason_WhenTheRoundRefusesATrimmedMeanOfTooFewJudges()
    {
        var contestId = await host.ContestIdAsync();
        var round = await host.OnlineRoundAsync(contestId, host.Clock.GetUtcNow().UtcDateTime.AddDays(30), aggregation: AggregationMethod.TrimmedMean);
        await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == round.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.TrimFallback, TrimFallback.Refuse)));
        var judge = await host.PoolJudgeAsync(contestId);
        var entry = (await host.CreateEntryAsync(EntryStatus.Approved, "人数不足项目" + ReviewData.Tag())).Id;
        await host.AssignAsync(round.Id, entry, judge.UserId);
        await host.ScoreAsync(judge.UserId, round, entry, 25, 15, submit: true);
        var organizer = await host.DemoOrganizerAsync();
        var url = $"/manage/rounds/{round.Id}/progress";

        await organizer.PostFormAsync($"/manage/rounds/{round.Id}/scores", [], url);
        var html = await (await organizer.GetAsync(url)).TextAsync();

        Assert.Equal([(entry, 0)], ProgressRanks(html));
        Assert.Contains("评委人数不足，未排名", html);
        Assert.DoesNotContain("40.00", html);
    }

    private static List<(int Entry, int Rank)> ProgressRanks(string html) =>
        [.. Regex.Matches(html, "class=\"progress-score\" data-entry-id=\"(\\d+)\" data-rank=\"(\\d+)\"")
            .Select(m => (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value)))];

    private async Task<List<(int Entry, int Rank)>> PublishedRanksAsync(int roundId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var computed = await scope.ServiceProvider.GetRequiredService<RoundRanking>().ComputeAsync(roundId, CancellationToken.None);
        return [.. computed!.Groups.SelectMany(g => g.Entries).Select(e => (e.EntryId, e.Rank))];
    }

    [Fact]
    public async Task Progress_ShowsEntriesAndScoresInPagesAndFilters_WhenTheRoundHasMoreThanAPage()
    {
        var contestId = await host.ContestIdAsync();
        var round = await host.OnlineRoundAsync(contestId, host.Clock.GetUtcNow().UtcDateTime.AddDays(30));
        var tag = ReviewData.Tag();
        var judge = await host.PoolJudgeAsync(contestId);
        var entries = new List<int>();
        for (var i = 0; i < 53; i++)
        {
            var id = (await host.CreateEntryAsync(EntryStatus.Approved, $"分页项目{i:00}" + tag)).Id;
            entries.Add(id);
            await host.AssignAsync(round.Id, id, judge.UserId);
            // The last one stays unscored; the others score 5.00, 5.50 … 30.50, so rank n is entry 52 − n.
            if (i < 52) await host.ScoreAsync(judge.UserId, round, id, i * 0.5m, 5, submit: true);
        }
        var organizer = await host.DemoOrganizerAsync();
        var url = $"/manage/rounds/{round.Id}/progress";
        await organizer.PostFormAsync($"/manage/rounds/{round.Id}/scores", [], url);

        var first = await (await organizer.GetAsync(url)).TextAsync();
        var second = await (await organizer.GetAsync(url + "?EntryPage=2&ScorePage=2")).TextAsync();
        var open = await (await organizer.GetAsync(url + "?Open=true")).TextAsync();
        var one = await (await organizer.GetAsync(url + "?Q=" + Uri.EscapeDataString("分页项目07" + tag))).TextAsync();
        var typedByHand = await organizer.GetAsync(url + "?EntryPage=x&ScorePage=-4");

        int[] Rows(string html, string kind) => Regex.Matches(html, $"class=\"progress-{kind}\" data-entry-id=\"(\\d+)\"")
            .Select(m => int.Parse(m.Groups[1].Value)).ToArray();
        Assert.Equal(entries.Take(50), Rows(first, "entry"));
        Assert.Equal(entries.Skip(50), Rows(second, "entry"));
        Assert.Contains("第 1 / 2 页", first);
        Assert.Equal(Enumerable.Range(0, 50).Select(n => entries[51 - n]), Rows(first, "score"));
        Assert.Equal([entries[1], entries[0]], Rows(second, "score"));
        Assert.Equal([entries[52]], Rows(open, "entry"));
        Assert.Equal([entries[7]], Rows(one, "entry"));
        Assert.Equal(HttpStatusCode.OK, typedByHand.StatusCode);
        Assert.Equal(entries.Take(50), Rows(await typedByHand.TextAsync(), "entry"));
    }

    [Fact]
    public async Task Progress_Returns403_ForAnOrganizerOfAnotherContest()
    {
        var a = await ArrangeAsync();
        var (stranger, _) = await host.NewOrganizerAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/manage/rounds/{a.Round.Id}/progress")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/manage/contests/{a.Round.ContestId}/corrections")).StatusCode);
    }

    [Fact]
    public async Task Submit_WithdrawsTheJudgesPendingReminder_OnlyOnceEveryAssignmentIsSubmitted()
    {
        var a = await ArrangeAsync();
        var second = await host.CreateEntryAsync(EntryStatus.Approved, "提醒项目" + ReviewData.Tag());
        await host.AssignAsync(a.Round.Id, second.Id, a.Judge.UserId);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CompetitionHub.Web.Data.AppDbContext>();
            var round = await db.Rounds.SingleAsync(r => r.Id == a.Round.Id);
            var contest = await db.Contests.SingleAsync(c => c.Id == round.ContestId);
            var assignments = await db.ReviewAssignments.Where(x => x.RoundId == round.Id).ToListAsync();
            await scope.ServiceProvider.GetRequiredService<ReviewReminders>().ScheduleAsync(round, contest, assignments, "https://hub.example/judging", CancellationToken.None);
            await db.SaveChangesAsync();
        }
        var reference = ReviewReminders.Reference(a.Round.Id, a.Judge.UserId);
        Task<List<Notification>> RemindersAsync() => host.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Reference == reference).ToListAsync());
        var reminder = Assert.Single(await RemindersAsync());
        Assert.Equal(host.Clock.GetUtcNow().UtcDateTime.AddDays(28), reminder.DueAt);

        await host.ScoreAsync(a.Judge.UserId, a.Round, a.EntryId, 25, 15, submit: true);
        Assert.Single(await RemindersAsync());
        await host.ScoreAsync(a.Judge.UserId, a.Round, second.Id, 25, 15, submit: true);
        Assert.Empty(await RemindersAsync());
    }
}
