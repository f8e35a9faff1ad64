using System.Net;
using CompetitionHub.Tests.Judging;
using CompetitionHub.Tests.Review;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Rankings;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CompetitionHub.Tests.Scoring;

/// <summary>
/// Online review sheets on the rubric an organizer set in the editor: weights applied to the total, each step size,
/// rubrics per track, and sheets taken only while the round is scoring. Rubrics are saved and rounds moved through the
/// organizer's pages, sheets sent through the judge's page.
/// </summary>
public sealed class RubricSheetTests(RubricSheetTests.Host host) : IClassFixture<RubricSheetTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host() => With("Hangfire:Server", "false").WithClock(Clock);

        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
    }

    private sealed record Line(string Name, string Max, string Step, string? Weight);

    /// <summary>40/30/10/10/10 % over lines of 20, 30, 10, 15 and 15 points, in steps of 0.5, 0.5, 1, 0.1 and 0.1.</summary>
    private static readonly Line[] Weighted =
    [
        new("创新性", "20", "50", "40"), new("商业模式", "30", "50", "30"), new("团队", "10", "100", "10"),
        new("市场", "15", "10", "10"), new("社会效益", "15", "10", "10"),
    ];

    private sealed record TestRubricRound(int ContestId, int RoundId, HttpClient Organizer)
    {
        public string Page => $"/manage/contests/{ContestId}/rounds/{RoundId}";
    }

    /// <summary>A draft online review round of the seeded contest with as many placeholder lines as the rubric will have.</summary>
    private async Task<TestRubricRound> RoundAsync(int lines)
    {
        var contestId = await host.ContestIdAsync();
        var ends = host.Clock.GetUtcNow().UtcDateTime.AddDays(30);
        var roundId = await host.WithDbAsync(async db =>
        {
            var sequence = (await db.Rounds.Where(r => r.ContestId == contestId).MaxAsync(r => (int?)r.Sequence) ?? 0) + 1;
            var round = new Round
            {
                ContestId = contestId, Sequence = sequence, Name = "网络评审" + ReviewData.Tag(), NameEn = "Online review",
                Kind = RoundKind.OnlineReview, Status = RoundStatus.Draft, StartsAt = ends.AddDays(-30), EndsAt = ends,
                Aggregation = AggregationMethod.Mean,
            };
            for (var i = 1; i <= lines; i++)
                round.Criteria.Add(new RubricCriterion { Sequence = i, Name = $"占位{i}", NameEn = $"Placeholder {i}", MaxPointsHundredths = 1000 });
            db.Rounds.Add(round);
            await db.SaveChangesAsync();
            return round.Id;
        });
        return new TestRubricRound(contestId, roundId, await host.DemoOrganizerAsync());
    }

    private static List<KeyValuePair<string, string>> RubricFields(IReadOnlyList<Line> lines, int? trackId = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        if (trackId is { } track) fields.Add(new("TrackId", track.ToString()));
        for (var i = 0; i < lines.Count; i++)
        {
            fields.AddRange([new($"Criteria[{i}].Name", lines[i].Name), new($"Criteria[{i}].NameEn", lines[i].Name + " (en)"),
                new($"Criteria[{i}].MaxPoints", lines[i].Max), new($"Criteria[{i}].StepHundredths", lines[i].Step),
                new($"Criteria[{i}].WeightPercent", lines[i].Weight ?? "")]);
        }
        return fields;
    }

    private static async Task SaveRubricAsync(TestRubricRound round, IReadOnlyList<Line> lines, int? trackId = null)
    {
        var response = await round.Organizer.PostFormAsync($"{round.Page}/rubric", RubricFields(lines, trackId), formPage: round.Page);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Presses the status button on the round page until the round is in <paramref name="status"/>.</summary>
    private async Task MoveAsync(TestRubricRound round, RoundStatus status)
    {
        while (await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == round.RoundId).Select(r => r.Status).SingleAsync()) < status)
            Assert.Equal(HttpStatusCode.Redirect, (await round.Organizer.PostFormAsync($"{round.Page}/advance", [], formPage: round.Page)).StatusCode);
    }

    private Task<List<RubricCriterion>> CriteriaAsync(TestRubricRound round, int? trackId = null) =>
        host.WithDbAsync(db => db.RubricCriteria.AsNoTracking().Where(c => c.RoundId == round.RoundId && c.TrackId == trackId)
            .OrderBy(c => c.Sequence).ToListAsync());

    private async Task<(int EntryId, string Url)> AssignedEntryAsync(TestRubricRound round, TestJudge judge, string track = "startup")
    {
        var entry = await host.CreateEntryAsync(EntryStatus.Approved, "权重项目" + ReviewData.Tag(), trackCode: track);
        await host.AssignAsync(round.RoundId, entry.Id, judge.UserId);
        return (entry.Id, $"/judging/rounds/{round.RoundId}/entries/{entry.Id}/score");
    }

    private static Task<HttpResponseMessage> SubmitAsync(TestJudge judge, string url, IReadOnlyList<RubricCriterion> criteria, params string[] points) =>
        judge.Client.PostFormAsync(url,
            [.. criteria.Select((c, i) => new KeyValuePair<string, string>($"Points[{c.Id}]", points[i])), new("Comment", "评语"), new("Command", "submit")]);

    private Task<ScoreSheet?> SheetAsync(TestRubricRound round, int entryId) =>
        host.WithDbAsync(db => db.ScoreSheets.AsNoTracking().SingleOrDefaultAsync(s => s.RoundId == round.RoundId && s.EntryId == entryId));

    [Fact]
    public async Task ScorePage_StoresTheWeightedTotalRoundedOnce_WhenTheRubricHasWeights()
    {
        var round = await RoundAsync(5);
        await SaveRubricAsync(round, Weighted);
        await MoveAsync(round, RoundStatus.Scoring);
        var judge = await host.PoolJudgeAsync(round.ContestId);
        var (entryId, url) = await AssignedEntryAsync(round, judge);
        var criteria = await CriteriaAsync(round);

        var response = await SubmitAsync(judge, url, criteria, "15", "22.5", "7", "13.3", "11.2");

        // 15/20·40 + 22.5/30·30 + 7/10·10 + 13.3/15·10 + 11.2/15·10 = 30 + 22.5 + 7 + 8.8666… + 7.4666… = 75.8333… -> 75.83
        // (the raw sum would be 69; rounding each line first would give 75.84).
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var sheet = (await SheetAsync(round, entryId))!;
        Assert.Equal((7583, 7583), (sheet.TotalHundredths, sheet.EffectiveTotalHundredths));
        Assert.Equal([1500, 2250, 700, 1330, 1120], sheet.Lines.Select(l => l.PointsHundredths));
        Assert.Contains("75.83", await judge.Client.GetStringAsync(url));
    }

    [Fact]
    public async Task Ranking_PutsTheEntryAheadThatTheWeightsFavour_WhenTheRawSumsWouldRankThemTheOtherWay()
    {
        var round = await RoundAsync(5);
        await SaveRubricAsync(round, Weighted);
        await MoveAsync(round, RoundStatus.Scoring);
        var judge = await host.PoolJudgeAsync(round.ContestId);
        var criteria = await CriteriaAsync(round);
        var (broad, broadUrl) = await AssignedEntryAsync(round, judge);
        var (sharp, sharpUrl) = await AssignedEntryAsync(round, judge);

        // broad: raw 8 + 30 + 10 + 15 + 15 = 78, weighted 16 + 30 + 10 + 10 + 10 = 76.
        // sharp: raw 20 + 20 + 5 + 10 + 10 = 65, weighted 40 + 20 + 5 + 6.6666… + 6.6666… = 78.3333… -> 78.33.
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(judge, broadUrl, criteria, "8", "30", "10", "15", "15")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(judge, sharpUrl, criteria, "20", "20", "5", "10", "10")).StatusCode);

        await using var scope = host.Services.CreateAsyncScope();
        var ranking = await scope.ServiceProvider.GetRequiredService<RoundRanking>().ComputeAsync(round.RoundId, CancellationToken.None);
        var ranked = ranking!.Groups.SelectMany(g => g.Entries).Where(e => e.EntryId == broad || e.EntryId == sharp).OrderBy(e => e.Rank).ToList();
        Assert.Equal([(sharp, 7833), (broad, 7600)], ranked.Select(e => (e.EntryId, e.ScoreHundredths)));
    }

    [Fact]
    public async Task Correction_IsTotalledWithTheWeights_WhenTheRubricHasWeights()
    {
        var round = await RoundAsync(5);
        await SaveRubricAsync(round, Weighted);
        await MoveAsync(round, RoundStatus.Scoring);
        var judge = await host.PoolJudgeAsync(round.ContestId);
        var (entryId, url) = await AssignedEntryAsync(round, judge);
        var criteria = await CriteriaAsync(round);
        await SubmitAsync(judge, url, criteria, "20", "30", "10", "15", "15");

        var response = await judge.Client.PostFormAsync(url.Replace("/score", "/correction"),
            [new($"Points[{criteria[0].Id}]", "10"), new("Reason", "创新性误填")], formPage: url);

        // Only 创新性 changes, 20 -> 10: 100 − 10/20·40 = 80.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var sheet = (await SheetAsync(round, entryId))!;
        var correction = await host.WithDbAsync(db => db.ScoreCorrections.AsNoTracking().SingleAsync(c => c.SheetId == sheet.Id));
        Assert.Equal((10_000, 8000), (sheet.TotalHundredths, correction.TotalHundredths));
    }

    [Theory]
    [InlineData("10", "12.3", true, null)]
    [InlineData("10", "12.35", false, "“分项”的分数须以 0.1 分为单位。")]
    [InlineData("50", "7.5", true, null)]
    [InlineData("50", "7.3", false, "“分项”的分数须以 0.5 分为单位。")]
    [InlineData("100", "8", true, null)]
    [InlineData("100", "8.5", false, "“分项”的分数须以 1 分为单位。")]
    public async Task ScorePage_TakesPointsOnlyInTheLinesStep_WhenTheOrganizerSetThatStep(string step, string points, bool accepted, string? message)
    {
        var round = await RoundAsync(1);
        await SaveRubricAsync(round, [new("分项", "20", step, null)]);
        await MoveAsync(round, RoundStatus.Scoring);
        var judge = await host.PoolJudgeAsync(round.ContestId);
        var (entryId, url) = await AssignedEntryAsync(round, judge);
        var criteria = await CriteriaAsync(round);
        Assert.Contains($"step=\"{decimal.Parse(step) / 100m:0.##}\"", await judge.Client.GetStringAsync(url));

        var response = await SubmitAsync(judge, url, criteria, points);

        if (accepted)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal((int)(decimal.Parse(points) * 100), (await SheetAsync(round, entryId))!.TotalHundredths);
        }
        else
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains(message!, await response.TextAsync());
            Assert.Null(await SheetAsync(round, entryId));
        }
    }

    [Fact]
    public async Task ScorePage_ShowsAndChecksTheTracksOwnRubric_WhenTheEntrysTrackHasOne()
    {
        var round = await RoundAsync(2);
        var growth = await host.TrackIdAsync("growth");
        await SaveRubricAsync(round, [new("创新性", "60", "50", null), new("团队", "40", "50", null)]);
        await SaveRubricAsync(round, [new("营收增长", "70", "10", null)], growth);
        await SaveRubricAsync(round, [new("营收增长", "70", "10", "70"), new("盈利能力", "30", "100", "30")], growth);
        await MoveAsync(round, RoundStatus.Scoring);
        var judge = await host.PoolJudgeAsync(round.ContestId);
        var (startupEntry, startupUrl) = await AssignedEntryAsync(round, judge, "startup");
        var (growthEntry, growthUrl) = await AssignedEntryAsync(round, judge, "growth");
        var shared = await CriteriaAsync(round);
        var own = await CriteriaAsync(round, growth);

        var growthPage = await judge.Client.GetStringAsync(growthUrl);
        Assert.Contains("营收增长", growthPage);
        Assert.DoesNotContain($"name=\"Points[{shared[0].Id}]\"", growthPage);
        Assert.Contains($"name=\"Points[{shared[0].Id}]\"", await judge.Client.GetStringAsync(startupUrl));

        // The shared lines sent for a growth entry (as an old tab or a forged post would) are not its rubric.
        var forged = await judge.Client.PostTamperedAsync(growthUrl, growthUrl,
            ($"Points[{shared[0].Id}]", "50"), ($"Points[{shared[1].Id}]", "30"), ("Command", "submit"), ("SubmissionId", Guid.NewGuid().ToString()));
        Assert.Contains("评分包含不属于该评分标准的项目。", await forged.TextAsync());
        Assert.Null(await SheetAsync(round, growthEntry));

        // 52.5/70·70 + 20/30·30 = 52.5 + 20 = 72.5; the startup entry on the shared lines: 50 + 30 = 80.
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(judge, growthUrl, own, "52.5", "20")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(judge, startupUrl, shared, "50", "30")).StatusCode);
        Assert.Equal(7250, (await SheetAsync(round, growthEntry))!.TotalHundredths);
        Assert.Equal(8000, (await SheetAsync(round, startupEntry))!.TotalHundredths);
    }

    [Theory]
    [InlineData(RoundStatus.Draft, "该赛段尚未开始评分。")]
    [InlineData(RoundStatus.Open, "该赛段尚未开始评分。")]
    [InlineData(RoundStatus.Closed, "该赛段评分已结束，不能再评分。")]
    public async Task ScorePage_RefusesTheSheetWithTheReason_WhenTheRoundIsNotScoring(RoundStatus status, string reason)
    {
        var round = await RoundAsync(1);
        await SaveRubricAsync(round, [new("分项", "20", "50", null)]);
        await MoveAsync(round, status);
        var judge = await host.PoolJudgeAsync(round.ContestId);
        var (entryId, url) = await AssignedEntryAsync(round, judge);
        var criterion = Assert.Single(await CriteriaAsync(round));

        var page = await judge.Client.GetStringAsync(url);
        // The page offers no submit button; a sheet sent anyway (a tab left open, a forged post) is refused all the same.
        var response = await judge.Client.PostTamperedAsync(url, url,
            ($"Points[{criterion.Id}]", "15"), ("Command", "submit"), ("SubmissionId", Guid.NewGuid().ToString()));

        Assert.Contains($"id=\"score-closed\">{reason}</div>", page);
        Assert.DoesNotContain("id=\"score-submit\"", page);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(reason, await response.TextAsync());
        Assert.Null(await SheetAsync(round, entryId));
    }
}
