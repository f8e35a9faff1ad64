using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Rankings;
using CompetitionHub.Web.Features.Scoring;

namespace CompetitionHub.Tests.Rankings;

/// <summary>The public jury part (人气分) of a round's own score, on small examples worked out by hand (points in hundredths).</summary>
public sealed class PublicJuryTests
{
    private static Round Round(int juryWeight, string weights = "", int fullMarks = 10000) => new()
    {
        Id = 9, ContestId = 1, Name = "决赛", NameEn = "Final", Kind = RoundKind.Roadshow, Aggregation = AggregationMethod.Mean,
        PublicJuryWeightPercent = juryWeight, EarlierRoundWeights = weights,
        Criteria =
        [
            new RubricCriterion { Id = 1, Sequence = 1, Name = "创新性", NameEn = "Innovation", MaxPointsHundredths = fullMarks / 2 },
            new RubricCriterion { Id = 2, Sequence = 2, Name = "市场前景", NameEn = "Market", MaxPointsHundredths = fullMarks - fullMarks / 2 },
        ],
    };

    private static List<SheetInput> Panel(int entry, params int[] totals) =>
        [.. totals.Select((t, i) => new SheetInput(entry, $"j{i + 1}", t, new Dictionary<int, int> { [1] = t / 2, [2] = t - t / 2 },
            new DateTime(2027, 5, 1, 2, 0, 0, DateTimeKind.Utc)))];

    // Judges (mean of three): entry 1 = 80.00, entry 2 = 82.00, entry 3 = 79.00. By the judges alone: 2, 1, 3.
    private static readonly List<SheetInput> Sheets = [.. Panel(1, 8000, 8000, 8000), .. Panel(2, 8100, 8200, 8300), .. Panel(3, 7900, 7900, 7900)];

    private static IReadOnlyList<RankedEntry> Rank(Round round, IReadOnlyDictionary<int, int> votes, IReadOnlyList<SheetInput>? sheets = null,
        IReadOnlyDictionary<int, IReadOnlyDictionary<int, decimal>>? earlier = null)
    {
        sheets ??= Sheets;
        var context = new RankingContext { PublicVotes = votes, EarlierRoundScores = earlier ?? new Dictionary<int, IReadOnlyDictionary<int, decimal>>() };
        return RankingCalculator.Rank(round, sheets, RankingCalculator.ScoreRound(round, sheets), context);
    }

    private static RankedEntry Of(IReadOnlyList<RankedEntry> ranking, int entryId) => ranking.Single(r => r.EntryId == entryId);

    [Fact]
    public void Rank_MixesTenPercentPublicJuryIntoOwnScore_WhenEntriesGotVotes()
    {
        // w = 10 %, full marks 100.00; votes 30, 10, 60, so the most is 60.
        // Public jury: 1 = 30/60 × 10000 = 5000; 2 = 10/60 × 10000 = 1666.67; 3 = 60/60 × 10000 = 10000.
        // Own: 1 = (90 × 8000 + 10 × 5000) / 100 = 7700 → 77.00
        //      2 = (90 × 8200 + 10 × 1666.666…) / 100 = 7546.666… → 75.47
        //      3 = (90 × 7900 + 10 × 10000) / 100 = 8110 → 81.10
        // The public jury turns 2, 1, 3 into 3, 1, 2.
        var ranking = Rank(Round(10), new Dictionary<int, int> { [1] = 30, [2] = 10, [3] = 60 });

        Assert.Equal([3, 1, 2], ranking.Select(r => r.EntryId));
        Assert.Equal([8110, 7700, 7547], ranking.Select(r => r.ScoreHundredths));
        Assert.Equal([1, 2, 3], ranking.Select(r => r.Rank));
        var second = Of(ranking, 2);
        Assert.Equal(8200m, second.JudgesHundredths);
        Assert.Equal(10, second.PublicVotes);
        Assert.Equal(10000m / 6, second.PublicJuryHundredths);
        Assert.Equal((90 * 8200m + 10 * (10000m / 6)) / 100, second.OwnRoundHundredths);
        Assert.Equal(5000m, Of(ranking, 1).PublicJuryHundredths);
        Assert.Equal(10000m, Of(ranking, 3).PublicJuryHundredths);
    }

