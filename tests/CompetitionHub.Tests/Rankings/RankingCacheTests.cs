using System.Data.Common;
using System.Text.RegularExpressions;
using CompetitionHub.Tests.Judging;
using CompetitionHub.Tests.Review;
using CompetitionHub.Tests.Scoring;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Rankings;

/// <summary>
/// The organizer's pages read a round's ranking from memory while nothing it is computed from changed, on any instance:
/// observed through the SQL the app sends (only the ranking reads the round's panel decisions on the progress page).
/// </summary>
public sealed partial class RankingCacheTests(RankingCacheTests.Host host) : IClassFixture<RankingCacheTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host() => With("Hangfire:Server", "false").Watching(Reads);

        public RankingReads Reads { get; } = new();
    }

    /// <summary>Counts the statements that load a round's panel decisions, which only a ranking computation sends.</summary>
    public sealed class RankingReads : ReaderCommandWatch
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        protected override void Saw(DbCommand command)
        {
            if (command.CommandText.Contains("\"PanelDecisions\"", StringComparison.Ordinal)) Interlocked.Increment(ref count);
        }
    }

    private sealed record Arranged(TestRound Round, int A, int B, TestJudge Judge1, TestJudge Judge2)
    {
        public string Url => $"/manage/rounds/{Round.Id}/progress";
    }

    /// <summary>A scores 30.00, B 40.00, one judge each; a second judge is assigned to both and has not scored.</summary>
    private async Task<Arranged> ArrangeAsync(AppFactory app, HttpClient organizer, decimal aInnovation = 20, decimal aMarket = 10,
        decimal bInnovation = 25, decimal bMarket = 15)
    {
        var contestId = await app.ContestIdAsync();
        var round = await app.OnlineRoundAsync(contestId, DateTime.UtcNow.AddDays(30));
        var a = (await app.CreateEntryAsync(EntryStatus.Approved, "缓存项目A" + ReviewData.Tag())).Id;
        var b = (await app.CreateEntryAsync(EntryStatus.Approved, "缓存项目B" + ReviewData.Tag())).Id;
        var judge1 = await app.PoolJudgeAsync(contestId);
        var judge2 = await app.PoolJudgeAsync(contestId);
        foreach (var entry in new[] { a, b })
        {
            await app.AssignAsync(round.Id, entry, judge1.UserId);
            await app.AssignAsync(round.Id, entry, judge2.UserId);
        }
        await Accepted(app.ScoreAsync(judge1.UserId, round, a, aInnovation, aMarket, submit: true));
        await Accepted(app.ScoreAsync(judge1.UserId, round, b, bInnovation, bMarket, submit: true));
        var url = $"/manage/rounds/{round.Id}/progress";
        await organizer.PostFormAsync($"/manage/rounds/{round.Id}/scores", [], url);
        return new Arranged(round, a, b, judge1, judge2);
    }

    private static async Task Accepted(Task<ScoreOutcome> outcome)
    {
        var result = await outcome;
        Assert.True(result.Accepted, result.Error);
    }

    [Fact]
    public async Task Progress_ReadsTheRankingFromMemory_WhenNothingChangedSinceTheLastGet()
    {
        var organizer = await host.DemoOrganizerAsync();
        var a = await ArrangeAsync(host, organizer);

        var before = host.Reads.Count;
        var first = await organizer.GetStringAsync(a.Url);
        var afterFirst = host.Reads.Count;
        var second = await organizer.GetStringAsync(a.Url);

        Assert.True(afterFirst > before, "The first visit did not compute the ranking.");
        Assert.Equal(afterFirst, host.Reads.Count);
        Assert.Equal([(a.B, 1), (a.A, 2)], ProgressRanks(first));
        Assert.Equal(ProgressRanks(first), ProgressRanks(second));
    }

    [Fact]
    public async Task Progress_ShowsTheNewRanking_WhenASheetIsSubmittedAfterTheLastGet()
    {
        var organizer = await host.DemoOrganizerAsync();
        var a = await ArrangeAsync(host, organizer);
        Assert.Equal([(a.B, 1), (a.A, 2)], ProgressRanks(await organizer.GetStringAsync(a.Url)));

        // B's mean falls to 25.00 (40 and 10), under A's 30.00.
        await Accepted(host.ScoreAsync(a.Judge2.UserId, a.Round, a.B, 5, 5, submit: true));

        Assert.Equal([(a.A, 1), (a.B, 2)], ProgressRanks(await organizer.GetStringAsync(a.Url)));
    }

    [Fact]
    public async Task Progress_ShowsTheNewRanking_WhenTheRoundsTieBreakerChangesAfterTheLastGet()
    {
        var organizer = await host.DemoOrganizerAsync();
        // Both 35.00; B has more 创新性 (25 against 20).
        var a = await ArrangeAsync(host, organizer, aInnovation: 20, aMarket: 15, bInnovation: 25, bMarket: 10);
        Assert.Equal([1, 1], ProgressRanks(await organizer.GetStringAsync(a.Url)).Select(r => r.Rank));

        await host.WithDbAsync(async db =>
        {
            var round = await db.Rounds.SingleAsync(r => r.Id == a.Round.Id);
            round.TieBreakers = $"Criterion:{a.Round.Innovation}";
            await db.SaveChangesAsync();
        });

        Assert.Equal([(a.B, 1), (a.A, 2)], ProgressRanks(await organizer.GetStringAsync(a.Url)));
    }

    [Fact]
    public async Task Progress_ShowsTheNewRanking_WhenAnEntryMovesToAnotherTrackAfterTheLastGet()
    {
        var organizer = await host.DemoOrganizerAsync();
        var a = await ArrangeAsync(host, organizer);
        var html = await organizer.GetStringAsync(a.Url);
        Assert.Equal([(a.B, 1), (a.A, 2)], ProgressRanks(html));

        var otherTrack = await host.TrackIdAsync("growth");
        await host.WithDbAsync(async db =>
        {
            var entry = await db.Entries.SingleAsync(e => e.Id == a.A);
            entry.TrackId = otherTrack;
            await db.SaveChangesAsync();
        });

        // Each is now alone in its group, so both rank first.
        Assert.Equal([1, 1], ProgressRanks(await organizer.GetStringAsync(a.Url)).Select(r => r.Rank));
    }

    [Fact]
    public async Task Progress_ShowsAChangeMadeThroughAnotherInstance_WhenBothRunOnOneDatabase()
    {
        await using var other = new AppFactory(host.DataPath).With("Hangfire:Server", "false");
        var organizer = await host.DemoOrganizerAsync();
        var a = await ArrangeAsync(host, organizer);
        var elsewhere = await other.DemoOrganizerAsync();
        Assert.Equal([(a.B, 1), (a.A, 2)], ProgressRanks(await elsewhere.GetStringAsync(a.Url)));

        // Submitted through this instance; the other one keeps the ranking it computed in its own memory.
        await Accepted(host.ScoreAsync(a.Judge2.UserId, a.Round, a.B, 5, 5, submit: true));

        Assert.Equal([(a.A, 1), (a.B, 2)], ProgressRanks(await elsewhere.GetStringAsync(a.Url)));
    }

    [GeneratedRegex("class=\"progress-score\" data-entry-id=\"(\\d+)\" data-rank=\"(\\d+)\"")]
    private static partial Regex ProgressScore();

    private static List<(int Entry, int Rank)> ProgressRanks(string html) =>
        [.. ProgressScore().Matches(html).Select(m => (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value)))];
}
