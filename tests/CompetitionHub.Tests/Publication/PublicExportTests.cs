using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
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

namespace CompetitionHub.Tests.Publication;

/// <summary>
/// The public export of a published version, downloaded as anyone would, checked by tools/verify-results.py: every
/// published score and rank must come out of the export alone, and a changed number must not.
/// </summary>
public sealed class PublicExportTests(PublicExportTests.Host host) : IClassFixture<PublicExportTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host() => With("Hangfire:Server", "false");
    }

    [Fact]
    public async Task VerifyScript_ReproducesEveryPublishedScoreAndRank_WhenRunOnThePublicExport()
    {
        var a = await host.ScoredRoundAsync(DateTime.UtcNow);
        var organizer = await host.DemoOrganizerAsync();
        await VerifyScript.PublishAsync(organizer, a.ContestId, a.Round.Id);

        var export = await DownloadAsync(a.ContestId, a.Round.Id, 1);
        var run = await VerifyScript.RunAsync(export);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("all 3 published entries reproduced", run.Output);
        // Judges appear as seats only: no id, name or address of a judge is in the file.
        foreach (var judge in new[] { a.Judge1, a.Judge2 })
        {
            var user = await host.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == judge.UserId));
            Assert.DoesNotContain(user.Id, export);
            Assert.DoesNotContain(user.Email!, export);
            Assert.DoesNotContain(user.DisplayName, export);
        }
        using var json = JsonDocument.Parse(export);
        var sheets = json.RootElement.GetProperty("sheets");
        Assert.Equal(6, sheets.GetArrayLength());
        Assert.Equal(["评委1", "评委2"], sheets.EnumerateArray().Select(s => s.GetProperty("judge").GetString()).Distinct().Order());
        var low = json.RootElement.GetProperty("ranking").GetProperty("groups")[0].GetProperty("entries").EnumerateArray()
            .Single(e => e.GetProperty("entryId").GetInt32() == a.Low.Id);
        Assert.Equal(2, low.GetProperty("panelSize").GetInt32());
        Assert.Equal(2, low.GetProperty("judgeCount").GetInt32());
        Assert.Equal(0, low.GetProperty("judgesDropped").GetInt32());
    }

    [Fact]
    public async Task VerifyScript_ReportsTheMismatch_WhenOnePublishedNumberOfTheExportIsChanged()
    {
        var a = await host.ScoredRoundAsync(DateTime.UtcNow);
        var organizer = await host.DemoOrganizerAsync();
        await VerifyScript.PublishAsync(organizer, a.ContestId, a.Round.Id);
        var export = JsonNode.Parse(await DownloadAsync(a.ContestId, a.Round.Id, 1))!;

        // The middle entry's published 42.00 becomes 42.01.
        var middle = export["ranking"]!["groups"]![0]!["entries"]!.AsArray().Single(e => (int)e!["entryId"]! == a.Middle.Id)!;
        middle["scoreHundredths"] = 4201;
        middle["score"] = 42.01m;
        var run = await VerifyScript.RunAsync(export.ToJsonString());

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"entry {a.Middle.Id}", run.Output);
        Assert.Contains("score (hundredths) published 4201, recomputed 4200", run.Output);

        // A judge's total in the export changed instead: the published score no longer follows from the sheets.
        export = JsonNode.Parse(await DownloadAsync(a.ContestId, a.Round.Id, 1))!;
        var sheet = export["sheets"]!.AsArray().First(s => (int)s!["entryId"]! == a.High.Id)!;
        sheet["totalHundredths"] = (int)sheet["totalHundredths"]! - 100;
        run = await VerifyScript.RunAsync(export.ToJsonString());
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"entry {a.High.Id}", run.Output);
    }

    /// <summary>
    /// Five judges, six entries, every supported method with the tie-breakers in a row: A and B tie on the score and the
    /// 创新性 criterion separates them; C and D have identical sheets and submission times, so only the lot draw (recorded
    /// on the ties page) separates them.
    /// </summary>
    [Theory]
    [InlineData(AggregationMethod.Mean)]
    [InlineData(AggregationMethod.TrimmedMean)]
    [InlineData(AggregationMethod.Median)]
    [InlineData(AggregationMethod.ZScore)]
    public async Task VerifyScript_ReproducesTheRanking_WhenTheRoundUsesEachMethodAndItsTieBreakers(AggregationMethod method)
    {
        var round = await ArrangedRoundAsync(method);
        var organizer = await host.DemoOrganizerAsync();
        await DrawOpenTiesAsync(organizer, round.ContestId, round.Id);
        await VerifyScript.PublishAsync(organizer, round.ContestId, round.Id);

        var export = await DownloadAsync(round.ContestId, round.Id, 1);
        var run = await VerifyScript.RunAsync(export);

        Assert.True(run.ExitCode == 0, run.Output);
        var rows = await host.WithDbAsync(db => db.PublishedRanks.AsNoTracking()
            .Where(r => db.RankingVersions.Any(v => v.Id == r.VersionId && v.RoundId == round.Id)).ToListAsync());
        Assert.Contains(rows, r => r.DecidedBy == nameof(TieBreakerKind.LotDraw));
        using var json = JsonDocument.Parse(export);
        Assert.Equal(method.ToString(), json.RootElement.GetProperty("ranking").GetProperty("method").GetProperty("rules").GetProperty("method").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("ranking").GetProperty("method").GetProperty("draws").GetArrayLength());
    }

    [Fact]
    public async Task VerifyScript_ReproducesAWeightedRound_FromTheEarlierRoundsSheetsInTheExport()
    {
        var first = await ArrangedRoundAsync(AggregationMethod.ZScore);
        var second = await ArrangedRoundAsync(AggregationMethod.TrimmedMean, sameEntriesAs: first);
        await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == second.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.EarlierRoundWeights, $"{first.Id}:30")));
        var organizer = await host.DemoOrganizerAsync();
        await DrawOpenTiesAsync(organizer, second.ContestId, second.Id);
        await VerifyScript.PublishAsync(organizer, second.ContestId, second.Id);

        var export = await DownloadAsync(second.ContestId, second.Id, 1);
        var run = await VerifyScript.RunAsync(export);

        Assert.True(run.ExitCode == 0, run.Output);
        using var json = JsonDocument.Parse(export);
        var entry = json.RootElement.GetProperty("ranking").GetProperty("groups")[0].GetProperty("entries")[0];
        Assert.Equal([70, 30], entry.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("weightPercent").GetInt32()));
        Assert.Contains(json.RootElement.GetProperty("sheets").EnumerateArray(), s => s.GetProperty("roundId").GetInt32() == first.Id);
        Assert.Contains("30%", json.RootElement.GetProperty("ranking").GetProperty("method").GetProperty("statement").EnumerateArray()
            .Single(l => l.GetProperty("key").GetString() == "weighting").GetProperty("text").GetProperty("zhCn").GetString());
    }

    /// <summary>
    /// Judges 1–3 are 专家评委 (60 %), 4–5 媒体评委 (40 %); trimmed mean with k = 1 from 3 judges, per group. Worked:
    /// A: experts 40, 42, 44 → 42 (40 and 44 dropped); media 30.01, 34 → 32.005 (two judges: the plain mean);
    ///    (60 · 4200 + 40 · 3200.5) / 100 = 2520 + 1280.2 = 3800.2 → 38.00.
    /// B: experts 39, 41, 40 → 40; media 36, 38 → 37; 2400 + 1480 = 3880 → 38.80.
    /// C: experts 41, 43, 45 → 43; no media judge scored it: the experts alone, 60 / 60 → 43.00.
    /// Ranks: C, B, A.
    /// </summary>
    [Fact]
    public async Task VerifyScript_ReproducesJudgeGroups_WhenOneEntryHasNoJudgeOfAGroup()
    {
        var (round, entries) = await GroupedRoundAsync();
        var organizer = await host.DemoOrganizerAsync();
        await VerifyScript.PublishAsync(organizer, round.ContestId, round.Id);

        var export = await DownloadAsync(round.ContestId, round.Id, 1);
        var run = await VerifyScript.RunAsync(export);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("all 3 published entries reproduced", run.Output);
        using var json = JsonDocument.Parse(export);
        var ranking = json.RootElement.GetProperty("ranking");
        var rows = ranking.GetProperty("groups")[0].GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal([(entries[2], 4300), (entries[1], 3880), (entries[0], 3800)],
            rows.Select(e => (e.GetProperty("entryId").GetInt32(), e.GetProperty("scoreHundredths").GetInt32())));
        // Each row's group parts, exact and unrounded; C's media part is missing.
        var a = rows.Single(e => e.GetProperty("entryId").GetInt32() == entries[0]).GetProperty("groupParts").EnumerateArray()
            .Select(p => (p.GetProperty("group").GetInt32(), p.GetProperty("weightPercent").GetInt32(), p.GetProperty("scoreHundredths").GetString(),
                p.GetProperty("counted").GetInt32(), p.GetProperty("dropped").GetInt32()));
        Assert.Equal([(1, 60, "4200", 1, 2), (2, 40, "3200.5", 2, 0)], a);
        var c = rows.Single(e => e.GetProperty("entryId").GetInt32() == entries[2]).GetProperty("groupParts");
        Assert.Equal(JsonValueKind.Null, c[1].GetProperty("scoreHundredths").ValueKind);
        // The rules name the groups and their weights; the seats, never the judges, say who is in which.
        var groups = ranking.GetProperty("method").GetProperty("rules").GetProperty("judgeGroups").EnumerateArray()
            .Select(g => (g.GetProperty("name").GetString(), g.GetProperty("weightPercent").GetInt32(), g.GetProperty("judges").GetInt32(),
                g.GetProperty("seats").GetArrayLength())).ToList();
        Assert.Equal([("专家评委", 60, 3, 3), ("媒体评委", 40, 2, 2)], groups);
        Assert.All(json.RootElement.GetProperty("sheets").EnumerateArray(), s => Assert.Equal(JsonValueKind.Number, s.GetProperty("judgeGroup").ValueKind));
        Assert.Contains("评委分为 2 组", ranking.GetProperty("method").GetProperty("statement").EnumerateArray()
            .Single(l => l.GetProperty("key").GetString() == "judgeGroups").GetProperty("text").GetProperty("zhCn").GetString());

        // The public page shows the parts beside each rank, and the export's CSV too.
        var page = WebUtility.HtmlDecode(await host.CreateClient().GetStringAsync($"/contests/{round.ContestId}/rounds/{round.Id}/results"));
        Assert.Contains("专家评委：42 × 60%", page);
        Assert.Contains("媒体评委：32.005 × 40%", page);
        Assert.Contains("媒体评委：无成绩 × 40%", page);
        var csv = await organizer.GetStringAsync($"/manage/contests/{round.ContestId}/rounds/{round.Id}/results/export/ranking.csv?version=1");
        Assert.Contains("第 2 组“媒体评委”：32.005 × 40%（计入 2，去掉 0）", csv);
    }

    [Fact]
    public async Task VerifyScript_FailsOnTheChangedScores_WhenAJudgeGroupWeightOfTheExportIsChanged()
    {
        var (round, entries) = await GroupedRoundAsync();
        var organizer = await host.DemoOrganizerAsync();
        await VerifyScript.PublishAsync(organizer, round.ContestId, round.Id);
        var export = JsonNode.Parse(await DownloadAsync(round.ContestId, round.Id, 1))!;
        Assert.Equal(0, (await VerifyScript.RunAsync(export.ToJsonString())).ExitCode);

        // 专家评委 60 % → 70 %: A would be (70 · 4200 + 40 · 3200.5) / 110 = 3836.5…, and the weights no longer add up to 100.
        export["ranking"]!["method"]!["rules"]!["judgeGroups"]![0]!["weightPercent"] = 70;
        var run = await VerifyScript.RunAsync(export.ToJsonString());

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("judge group weights add up to 110%", run.Output);
        Assert.Contains($"entry {entries[0]}", run.Output);
        Assert.Contains("score (hundredths) published 3800, recomputed 3837", run.Output);
    }

    /// <summary>
    /// Trimmed mean (k = 1, at least 5 judges) with the fallback "Refuse": C was scored by 3 judges only, so it gets no
    /// score and no rank (评委人数不足) instead of the plain mean of its 3 totals. A: 40 41 42 43 44 → 42; B: 30 … 34 → 32.
    /// </summary>
    [Fact]
    public async Task VerifyScript_ReproducesAnUnrankedEntry_WhenTheFallbackRefusesTooFewJudges()
    {
        int?[][] totals =
        [
            [4000, 3000, 4500], [4100, 3100, 4500], [4200, 3200, 4500], [4300, 3300, null], [4400, 3400, null],
        ];
        var (round, entries) = await SettledRoundAsync(totals,
            new("Form.Aggregation", "TrimmedMean"), new("Form.TrimCount", "1"), new("Form.TrimMinJudges", "5"), new("Form.TrimFallback", "Refuse"));
        var organizer = await host.DemoOrganizerAsync();
        // The organizer's draft lists it too, before anything is published.
        var draft = WebUtility.HtmlDecode(await organizer.GetStringAsync($"/manage/contests/{round.ContestId}/rounds/{round.Id}/results"));
        Assert.Matches($"data-entry-id=\"{entries[2]}\" data-reason=\"TooFewJudges\">[\\s\\S]*?评委人数不足，未排名", draft);
        await VerifyScript.PublishAsync(organizer, round.ContestId, round.Id);

        var export = await DownloadAsync(round.ContestId, round.Id, 1);
        var run = await VerifyScript.RunAsync(export);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("1 unranked entries and their reasons too", run.Output);
        using var json = JsonDocument.Parse(export);
        var group = json.RootElement.GetProperty("ranking").GetProperty("groups")[0];
        Assert.Equal([(entries[0], 1, 4200), (entries[1], 2, 3200)], group.GetProperty("entries").EnumerateArray()
            .Select(e => (e.GetProperty("entryId").GetInt32(), e.GetProperty("rank").GetInt32(), e.GetProperty("scoreHundredths").GetInt32())));
        var unranked = Assert.Single(group.GetProperty("unranked").EnumerateArray().ToList());
        Assert.Equal((entries[2], "TooFewJudges", 3), (unranked.GetProperty("entryId").GetInt32(), unranked.GetProperty("reason").GetString(),
            unranked.GetProperty("judgesScored").GetInt32()));
        Assert.Equal("Refuse", json.RootElement.GetProperty("ranking").GetProperty("method").GetProperty("rules").GetProperty("trimFallback").GetString());

        var page = WebUtility.HtmlDecode(await host.CreateClient().GetStringAsync($"/contests/{round.ContestId}/rounds/{round.Id}/results"));
        Assert.Matches($"class=\"unranked-row\" data-entry-id=\"{entries[2]}\" data-reason=\"TooFewJudges\"[\\s\\S]*?评委人数不足，未排名（3 位评委评分）", page);
        Assert.Contains("评分评委更少的项目不计算成绩、不排名", page);

        // Claiming the refused entry was ranked does not pass.
        var tampered = JsonNode.Parse(export)!;
        tampered["ranking"]!["groups"]![0]!["unranked"]![0]!["reason"] = "NoGroupedJudge";
        var failed = await VerifyScript.RunAsync(tampered.ToJsonString());
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("reason published NoGroupedJudge, recomputed TooFewJudges", failed.Output);
    }

    /// <summary>
    /// Trimmed mean (k = 1 from 5 judges): A 35 40 40 40 50 and B 39 40 40 40 41 both keep 40 40 40 → 40.00. The untrimmed
    /// means differ: A 205 / 5 = 41, B 200 / 5 = 40, so the breaker UntrimmedTotal puts A first.
    /// </summary>
    [Fact]
    public async Task VerifyScript_ReproducesTheUntrimmedTotalBreaker_WhenItDecidesATie()
    {
        int?[][] totals = [[3500, 3900, 3000], [4000, 4000, 3000], [4000, 4000, 3000], [4000, 4000, 3000], [5000, 4100, 3000]];
        var (round, entries) = await SettledRoundAsync(totals,
            new("Form.Aggregation", "TrimmedMean"), new("Form.TrimCount", "1"), new("Form.TrimMinJudges", "5"), new("Form.TieBreakers[0]", "UntrimmedTotal"));
        var organizer = await host.DemoOrganizerAsync();
        await VerifyScript.PublishAsync(organizer, round.ContestId, round.Id);

        var export = await DownloadAsync(round.ContestId, round.Id, 1);
        var run = await VerifyScript.RunAsync(export);

        Assert.True(run.ExitCode == 0, run.Output);
        using var json = JsonDocument.Parse(export);
        var first = json.RootElement.GetProperty("ranking").GetProperty("groups")[0].GetProperty("entries")[0];
        Assert.Equal((entries[0], 1, 4000, "UntrimmedTotal"), (first.GetProperty("entryId").GetInt32(), first.GetProperty("rank").GetInt32(),
            first.GetProperty("scoreHundredths").GetInt32(), first.GetProperty("decidedBy").GetString()));
        var page = WebUtility.HtmlDecode(await host.CreateClient().GetStringAsync($"/contests/{round.ContestId}/rounds/{round.Id}/results"));
        Assert.Contains("同分，由“全部评委总分的平均分（不去掉任何评分、不舍入）高者优先”决定名次", page);

        // Swapping which entry the breaker favoured is caught.
        var tampered = JsonNode.Parse(export)!;
        var rows = tampered["ranking"]!["groups"]![0]!["entries"]!.AsArray();
        (rows[0]!["rank"], rows[1]!["rank"]) = (2, 1);
        Assert.Equal(1, (await VerifyScript.RunAsync(tampered.ToJsonString())).ExitCode);
    }

    /// <summary>
    /// A and B have the same totals from both judges (45 and 35 → 40.00) and the round's only breaker is the panel's
    /// decision: publishing is refused while it waits, naming both entries; once recorded on the ties page (B first, with
    /// the reason) the version states it and the script reproduces it.
    /// </summary>
    [Fact]
    public async Task VerifyScript_ReproducesAPanelDecision_RecordedOnTheTiesPage_AndPublishingWaitsForIt()
    {
        int?[][] totals = [[4500, 4500, 3000], [3500, 3500, 3000]];
        var (round, entries) = await SettledRoundAsync(totals, new KeyValuePair<string, string>("Form.TieBreakers[0]", "PanelDecision"));
        var organizer = await host.DemoOrganizerAsync();
        var manage = $"/manage/contests/{round.ContestId}/rounds/{round.Id}/results";
        var titles = await host.WithDbAsync(db => db.Entries.Where(e => entries.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Title));

        var refused = WebUtility.HtmlDecode(await organizer.FollowAsync(await organizer.PostFromAsync($"{manage}/publish", manage,
            ("Days", "7"), ("Current", "0"), ("Note", ""))));
        Assert.Contains("还有并列名次没有按决胜规则决出，暂不能发布", refused);
        Assert.Contains($"第 1 名并列的 “{titles[entries[0]]}”（编号 {entries[0]}）、“{titles[entries[1]]}”（编号 {entries[1]}） 还在等待评审会决定", refused);
        Assert.False(await host.WithDbAsync(db => db.RankingVersions.AnyAsync(v => v.RoundId == round.Id)));

        var ties = $"/manage/contests/{round.ContestId}/rounds/{round.Id}/ties";
        var reason = "评审会复议：项目 B 的带动就业更多（6 票对 3 票）";
        Assert.Equal(HttpStatusCode.Redirect, (await organizer.PostFormAsync(ties + "/panel",
            [new("Order[0]", entries[1].ToString()), new("Order[1]", entries[0].ToString()), new("Reason", reason)], ties)).StatusCode);
        await VerifyScript.PublishAsync(organizer, round.ContestId, round.Id);

        var export = await DownloadAsync(round.ContestId, round.Id, 1);
        var run = await VerifyScript.RunAsync(export);

        Assert.True(run.ExitCode == 0, run.Output);
        using var json = JsonDocument.Parse(export);
        var decision = Assert.Single(json.RootElement.GetProperty("ranking").GetProperty("method").GetProperty("panelDecisions").EnumerateArray().ToList());
        Assert.Equal([entries[1], entries[0]], decision.GetProperty("order").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(reason, decision.GetProperty("reason").GetString());
        var first = json.RootElement.GetProperty("ranking").GetProperty("groups")[0].GetProperty("entries")[0];
        Assert.Equal((entries[1], "PanelDecision"), (first.GetProperty("entryId").GetInt32(), first.GetProperty("decidedBy").GetString()));
        var page = WebUtility.HtmlDecode(await host.CreateClient().GetStringAsync($"/contests/{round.ContestId}/rounds/{round.Id}/results"));
        Assert.Contains($"理由：{reason}", page);
        Assert.Contains("同分，由“评审会决定（决定的名次和理由随结果公布）”决定名次", page);

        // A decided order the export does not support fails.
        var tampered = JsonNode.Parse(export)!;
        tampered["ranking"]!["method"]!["panelDecisions"]![0]!["order"] = new JsonArray(entries[0], entries[1]);
        Assert.Equal(1, (await VerifyScript.RunAsync(tampered.ToJsonString())).ExitCode);
    }

    // ---- arrangement ----

    /// <remarks>
    /// Means high 45.50, middle 42.00, low 36.50 (<see cref="PublicationData"/>); minimum score 40.00. Ranked per track ×
    /// industry: 智能制造 = high 1st, low 2nd (below the minimum); 现代农业 = middle 1st.
    /// </remarks>
    [Fact]
    public async Task VerifyScript_ReproducesIndustryGroupsAndTheMinimumScore_AndReportsAFlagChanged_WhenTheRoundRanksByIndustry()
    {
        var a = await host.ScoredRoundAsync(DateTime.UtcNow);
        await host.WithDbAsync(async db =>
        {
            await db.Rounds.Where(r => r.Id == a.Round.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.RankByIndustry, true).SetProperty(r => r.MinScoreHundredths, 4000));
            await db.Entries.Where(e => e.Id == a.High.Id || e.Id == a.Low.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Industry, "智能制造"));
            await db.Entries.Where(e => e.Id == a.Middle.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Industry, "现代农业"));
        });
        var organizer = await host.DemoOrganizerAsync();
        await VerifyScript.PublishAsync(organizer, a.ContestId, a.Round.Id);

        var export = await DownloadAsync(a.ContestId, a.Round.Id, 1);
        var run = await VerifyScript.RunAsync(export);
        Assert.True(run.ExitCode == 0, run.Output);
        var groups = JsonNode.Parse(export)!["ranking"]!["groups"]!.AsArray();
        var manufacturing = groups.Single(g => ((string)g!["name"]!).EndsWith(" · 智能制造", StringComparison.Ordinal))!;
        Assert.Equal([(a.High.Id, 1, false), (a.Low.Id, 2, true)], manufacturing["entries"]!.AsArray()
            .Select(e => ((int)e!["entryId"]!, (int)e["rank"]!, (bool)e["belowMinimum"]!)));
        var farming = groups.Single(g => ((string)g!["name"]!).EndsWith(" · 现代农业", StringComparison.Ordinal))!;
        Assert.Equal([(a.Middle.Id, 1)], farming["entries"]!.AsArray().Select(e => ((int)e!["entryId"]!, (int)e["rank"]!)));
        var html = WebUtility.HtmlDecode(await host.CreateClient().GetStringAsync(a.PublicUrl));
        Assert.Contains("按“组别 × 行业领域”分组，各组分别排名", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "class=\"d-block small text-danger below-min\""));

        // The low entry published as if it had reached the minimum.
        var tampered = JsonNode.Parse(export)!;
        tampered["ranking"]!["groups"]!.AsArray().SelectMany(g => g!["entries"]!.AsArray()).Single(e => (int)e!["entryId"]! == a.Low.Id)!["belowMinimum"] = false;
        run = await VerifyScript.RunAsync(tampered.ToJsonString());
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"entry {a.Low.Id}: below the minimum score published False, the stated minimum 4000 gives True", run.Output);
    }

    private sealed record ArrangedRound(int Id, int ContestId, IReadOnlyList<int> Entries);

    // Per judge, per entry (A, B, C, D, E, F): the total and the 创新性 points (the rest is 市场前景), in hundredths.
    private static readonly int[][] Totals =
    [
        [4000, 4100, 3800, 3800, 3000, 3600],
        [4200, 4100, 3900, 3900, 3200, 3400],
        [4100, 4100, 3700, 3700, 3100, 3600],
        [3900, 4100, 3800, 3800, 2900, 3400],
        [4300, 4100, 3850, 3850, 3300, 3500],
    ];

    private static readonly int[][] Innovation =
    [
        [2500, 2400, 2300, 2300, 2000, 2100],
        [2600, 2400, 2350, 2350, 2100, 2000],
        [2500, 2400, 2250, 2250, 2050, 2100],
        [2400, 2400, 2300, 2300, 1900, 2000],
        [2700, 2400, 2300, 2300, 2200, 2050],
    ];

    /// <summary>A closed online round with the tie-breakers Criterion(创新性), TopScores, EarlierSubmission, LotDraw.</summary>
    private async Task<ArrangedRound> ArrangedRoundAsync(AggregationMethod method, ArrangedRound? sameEntriesAs = null)
    {
        var contestId = await host.ContestIdAsync();
        var round = await host.OnlineRoundAsync(contestId, DateTime.UtcNow.AddDays(10), status: RoundStatus.Open, aggregation: method);
        await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == round.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.TieBreakers, $"Criterion:{round.Innovation},TopScores,EarlierSubmission,LotDraw")
            .SetProperty(r => r.TrimCount, 1).SetProperty(r => r.TrimMinJudges, 5)));
        var entries = sameEntriesAs?.Entries.ToList() ?? [];
        if (entries.Count == 0)
        {
            var submitted = new DateTime(2027, 3, 1, 8, 0, 0, DateTimeKind.Utc);
            for (var e = 0; e < Totals[0].Length; e++)
            {
                var entry = await host.CreateEntryAsync(EntryStatus.Approved, $"公开复核项目{e + 1}-" + ReviewData.Tag());
                // C and D were submitted at the same moment: only the lot draw can separate them.
                var at = e == 3 ? submitted.AddMinutes(2) : submitted.AddMinutes(e);
                await host.WithDbAsync(db => db.Entries.Where(x => x.Id == entry.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.SubmittedAt, at)));
                entries.Add(entry.Id);
            }
        }
        var judges = new List<string>();
        for (var j = 0; j < Totals.Length; j++)
            judges.Add((await host.CreateUserAsync(TestUsers.NewEmail("judge"), TestUsers.DemoPassword, $"复核评委{j + 1}", roles: Roles.Judge)).Id);
        await host.WithDbAsync(async db =>
        {
            for (var j = 0; j < judges.Count; j++)
            for (var e = 0; e < entries.Count; e++)
            {
                var (total, innovation) = (Totals[j][e], Innovation[j][e]);
                db.ScoreSheets.Add(new ScoreSheet
                {
                    RoundId = round.Id, EntryId = entries[e], JudgeUserId = judges[j], SubmissionId = Guid.NewGuid(), Status = SheetStatus.Submitted,
                    Lines = [new ScoreLine { CriterionId = round.Innovation, PointsHundredths = innovation },
                             new ScoreLine { CriterionId = round.Market, PointsHundredths = total - innovation }],
                    TotalHundredths = total, EffectiveTotalHundredths = total, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                    SubmittedAt = DateTime.UtcNow,
                });
            }
            await db.SaveChangesAsync();
            await db.Rounds.Where(r => r.Id == round.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RoundStatus.Closed));
        });
        return new ArrangedRound(round.Id, contestId, entries);
    }

    /// <summary>The judge-group round of <see cref="VerifyScript_ReproducesJudgeGroups_WhenOneEntryHasNoJudgeOfAGroup"/>.</summary>
    private Task<(TestRound Round, List<int> Entries)> GroupedRoundAsync() => SettledRoundAsync(
        [[4000, 3900, 4100], [4200, 4100, 4300], [4400, 4000, 4500], [3001, 3600, null], [3400, 3800, null]],
        new("Form.Aggregation", "TrimmedMean"), new("Form.TrimCount", "1"), new("Form.TrimMinJudges", "3"),
        new("Form.JudgeGroups[0].Name", "专家评委"), new("Form.JudgeGroups[0].NameEn", "Experts"), new("Form.JudgeGroups[0].WeightPercent", "60"),
        new("Form.JudgeGroups[1].Name", "媒体评委"), new("Form.JudgeGroups[1].NameEn", "Media"), new("Form.JudgeGroups[1].WeightPercent", "40"),
        new("Form.JudgeGroupMembers[0].Group", "1"), new("Form.JudgeGroupMembers[1].Group", "1"), new("Form.JudgeGroupMembers[2].Group", "1"),
        new("Form.JudgeGroupMembers[3].Group", "2"), new("Form.JudgeGroupMembers[4].Group", "2"));

    /// <summary>
    /// An open online round whose judges are assigned (judge j to the entries it has a total for in
    /// <paramref name="totals"/>[j]); its ranking settings saved through the round settings form while it is open (the
    /// judges are listed in name order, so judge j is Form.JudgeGroupMembers[j]); then the sheets, and the round closed.
    /// </summary>
    private async Task<(TestRound Round, List<int> Entries)> SettledRoundAsync(int?[][] totals, params KeyValuePair<string, string>[] settings)
    {
        var contestId = await host.ContestIdAsync();
        var round = await host.OnlineRoundAsync(contestId, DateTime.UtcNow.AddDays(10), status: RoundStatus.Open);
        var tag = ReviewData.Tag();
        var entries = new List<int>();
        for (var e = 0; e < totals[0].Length; e++)
            entries.Add((await host.CreateEntryAsync(EntryStatus.Approved, $"规则复核项目{(char)('A' + e)}-{tag}")).Id);
        var judges = new List<string>();
        for (var j = 0; j < totals.Length; j++)
        {
            judges.Add((await host.CreateUserAsync(TestUsers.NewEmail("judge"), TestUsers.DemoPassword, $"规则评委{j + 1}", roles: Roles.Judge)).Id);
            for (var e = 0; e < entries.Count; e++)
                if (totals[j][e] is not null) await host.AssignAsync(round.Id, entries[e], judges[j]);
        }
        if (settings.Length > 0)
        {
            var organizer = await host.DemoOrganizerAsync();
            var page = $"/manage/contests/{contestId}/rounds/{round.Id}";
            var saved = await organizer.PostFormAsync(page, settings, page);
            Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        }
        await host.WithDbAsync(async db =>
        {
            for (var j = 0; j < judges.Count; j++)
            for (var e = 0; e < entries.Count; e++)
            {
                if (totals[j][e] is not { } total) continue;
                var innovation = Math.Min(total, 3000);
                db.ScoreSheets.Add(new ScoreSheet
                {
                    RoundId = round.Id, EntryId = entries[e], JudgeUserId = judges[j], SubmissionId = Guid.NewGuid(), Status = SheetStatus.Submitted,
                    Lines = [new ScoreLine { CriterionId = round.Innovation, PointsHundredths = innovation },
                             new ScoreLine { CriterionId = round.Market, PointsHundredths = total - innovation }],
                    TotalHundredths = total, EffectiveTotalHundredths = total, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                    SubmittedAt = DateTime.UtcNow,
                });
            }
            await db.SaveChangesAsync();
            await db.Rounds.Where(r => r.Id == round.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RoundStatus.Closed));
        });
        return (round, entries);
    }

    /// <summary>Every tie the round's breakers leave to a lot draw, drawn on the ties page with a typed seed.</summary>
    private async Task DrawOpenTiesAsync(HttpClient organizer, int contestId, int roundId)
    {
        var url = $"/manage/contests/{contestId}/rounds/{roundId}/ties";
        await using var scope = host.Services.CreateAsyncScope();
        var computed = await scope.ServiceProvider.GetRequiredService<RoundRanking>().ComputeAsync(roundId, CancellationToken.None);
        foreach (var tie in computed!.Groups.SelectMany(g => g.Entries).Where(e => e.NeedsLotDraw).GroupBy(e => e.ScoreHundredths))
        {
            List<KeyValuePair<string, string>> fields = [.. tie.Select(e => new KeyValuePair<string, string>("EntryIds", e.EntryId.ToString())),
                new("ScoreHundredths", tie.Key.ToString()), new("Seed", "20270601")];
            Assert.Equal(HttpStatusCode.Redirect, (await organizer.PostFormAsync(url + "/draw", fields, url)).StatusCode);
        }
    }

    private Task<string> DownloadAsync(int contestId, int roundId, int number) =>
        VerifyScript.DownloadAsync(host.CreateClient(), contestId, roundId, number);
}
