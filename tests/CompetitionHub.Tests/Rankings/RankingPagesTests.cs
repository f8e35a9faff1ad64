using System.Net;
using CompetitionHub.Tests.Contests;
using CompetitionHub.Tests.Judging;
using CompetitionHub.Tests.Review;
using CompetitionHub.Tests.Scoring;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Rankings;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Roadshow;
using CompetitionHub.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Tests.Rankings;

/// <summary>The round settings form's ranking fields, the diagnostics page and the tie draw page, on the real app.</summary>
public sealed class RankingPagesTests(RankingPagesTests.Host host) : IClassFixture<RankingPagesTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host() => With("Hangfire:Server", "false");
    }

    // ---- settings ----

    private async Task<(HttpClient Client, int ContestId, int Earlier, int Round, int Criterion)> TwoRoundsAsync()
    {
        var (client, organizerId) = await host.NewOrganizerAsync();
        var contestId = await host.AddContestAsync(organizerUserId: organizerId);
        var earlier = await host.AddRoundAsync(contestId);
        var round = await host.AddRoundAsync(contestId, criteria: 2);
        var criterion = await host.WithDbAsync(db => db.RubricCriteria.Where(c => c.RoundId == round).OrderBy(c => c.Sequence).Select(c => c.Id).FirstAsync());
        return (client, contestId, earlier, round, criterion);
    }

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, int contestId, int roundId, params (string Key, string Value)[] fields) =>
        SaveAsync(client, contestId, roundId, byHand: false, fields);

    /// <param name="byHand">Values the form's lists do not offer (an unknown rule, a later round) are sent by hand.</param>
    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, int contestId, int roundId, bool byHand, params (string Key, string Value)[] fields)
    {
        var url = $"/manage/contests/{contestId}/rounds/{roundId}";
        List<KeyValuePair<string, string>> form =
        [
            new("Form.Name", "决赛"), new("Form.NameEn", "Final"), new("Form.Kind", "OnlineReview"),
            new("Form.Aggregation", "TrimmedMean"), new("Form.TrimMinJudges", "5"), new("Form.TrimCount", "1"),
        ];
        foreach (var (key, value) in fields)
        {
            form.RemoveAll(f => f.Key == key);
            form.Add(new(key, value));
        }
        return byHand ? client.PostTamperedAsync(url, form, formPage: url) : client.PostFormAsync(url, form, formPage: url);
    }

    [Fact]
    public async Task SaveRound_StoresTheRankingSettings_WhenValid()
    {
        var (client, contestId, earlier, roundId, criterion) = await TwoRoundsAsync();

        var response = await SaveAsync(client, contestId, roundId,
            ("Form.Aggregation", "Median"), ("Form.TrimCount", "2"), ("Form.EarlierWeights[0].RoundId", earlier.ToString()),
            ("Form.EarlierWeights[0].WeightPercent", "30"), ("Form.MissingEarlierScore", "CountAsZero"),
            ("Form.TieBreakers[0]", $"Criterion:{criterion}"), ("Form.TieBreakers[1]", ""), ("Form.TieBreakers[2]", "TopScores"),
            ("Form.TieBreakers[3]", "LotDraw"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var round = await host.WithDbAsync(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId));
        Assert.Equal((AggregationMethod.Median, 2, $"{earlier}:30", MissingEarlierScore.CountAsZero, $"Criterion:{criterion},TopScores,LotDraw"),
            (round.Aggregation, round.TrimCount, round.EarlierRoundWeights, round.MissingEarlierScore, round.TieBreakers));
        var page = await client.GetStringAsync($"/manage/contests/{contestId}/rounds/{roundId}");
        Assert.Contains("<option selected=\"selected\" value=\"Median\">", page);
        Assert.Matches($"id=\"round-weight-{earlier}\"[^>]*value=\"30\"", page);
        Assert.Contains("本赛段自身权重为 100% 减去前序赛段权重之和（当前 70%）", System.Net.WebUtility.HtmlDecode(page));
        Assert.Matches("id=\"round-tie-breaker-1\">\\s*<option value=\"\">[^<]*</option>\\s*(<option value=\"[^\"]*\">[^<]*</option>\\s*)*<option value=\"TopScores\" selected=\"selected\">", page);
        Assert.Contains("id=\"round-diagnostics-link\"", page);
    }

    [Theory]
    [InlineData("Form.TrimCount|2", "Form.TrimMinJudges|4", "去掉 2 个最高分和 2 个最低分，至少需要 5 位评委。")]
    [InlineData("Form.TrimCount|8", "", "去掉的最高分和最低分个数须在 1 到 7 之间。")]
    [InlineData("Form.Aggregation|ZScore", "Form.Kind|Roadshow", "标准分（Z 分数）计分只适用于网络评审赛段。")]
    [InlineData("Form.EarlierWeights[0].WeightPercent|99", "Form.EarlierWeights[1].WeightPercent|1", "前序赛段的权重合计须小于 100%，本赛段自身须保留权重。")]
    [InlineData("Form.TieBreakers[0]|LotDraw", "Form.TieBreakers[1]|TopScores", "抽签只能作为最后一条决胜规则。")]
    [InlineData("Form.TieBreakers[0]|TopScores", "Form.TieBreakers[1]|TopScores", "决胜规则不能重复。")]
    [InlineData("Form.TieBreakers[0]|Criterion:999999", "", "决胜规则无效：评分项须属于本赛段的评分标准。")]
    [InlineData("Form.TieBreakers[0]|Shortest", "", "决胜规则无效：评分项须属于本赛段的评分标准。")]
    public async Task SaveRound_RefusesWithoutSaving_WhenTheRankingSettingsAreInvalid(string firstField, string secondField, string expected)
    {
        var (client, contestId, earlier, roundId, _) = await TwoRoundsAsync();
        // A third round, before both, so two earlier rounds can be weighted.
        var first = await host.WithDbAsync(async db =>
        {
            var round = new Round { ContestId = contestId, Sequence = 0, Name = "预赛", NameEn = "Qualifier" };
            db.Rounds.Add(round);
            await db.SaveChangesAsync();
            return round.Id;
        });
        List<(string, string)> fields = [("Form.EarlierWeights[0].RoundId", first.ToString()), ("Form.EarlierWeights[1].RoundId", earlier.ToString())];
        foreach (var pair in new[] { firstField, secondField }.Where(p => p.Length > 0))
            fields.Add((pair.Split('|')[0], pair.Split('|')[1]));

        var response = await SaveAsync(client, contestId, roundId, byHand: fields.Any(f => f.Item2 is "Shortest" or "Criterion:999999"), [.. fields]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, System.Net.WebUtility.HtmlDecode(await response.TextAsync()));
        var round = await host.WithDbAsync(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId));
        Assert.Equal(("", "", 1), (round.TieBreakers, round.EarlierRoundWeights, round.TrimCount));
    }

    [Fact]
    public async Task SaveRound_RefusesToWeighALaterRound()
    {
        var (client, contestId, earlier, _, _) = await TwoRoundsAsync();
        var later = await host.WithDbAsync(db => db.Rounds.Where(r => r.ContestId == contestId).OrderBy(r => r.Sequence).Select(r => r.Id).LastAsync());

        var response = await SaveAsync(client, contestId, earlier, byHand: true,
            ("Form.EarlierWeights[0].RoundId", later.ToString()), ("Form.EarlierWeights[0].WeightPercent", "30"));

        Assert.Contains("只能加权本赛事中在本赛段之前的赛段，且每个赛段只能出现一次。", System.Net.WebUtility.HtmlDecode(await response.TextAsync()));
    }

    // ---- diagnostics ----

    private async Task<(TestRound Round, List<int> Entries, List<string> Judges)> ScoredRoundAsync(string tieBreakers, params int[][] totalsByJudge)
    {
        var contestId = await host.ContestIdAsync();
        var round = await host.OnlineRoundAsync(contestId, DateTime.UtcNow.AddDays(10));
        await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == round.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.TieBreakers, tieBreakers)));
        var entries = new List<int>();
        for (var i = 0; i < totalsByJudge[0].Length; i++)
            entries.Add((await host.CreateEntryAsync(EntryStatus.Approved, $"诊断项目{i + 1}-" + ReviewData.Tag())).Id);
        var judges = new List<string>();
        for (var j = 0; j < totalsByJudge.Length; j++)
            judges.Add((await host.CreateUserAsync(TestUsers.NewEmail("judge"), TestUsers.DemoPassword, $"诊断评委{j + 1}", roles: Roles.Judge)).Id);
        await host.WithDbAsync(async db =>
        {
            for (var j = 0; j < judges.Count; j++)
            for (var e = 0; e < entries.Count; e++)
            {
                var total = totalsByJudge[j][e];
                var innovation = Math.Min(total, 3000);
                db.ScoreSheets.Add(new ScoreSheet
                {
                    RoundId = round.Id, EntryId = entries[e], JudgeUserId = judges[j], SubmissionId = Guid.NewGuid(), Status = SheetStatus.Submitted,
                    Lines = [new ScoreLine { CriterionId = round.Innovation, PointsHundredths = innovation }, new ScoreLine { CriterionId = round.Market, PointsHundredths = total - innovation }],
                    TotalHundredths = total, EffectiveTotalHundredths = total, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, SubmittedAt = DateTime.UtcNow,
                });
            }
            await db.SaveChangesAsync();
        });
        return (round, entries, judges);
    }

    [Fact]
    public async Task Diagnostics_ShowsAgreementSeverityAndOutliers_ToTheContestsOrganizer()
    {
        // Full marks 50. J1 45 40 35 30; J2 44 41 34 31; J3 40 41 31 5.
        // Ranks: J1 and J2 1 2 3 4, J3 2 1 3 4 → rank sums 4, 5, 9, 12; S = 12.25 + 6.25 + 2.25 + 20.25 = 41;
        // W = 12 · 41 / (9 · 60) = 0.91. J3's mean z = −0.54 (strict). J3's 5 on entry 4: median 30, threshold 5 → outlier.
        var (round, entries, judges) = await ScoredRoundAsync("", [4500, 4000, 3500, 3000], [4400, 4100, 3400, 3100], [4000, 4100, 3100, 500]);
        var organizer = await host.DemoOrganizerAsync();

        var page = System.Net.WebUtility.HtmlDecode(await organizer.GetStringAsync($"/manage/contests/{round.ContestId}/rounds/{round.Id}/diagnostics"));

        Assert.Contains("不改变任何正式成绩", page);
        Assert.Matches("data-method=\"KendallW\"[\\s\\S]*?class=\"agreement-value\">0.91<", page);
        Assert.Contains("评委的排序高度一致，排名结果可信。", page);
        Assert.Matches($"data-judge-id=\"{judges[2]}\"[\\s\\S]*?class=\"severity-value\">-0.54<[\\s\\S]*?偏严", page);
        Assert.Matches($"class=\"outlier-row\" data-entry-id=\"{entries[3]}\" data-judge-id=\"{judges[2]}\"", page);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "class=\"outlier-row\""));
    }

    [Fact]
    public async Task Diagnostics_ReadsInEnglish_WhenTheCultureIsEnglish()
    {
        var (round, _, _) = await ScoredRoundAsync("", [4500, 4000, 3500], [4400, 4100, 3400], [4000, 4100, 3100]);
        var organizer = await host.DemoOrganizerAsync("en");

        var page = System.Net.WebUtility.HtmlDecode(await organizer.GetStringAsync($"/manage/contests/{round.ContestId}/rounds/{round.Id}/diagnostics"));

        Assert.Contains("Scoring diagnostics", page);
        Assert.Contains("Kendall", page);
        Assert.DoesNotContain("评委的排序", page);
    }

    [Fact]
    public async Task Diagnostics_Refuses_WhenNotTheContestsOrganizerOrTheRoundIsElsewhere()
    {
        var (round, _, _) = await ScoredRoundAsync("", [4500, 4000], [4400, 4100]);
        var other = await host.OrganizerOfAsync(ReviewData.OtherContest);
        var organizer = await host.DemoOrganizerAsync();
        var otherContestId = await host.ContestIdAsync(ReviewData.OtherContest);

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/manage/contests/{round.ContestId}/rounds/{round.Id}/diagnostics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await organizer.GetAsync($"/manage/contests/{otherContestId}/rounds/{round.Id}/diagnostics")).StatusCode);
    }

    // ---- tie draws ----

    [Fact]
    public async Task DrawTie_IsRefusedWithAMessageAndDrawsNothing_WhenAValueCannotBeRead()
    {
        var (round, entries, _) = await ScoredRoundAsync("TopScores,LotDraw", [4000, 4000, 3000], [4000, 4000, 3000]);
        var organizer = await host.DemoOrganizerAsync();
        var url = $"/manage/contests/{round.ContestId}/rounds/{round.Id}/ties";

        var response = await organizer.PostTamperedAsync(url + "/draw", url,
            ("EntryIds", entries[0].ToString()), ("EntryIds", entries[1].ToString()), ("ScoreHundredths", "四千"), ("Seed", "7"));

        Assert.Contains("输入的值无效。", System.Net.WebUtility.HtmlDecode(await organizer.FollowAsync(response)));
        Assert.False(await host.WithDbAsync(db => db.TieDraws.AnyAsync(d => d.RoundId == round.Id)));
    }

    [Fact]
    public async Task DrawTie_RecordsTheSeedAndDecidesTheRanking_WhenTheBreakersEndInALotDraw()
    {
        var (round, entries, _) = await ScoredRoundAsync("TopScores,LotDraw", [4000, 4000, 3000], [4000, 4000, 3000]);
        var organizer = await host.DemoOrganizerAsync();
        var url = $"/manage/contests/{round.ContestId}/rounds/{round.Id}/ties";
        var before = await organizer.GetStringAsync(url);
        Assert.Contains("data-score=\"4000\"", before);

        var response = await organizer.PostFormAsync(url + "/draw",
            [new("EntryIds", entries[0].ToString()), new("EntryIds", entries[1].ToString()), new("ScoreHundredths", "4000"), new("Seed", "7")], url);
        var after = System.Net.WebUtility.HtmlDecode(await organizer.FollowAsync(response));

        var expected = LotDraw.Draw([entries[0], entries[1]], 7);
        Assert.Contains($"抽签已记录：种子 7，顺序 {expected[0]},{expected[1]}。", after);
        Assert.Contains("结果可复现", after);
        Assert.DoesNotContain("data-score=\"4000\"", after);
        var draw = await host.WithDbAsync(db => db.TieDraws.AsNoTracking().SingleAsync(d => d.RoundId == round.Id));
        Assert.Equal((7, $"{expected[0]},{expected[1]}"), (draw.Seed, draw.DrawnOrder));
        var ranking = await RankingAsync(round.Id);
        Assert.Equal([(expected[0], 1), (expected[1], 2), (entries[2], 3)], ranking.Select(r => (r.EntryId, r.Rank)));
        Assert.Equal(TieBreakerKind.LotDraw, ranking[0].DecidedBy?.Kind);
        Assert.True(await host.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "TieDraw" && a.EntityId == draw.Id.ToString())));

        // The tie is settled: a second draw for it is refused.
        var again = await organizer.PostTamperedAsync(url + "/draw",
            [new("EntryIds", entries[0].ToString()), new("EntryIds", entries[1].ToString()), new("ScoreHundredths", "4000"), new("Seed", "8")],
            $"/manage/contests/{round.ContestId}/rounds/{round.Id}");
        Assert.Contains("这些项目目前不是需要抽签决定的并列", System.Net.WebUtility.HtmlDecode(await organizer.FollowAsync(again)));
        Assert.Equal(1, await host.WithDbAsync(db => db.TieDraws.CountAsync(d => d.RoundId == round.Id)));
    }

    private async Task<IReadOnlyList<RankedEntry>> RankingAsync(int roundId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<RoundRanking>().ComputeAsync(roundId, CancellationToken.None);
        return result!.Groups.Single(g => g.Entries.Count > 0).Entries;
    }
}