    [Fact]
    public void Rank_GivesNoPublicJuryPointsToAnEntryNobodyVotedFor_WhenOthersGotVotes()
    {
        // Votes: entry 1 = 4, entries 2 and 3 none. Public jury: 1 = 10000, 2 = 0, 3 = 0 (w = 20 %).
        // Own: 1 = (80 × 8000 + 20 × 10000) / 100 = 8400; 2 = 80 × 8200 / 100 = 6560; 3 = 80 × 7900 / 100 = 6320.
        var ranking = Rank(Round(20), new Dictionary<int, int> { [1] = 4 });

        Assert.Equal([(1, 8400), (2, 6560), (3, 6320)], ranking.Select(r => (r.EntryId, r.ScoreHundredths)));
        Assert.Equal(0, Of(ranking, 2).PublicVotes);
        Assert.Equal(0m, Of(ranking, 2).PublicJuryHundredths);
    }

    [Fact]
    public void Rank_LeavesThePublicJuryOut_WhenNoEntryOfTheRoundGotAVote()
    {
        // No votes at all: 0 ÷ 0 ranks nobody, so the judges' score is the own score (82.00, 80.00, 79.00).
        var ranking = Rank(Round(10), new Dictionary<int, int>());

        Assert.Equal([(2, 8200), (1, 8000), (3, 7900)], ranking.Select(r => (r.EntryId, r.ScoreHundredths)));
        Assert.All(ranking, r => Assert.Null(r.PublicJuryHundredths));
        Assert.All(ranking, r => Assert.Equal(0, r.PublicVotes));
    }

    [Fact]
    public void Rank_IgnoresVotes_WhenTheRoundHasNoPublicJuryWeight()
    {
        var ranking = Rank(Round(0), new Dictionary<int, int> { [3] = 100 });

        Assert.Equal([(2, 8200), (1, 8000), (3, 7900)], ranking.Select(r => (r.EntryId, r.ScoreHundredths)));
        Assert.All(ranking, r => Assert.Null(r.PublicVotes));
    }

    [Fact]
    public void Rank_ScalesThePublicJuryToTheRubricsFullMarks_WhenTheRubricIsFiftyPoints()
    {
        // Full marks 50.00 (5000). Judges: entry 1 = 40.00, entry 2 = 45.00. Votes 9 and 3 (most = 9), w = 30 %.
        // Public jury: 1 = 9/9 × 5000 = 5000; 2 = 3/9 × 5000 = 1666.666…
        // Own: 1 = (70 × 4000 + 30 × 5000) / 100 = 4300; 2 = (70 × 4500 + 30 × 1666.666…) / 100 = 3650 + 500 = 3650.
        var sheets = new List<SheetInput>([.. Panel(1, 4000), .. Panel(2, 4500)]);
        var ranking = Rank(Round(30, fullMarks: 5000), new Dictionary<int, int> { [1] = 9, [2] = 3 }, sheets);

        Assert.Equal([(1, 4300), (2, 3650)], ranking.Select(r => (r.EntryId, r.ScoreHundredths)));
    }

    [Fact]
    public void Rank_WeighsTheMixedOwnScoreWithAnEarlierRound_WhenTheRoundIsWeighted()
    {
        // Own (with the jury, as in the first example): entry 1 = 7700, 2 = 7546.666…, 3 = 8110.
        // Earlier round 5 weighs 30 %: its scores 1 = 9000, 2 = 9000, 3 = 6000.
        // Final: 1 = 0.7 × 7700 + 0.3 × 9000 = 5390 + 2700 = 8090
        //        2 = 0.7 × 7546.666… + 0.3 × 9000 = 5282.666… + 2700 = 7982.666… → 7983
        //        3 = 0.7 × 8110 + 0.3 × 6000 = 5677 + 1800 = 7477
        var earlier = new Dictionary<int, IReadOnlyDictionary<int, decimal>>
        {
            [5] = new Dictionary<int, decimal> { [1] = 9000, [2] = 9000, [3] = 6000 },
        };
        var ranking = Rank(Round(10, weights: "5:30"), new Dictionary<int, int> { [1] = 30, [2] = 10, [3] = 60 }, earlier: earlier);

        Assert.Equal([(1, 8090), (2, 7983), (3, 7477)], ranking.Select(r => (r.EntryId, r.ScoreHundredths)));
        Assert.Equal(7700m, Of(ranking, 1).Parts[0].ScoreHundredths);
    }

    [Fact]
    public void OwnScores_MixesTheJuryIntoAnEarlierRoundsScores_WhenALaterRoundWeighsIt()
    {
        // The same numbers as the first example, read as an earlier round's own scores.
        var round = Round(10);
        var scores = PublicJury.OwnScores(round, RankingCalculator.ScoreRound(round, Sheets), new Dictionary<int, int> { [1] = 30, [2] = 10, [3] = 60 });

        Assert.Equal(7700m, scores[1]);
        Assert.Equal(8110m, scores[3]);
    }
}
