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
        await PublishAsync(organizer, a.ContestId, a.Round.Id);

        var export = await DownloadAsync(a.ContestId, a.Round.Id, 1);
        var run = await VerifyAsync(export);

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
        await PublishAsync(organizer, a.ContestId, a.Round.Id);
        var export = JsonNode.Parse(await DownloadAsync(a.ContestId, a.Round.Id, 1))!;

        // The middle entry's published 42.00 becomes 42.01.
        var middle = export["ranking"]!["groups"]![0]!["entries"]!.AsArray().Single(e => (int)e!["entryId"]! == a.Middle.Id)!;
        middle["scoreHundredths"] = 4201;
        middle["score"] = 42.01m;
        var run = await VerifyAsync(export.ToJsonString());

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"entry {a.Middle.Id}", run.Output);
        Assert.Contains("score (hundredths) published 4201, recomputed 4200", run.Output);

        // A judge's total in the export changed instead: the published score no longer follows from the sheets.
        export = JsonNode.Parse(await DownloadAsync(a.ContestId, a.Round.Id, 1))!;
        var sheet = export["sheets"]!.AsArray().First(s => (int)s!["entryId"]! == a.High.Id)!;
        sheet["totalHundredths"] = (int)sheet["totalHundredths"]! - 100;
        run = await VerifyAsync(export.ToJsonString());
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
        await PublishAsync(organizer, round.ContestId, round.Id);

        var export = await DownloadAsync(round.ContestId, round.Id, 1);
        var run = await VerifyAsync(export);

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
        await PublishAsync(organizer, second.ContestId, second.Id);

        var export = await DownloadAsync(second.ContestId, second.Id, 1);
        var run = await VerifyAsync(export);

        Assert.True(run.ExitCode == 0, run.Output);
        using var json = JsonDocument.Parse(export);
        var entry = json.RootElement.GetProperty("ranking").GetProperty("groups")[0].GetProperty("entries")[0];
        Assert.Equal([70, 30], entry.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("weightPercent").GetInt32()));
        Assert.Contains(json.RootElement.GetProperty("sheets").EnumerateArray(), s => s.GetProperty("roundId").GetInt32() == first.Id);
        Assert.Contains("30%", json.RootElement.GetProperty("ranking").GetProperty("method").GetProperty("statement").EnumerateArray()
            .Single(l => l.GetProperty("key").GetString() == "weighting").GetProperty("text").GetProperty("zhCn").GetString());
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
        await PublishAsync(organizer, a.ContestId, a.Round.Id);

        var export = await DownloadAsync(a.ContestId, a.Round.Id, 1);
        var run = await VerifyAsync(export);
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
        run = await VerifyAsync(tampered.ToJsonString());
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
        var round = await host.OnlineRoundAsync(contestId, DateTime.UtcNow.AddDays(10), aggregation: method);
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

    private static async Task PublishAsync(HttpClient organizer, int contestId, int roundId)
    {
        var manage = $"/manage/contests/{contestId}/rounds/{roundId}/results";
        var page = await organizer.FollowAsync(await organizer.PostFromAsync($"{manage}/publish", manage, ("Days", "7"), ("Current", "0"), ("Note", "")));
        Assert.Contains("id=\"results-message\"", page);
    }

    /// <summary>The export as anyone downloads it: no sign-in, from the link on the public results page.</summary>
    private async Task<string> DownloadAsync(int contestId, int roundId, int number)
    {
        var anyone = host.CreateClient();
        var page = await anyone.GetStringAsync($"/contests/{contestId}/rounds/{roundId}/results/versions/{number}");
        var link = $"/contests/{contestId}/rounds/{roundId}/results/versions/{number}/export.json";
        Assert.Contains($"href=\"{link}\"", page);
        var response = await anyone.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private sealed record ScriptRun(int ExitCode, string Output);

    private static async Task<ScriptRun> VerifyAsync(string export)
    {
        var file = Path.Combine(Path.GetTempPath(), $"chub-export-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, export);
        try
        {
            var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "tools", "verify-results.py"));
            start.ArgumentList.Add(file);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return new ScriptRun(process.ExitCode, await output + await errors);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CompetitionHub.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The repository root (CompetitionHub.sln) was not found.");
    }
}
