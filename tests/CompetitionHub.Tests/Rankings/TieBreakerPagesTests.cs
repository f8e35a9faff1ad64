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
using CompetitionHub.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Tests.Rankings;

/// <summary>
/// The trimmed-mean fallback, judge groups and the new tie-breakers on the round settings form, and the panel decision
/// and the 评委人数不足 flag on the ties page, on the real app.
/// </summary>
public sealed class TieBreakerPagesTests(TieBreakerPagesTests.Host host) : IClassFixture<TieBreakerPagesTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host() => With("Hangfire:Server", "false");
    }

    /// <summary>An online round of the demo contest; judge j gives entry e the total totalsByJudge[j][e] (full marks 50).</summary>
    private async Task<(TestRound Round, List<int> Entries, List<string> Judges)> ScoredRoundAsync(params int[][] totalsByJudge)
    {
        var contestId = await host.ContestIdAsync();
        var round = await host.OnlineRoundAsync(contestId, DateTime.UtcNow.AddDays(10));
        var entries = new List<int>();
        for (var i = 0; i < totalsByJudge[0].Length; i++)
            entries.Add((await host.CreateEntryAsync(EntryStatus.Approved, $"分组项目{i + 1}-" + ReviewData.Tag())).Id);
        var judges = new List<string>();
        for (var j = 0; j < totalsByJudge.Length; j++)
            judges.Add((await host.CreateUserAsync(TestUsers.NewEmail("judge"), TestUsers.DemoPassword, $"分组评委{j + 1}", roles: Roles.Judge)).Id);
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

    private static string RoundUrl(TestRound round) => $"/manage/contests/{round.ContestId}/rounds/{round.Id}";

    private async Task<GroupRanking> RankingAsync(int roundId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<RoundRanking>().ComputeAsync(roundId, CancellationToken.None);
        return result!.Groups.Single(g => g.Entries.Count > 0 || g.Unranked.Count > 0);
    }

    // ---- round settings ----

    [Fact]
    public async Task SaveRound_StoresTheFallbackTheBreakersAndTheJudgeGroups_WhenValid()
    {
        // Judges 1–3 experts (70 %), 4–5 media (30 %). Entry 1: experts 40 45 42.5 → 42.50, media 30 35 → 32.50;
        // (70 · 42.5 + 30 · 32.5) / 100 = 29.75 + 9.75 = 39.50. Entry 2: experts 35 35 35 → 35.00, media 47.5 49.5 → 48.50;
        // 24.50 + 14.55 = 39.05. Without groups: 190 / 5 = 38.00 and 202 / 5 = 40.40, entry 2 first.
        var (round, entries, judges) = await ScoredRoundAsync([4000, 3500], [4500, 3500], [4250, 3500], [3000, 4750], [3500, 4950]);
        var organizer = await host.DemoOrganizerAsync();
        Assert.Equal(entries[1], (await RankingAsync(round.Id)).Entries[0].EntryId);

        var response = await organizer.PostFormAsync(RoundUrl(round),
        [
            new("Form.Aggregation", "Mean"), new("Form.TrimFallback", "Refuse"),
            new("Form.TieBreakers[0]", "UntrimmedTotal"), new("Form.TieBreakers[1]", "PanelDecision"),
            new("Form.JudgeGroups[0].Name", "专家评委"), new("Form.JudgeGroups[0].NameEn", "Experts"), new("Form.JudgeGroups[0].WeightPercent", "70"),
            new("Form.JudgeGroups[1].Name", "媒体评委"), new("Form.JudgeGroups[1].NameEn", "Media"), new("Form.JudgeGroups[1].WeightPercent", "30"),
            new("Form.JudgeGroupMembers[0].Group", "1"), new("Form.JudgeGroupMembers[1].Group", "1"), new("Form.JudgeGroupMembers[2].Group", "1"),
            new("Form.JudgeGroupMembers[3].Group", "2"), new("Form.JudgeGroupMembers[4].Group", "2"),
            // The round is scoring, so its rules are frozen: the change is made with a reason, as the page asks.
            new("Form.RuleChangeReason", "评审委员会决定按专家与媒体分组计分"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await host.WithDbAsync(db => db.Rounds.AsNoTracking().Include(r => r.JudgeGroups).Include(r => r.JudgeGroupMembers)
            .SingleAsync(r => r.Id == round.Id));
        Assert.Equal((TrimFallback.Refuse, "UntrimmedTotal,PanelDecision"), (saved.TrimFallback, saved.TieBreakers));
        var groups = saved.JudgeGroups.OrderBy(g => g.Sequence).ToList();
        Assert.Equal([("专家评委", "Experts", 70), ("媒体评委", "Media", 30)], groups.Select(g => (g.Name, g.NameEn, g.WeightPercent)));
        Assert.Equal(judges.Select((j, i) => (j, groups[i < 3 ? 0 : 1].Id)).OrderBy(x => x.j, StringComparer.Ordinal),
            saved.JudgeGroupMembers.Select(m => (m.JudgeUserId, m.JudgeGroupId)).OrderBy(x => x.JudgeUserId, StringComparer.Ordinal));
        var ranking = await RankingAsync(round.Id);
        Assert.Equal([(entries[0], 3950), (entries[1], 3905)], ranking.Entries.Select(r => (r.EntryId, r.ScoreHundredths)));
        var audit = await host.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "Round" && a.EntityId == round.Id.ToString() && a.Action == "Update").SingleAsync());
        Assert.Contains("专家评委", System.Text.RegularExpressions.Regex.Unescape(audit.After!));
        Assert.Contains("\"trimFallback\":\"Refuse\"", audit.After);

        var page = System.Net.WebUtility.HtmlDecode(await organizer.GetStringAsync(RoundUrl(round)));
        Assert.Matches("id=\"judge-group-0-name\"[^>]*value=\"专家评委\"", page);
        Assert.Matches("id=\"judge-member-3\">\\s*<option value=\"\">[^<]*</option>\\s*<option value=\"1\">[^<]*</option>\\s*<option value=\"2\" selected=\"selected\">", page);
        Assert.Contains("<option selected=\"selected\" value=\"Refuse\">", page);
        Assert.Contains("不是公布的两位小数成绩", page);
    }

    [Theory]
    [InlineData("Form.JudgeGroups[1].WeightPercent|20", "各评委组的权重之和须为 100%（当前 90%）。")]
    [InlineData("Form.JudgeGroups[1].Name|", "请填写评委组名称。")]
    [InlineData("Form.JudgeGroupMembers[1].Group|", "请为每位评委选择评委组。")]
    [InlineData("Form.JudgeGroupMembers[1].Group|3", "所选评委组不存在。")]
    [InlineData("Form.TieBreakers[2]|UntrimmedTotal", "评审会决定只能作为最后一条决胜规则。")]
    [InlineData("Form.TieBreakers[2]|LotDraw", "抽签和评审会决定都会排定全部剩余名次，只能选用其中一条。")]
    [InlineData("Form.Aggregation|ZScore", "标准分（Z 分数）计分不能与评委分组同时使用。")]
    public async Task SaveRound_RefusesAndKeepsWhatWasTyped_WhenTheNewSettingsAreInvalid(string field, string expected)
    {
        var (round, _, _) = await ScoredRoundAsync([4000], [4500]);
        var organizer = await host.DemoOrganizerAsync();
        List<KeyValuePair<string, string>> form =
        [
            new("Form.TieBreakers[0]", "TopScores"), new("Form.TieBreakers[1]", "PanelDecision"),
            new("Form.JudgeGroups[0].Name", "专家评委"), new("Form.JudgeGroups[0].NameEn", "Experts"), new("Form.JudgeGroups[0].WeightPercent", "70"),
            new("Form.JudgeGroups[1].Name", "媒体评委"), new("Form.JudgeGroups[1].NameEn", "Media"), new("Form.JudgeGroups[1].WeightPercent", "30"),
            new("Form.JudgeGroupMembers[0].Group", "1"), new("Form.JudgeGroupMembers[1].Group", "2"),
        ];
        var (key, value) = (field.Split('|')[0], field.Split('|')[1]);
        form.RemoveAll(f => f.Key == key);
        form.Add(new(key, value));

        var response = await organizer.PostFormAsync(RoundUrl(round), form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = System.Net.WebUtility.HtmlDecode(await response.TextAsync());
        Assert.Contains(expected, page);
        Assert.Matches("id=\"judge-group-0-name\"[^>]*value=\"专家评委\"", page);
        var saved = await host.WithDbAsync(db => db.Rounds.AsNoTracking().Include(r => r.JudgeGroups).SingleAsync(r => r.Id == round.Id));
        Assert.Equal(("", 0), (saved.TieBreakers, saved.JudgeGroups.Count));
    }

    [Fact]
    public async Task SaveRound_RefusesAJudgeOfAnotherRound_WhenSentByHand()
    {
        var (round, _, judges) = await ScoredRoundAsync([4000], [4500]);
        var stranger = (await host.CreateUserAsync(TestUsers.NewEmail("judge"), TestUsers.DemoPassword, "外来评委", roles: Roles.Judge)).Id;
        var organizer = await host.DemoOrganizerAsync();

        var response = await organizer.PostTamperedAsync(RoundUrl(round), RoundUrl(round),
            ("Form.Name", "网络评审"), ("Form.NameEn", "Online review"), ("Form.Kind", "OnlineReview"), ("Form.Aggregation", "Mean"),
            ("Form.TrimMinJudges", "5"), ("Form.TrimCount", "1"),
            ("Form.JudgeGroups[0].Name", "专家评委"), ("Form.JudgeGroups[0].NameEn", "Experts"), ("Form.JudgeGroups[0].WeightPercent", "70"),
            ("Form.JudgeGroups[1].Name", "媒体评委"), ("Form.JudgeGroups[1].NameEn", "Media"), ("Form.JudgeGroups[1].WeightPercent", "30"),
            ("Form.JudgeGroupMembers[0].JudgeUserId", judges[0]), ("Form.JudgeGroupMembers[0].Group", "1"),
            ("Form.JudgeGroupMembers[1].JudgeUserId", stranger), ("Form.JudgeGroupMembers[1].Group", "2"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("评委名单已变化，请刷新页面后重试。", System.Net.WebUtility.HtmlDecode(await response.TextAsync()));
        Assert.False(await host.WithDbAsync(db => db.JudgeGroupMembers.AnyAsync(m => m.RoundId == round.Id)));
    }

    // ---- ties page ----

    [Fact]
    public async Task DecideTie_KeepsTheReasonAndRecordsNothing_WhenTheReasonIsMissingThenRecordsTheOrder()
    {
        // Entries 1 and 2 both 40.00 (45 + 35 and 35 + 45 over two judges); TopScores splits 1 : 1; the panel decides.
        var (round, entries, _) = await ScoredRoundAsync([4500, 3500, 3000], [3500, 4500, 3000]);
        await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == round.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.TieBreakers, "TopScores,PanelDecision")));
        var organizer = await host.DemoOrganizerAsync();
        var url = RoundUrl(round) + "/ties";
        Assert.All((await RankingAsync(round.Id)).Entries.Take(2), r => Assert.True(r.NeedsPanelDecision));

        var refused = await organizer.PostFormAsync(url + "/panel",
            [new("Order[0]", entries[1].ToString()), new("Order[1]", entries[1].ToString()), new("Reason", "  ")], url);
        var refusedPage = System.Net.WebUtility.HtmlDecode(await refused.TextAsync());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("请填写评审会决定的理由。", refusedPage);
        Assert.Contains("请为每个名次选择一个不同的项目，每个并列项目恰好出现一次。", refusedPage);
        Assert.False(await host.WithDbAsync(db => db.PanelDecisions.AnyAsync(d => d.RoundId == round.Id)));

        var reason = "评审会复议：项目 2 的落地情况更好（7 票对 2 票）";
        var response = await organizer.PostFormAsync(url + "/panel",
            [new("Order[0]", entries[1].ToString()), new("Order[1]", entries[0].ToString()), new("Reason", reason)], url);
        var after = System.Net.WebUtility.HtmlDecode(await organizer.FollowAsync(response));

        Assert.Contains($"评审会决定已记录：名次顺序 {entries[1]},{entries[0]}。", after);
        Assert.Contains(reason, after);
        Assert.Contains("目前没有需要评审会决定的并列。", after);
        var ranking = (await RankingAsync(round.Id)).Entries;
        Assert.Equal([(entries[1], 1), (entries[0], 2), (entries[2], 3)], ranking.Select(r => (r.EntryId, r.Rank)));
        Assert.Equal(TieBreakerKind.PanelDecision, ranking[0].DecidedBy?.Kind);
        var decision = await host.WithDbAsync(db => db.PanelDecisions.AsNoTracking().SingleAsync(d => d.RoundId == round.Id));
        Assert.True(await host.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "PanelDecision" && a.EntityId == decision.Id.ToString()
                                                                             && a.Reason == reason)));
    }

    [Fact]
    public async Task Ties_FlagsTooFewJudges_WhenTheRoundRefusesToFallBackToTheMean()
    {
        // Trimmed mean with n = 5 and two judges: under Refuse neither entry gets a score.
        var (round, entries, _) = await ScoredRoundAsync([4000, 3000], [4500, 3500]);
        await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == round.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Aggregation, AggregationMethod.TrimmedMean).SetProperty(r => r.TrimFallback, TrimFallback.Refuse)));
        var organizer = await host.DemoOrganizerAsync();

        var page = System.Net.WebUtility.HtmlDecode(await organizer.GetStringAsync(RoundUrl(round) + "/ties"));

        Assert.Matches($"data-entry-id=\"{entries[0]}\" data-reason=\"TooFewJudges\"[\\s\\S]*?评委人数不足[\\s\\S]*?2 位评委评分，去掉最高分和最低分至少需要 5 位", page);
        Assert.Empty((await RankingAsync(round.Id)).Entries);
    }
}
