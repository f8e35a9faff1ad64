using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Rankings;
using CompetitionHub.Web.Features.Scoring;

namespace CompetitionHub.Tests.Rankings;

/// <summary>Each method and tie-breaker pinned on a small example worked out by hand in the comments (points in hundredths).</summary>
public sealed class RankingCalculatorTests
{
    private const int Innovation = 11, Market = 12;

    private static Round Round(AggregationMethod method = AggregationMethod.Mean, int trimMin = 5, int trimCount = 1,
        string tieBreakers = "", string weights = "", MissingEarlierScore missing = MissingEarlierScore.Reweight, int fullMarks = 10000) =>
        new()
        {
            Id = 9, ContestId = 1, Name = "决赛", NameEn = "Final", Aggregation = method, TrimMinJudges = trimMin, TrimCount = trimCount,
            TieBreakers = tieBreakers, EarlierRoundWeights = weights, MissingEarlierScore = missing,
            Criteria =
            [
                new RubricCriterion { Id = Innovation, Sequence = 1, Name = "创新性", NameEn = "Innovation", MaxPointsHundredths = fullMarks / 2 },
                new RubricCriterion { Id = Market, Sequence = 2, Name = "市场前景", NameEn = "Market", MaxPointsHundredths = fullMarks - fullMarks / 2 },
            ],
        };

    private static SheetInput Sheet(int entry, string judge, int total, int? innovation = null) =>
        new(entry, judge, total, new Dictionary<int, int> { [Innovation] = innovation ?? total / 2, [Market] = total - (innovation ?? total / 2) },
            new DateTime(2027, 5, 1, 2, 0, 0, DateTimeKind.Utc));

    private static List<SheetInput> Panel(int entry, params int[] totals) =>
        [.. totals.Select((t, i) => Sheet(entry, $"j{i + 1}", t))];

    private static RankedEntry Of(IReadOnlyList<RankedEntry> ranking, int entryId) => ranking.Single(r => r.EntryId == entryId);

    // ---- methods ----

    [Fact]
    public void Rank_GivesTheFiveJudgeTrimmedMeanToTwoDecimals_WhenTheThirdRoundsUp()
    {
        // 70.00, 85.33, 85.34, 85.34, 99.50: drop 70.00 and 99.50; (85.33 + 85.34 + 85.34) / 3 = 256.01 / 3 = 85.33667 → 85.34.
        // 70.00, 85.33, 85.33, 85.34, 99.50: (85.33 + 85.33 + 85.34) / 3 = 256.00 / 3 = 85.33333 → 85.33.
        var ranking = RankingCalculator.Rank(Round(AggregationMethod.TrimmedMean),
            [.. Panel(1, 7000, 8533, 8534, 8534, 9950), .. Panel(2, 7000, 8533, 8533, 8534, 9950)]);

        Assert.Equal(8534, Of(ranking, 1).ScoreHundredths);
        Assert.Equal(25601m / 3, Of(ranking, 1).UnroundedHundredths);
        Assert.Equal((3, 2), (Of(ranking, 1).JudgeCount, Of(ranking, 1).DroppedCount));
        Assert.Equal(8533, Of(ranking, 2).ScoreHundredths);
        Assert.Equal([1, 2], ranking.Select(r => r.EntryId));
    }

    [Fact]
    public void Rank_RoundsTheTrimmedMeanHalfUp_WhenItEndsInExactlyHalfAHundredth()
    {
        // Six judges: drop 70.00 and 99.90; (85.00 + 85.00 + 85.01 + 85.01) / 4 = 340.02 / 4 = 85.005 → 85.01 (half up;
        // rounding half to even would give 85.00).
        var ranking = RankingCalculator.Rank(Round(AggregationMethod.TrimmedMean), Panel(1, 7000, 8500, 8501, 8501, 8500, 9990));

        Assert.Equal(8500.5m, ranking[0].UnroundedHundredths);
        Assert.Equal(8501, ranking[0].ScoreHundredths);
    }

    [Fact]
    public void Aggregate_DropsTwoHighestAndTwoLowest_WhenTrimCountIsTwo()
    {
        // 60, 65, 80, 81, 82, 95, 99 with k = 2: drop 60, 65 and 95, 99; (80 + 81 + 82) / 3 = 81.00.
        var seven = ScoreAggregator.Aggregate([6000, 6500, 8000, 8100, 8200, 9500, 9900], AggregationMethod.TrimmedMean, trimMinJudges: 5, trimCount: 2);
        // Four judges are fewer than 2k + 1 = 5: nothing is dropped; (60 + 80 + 82 + 99) / 4 = 80.25.
        var four = ScoreAggregator.Aggregate([6000, 8000, 8200, 9900], AggregationMethod.TrimmedMean, trimMinJudges: 3, trimCount: 2);

        Assert.Equal(new AggregateResult(8100, 3, 4), seven);
        Assert.Equal(new AggregateResult(8025, 4, 0), four);
    }

    [Fact]
    public void Rank_UsesTheRoundsTrimCount_WhenRanking()
    {
        var ranking = RankingCalculator.Rank(Round(AggregationMethod.TrimmedMean, trimMin: 5, trimCount: 2),
            Panel(1, 6000, 6500, 8000, 8100, 8200, 9500, 9900));

        Assert.Equal((8100, 3, 4), (ranking[0].ScoreHundredths, ranking[0].JudgeCount, ranking[0].DroppedCount));
    }

    [Fact]
    public void Rank_TakesTheMiddleTotal_WhenMedianWithAnOddPanel()
    {
        // 70, 90, 80 → sorted 70, 80, 90 → 80.00 (the mean would also be 80; 99 instead of 90 shows it is not the mean).
        var ranking = RankingCalculator.Rank(Round(AggregationMethod.Median), Panel(1, 7000, 9900, 8000));

        Assert.Equal((8000, 3), (ranking[0].ScoreHundredths, ranking[0].JudgeCount));
    }

    [Fact]
    public void Rank_AveragesTheTwoMiddleTotalsAndRoundsHalfUp_WhenMedianWithAnEvenPanel()
    {
        // 70.00, 80.01, 80.00, 90.00 → middle two 80.00 and 80.01 → 80.005 → 80.01.
        var ranking = RankingCalculator.Rank(Round(AggregationMethod.Median), Panel(1, 7000, 8001, 8000, 9000));

        Assert.Equal(8000.5m, ranking[0].UnroundedHundredths);
        Assert.Equal(8001, ranking[0].ScoreHundredths);
    }

    [Fact]
    public void Rank_NormalizesEachJudge_WhenZScoreOnAnIncompleteDesign()
    {
        // Four judges, each scoring a different subset (full marks 100):
        //   A (harsh):   E1 60, E2 70      m = 65, s = 5   → E1 −1, E2 +1
        //   B (lenient): E3 90, E4 80      m = 85, s = 5   → E3 +1, E4 −1
        //   C:           E2 80, E3 70      m = 75, s = 5   → E2 +1, E3 −1
        //   D:           E4 95 only        one sheet       → z = 0
        // z̄: E1 −1, E2 +1, E3 0, E4 (−1 + 0) / 2 = −0.5.
        // All seven totals (points): M = 545 / 7 = 77.857143; Σx² = 43325, S² = 43325 / 7 − M² = 6189.2857 − 6061.7347 = 127.5510,
        // S = 11.293849.
        // E2 = M + S = 89.150992 → 89.15; E3 = M = 77.857143 → 77.86; E4 = M − S/2 = 72.210218 → 72.21; E1 = M − S = 66.563294 → 66.56.
        // The raw means (E4 87.50, E3 80.00, E2 75.00, E1 60.00) would rank them the other way round.
        List<SheetInput> sheets =
        [
            Sheet(1, "A", 6000), Sheet(2, "A", 7000), Sheet(3, "B", 9000), Sheet(4, "B", 8000),
            Sheet(2, "C", 8000), Sheet(3, "C", 7000), Sheet(4, "D", 9500),
        ];

        var ranking = RankingCalculator.Rank(Round(AggregationMethod.ZScore), sheets);

        Assert.Equal([2, 3, 4, 1], ranking.Select(r => r.EntryId));
        Assert.Equal([8915, 7786, 7221, 6656], ranking.Select(r => r.ScoreHundredths));
        Assert.Equal([1, 2, 3, 4], ranking.Select(r => r.Rank));
    }

    [Fact]
    public void ScoreRound_ClampsToTheRubricsFullMarks_WhenTheNormalizedScoreWouldExceedIt()
    {
        // Full marks 10. A: E1 10, E2 0, E3 0 (m = 3.33, s = 4.714 → z +1.414, −0.707, −0.707); B: E2 9, E3 9 (s = 0 → z 0).
        // M = (10 + 0 + 0 + 9 + 9) / 5 = 5.60, S = 4.5869. E1 = 5.60 + 4.5869 · 1.414 = 12.09 → clamped to 10.00;
        // E2 = 5.60 + 4.5869 · (−0.707 + 0) / 2 = 3.978 → 3.98.
        List<SheetInput> sheets = [Sheet(1, "A", 1000), Sheet(2, "A", 0), Sheet(3, "A", 0), Sheet(2, "B", 900), Sheet(3, "B", 900)];

        var scores = RankingCalculator.ScoreRound(Round(AggregationMethod.ZScore, fullMarks: 1000), sheets);

        Assert.Equal(1000m, scores[1].ScoreHundredths);
        Assert.Equal(398, ScoreAggregator.RoundHalfUp(scores[2].ScoreHundredths));
    }

    [Fact]
    public void ScoreRound_GivesEveryEntryTheRoundMean_WhenNoJudgeSpreadsTheirScores()
    {
        // A gives 80 to both; B scored once (75): every z is 0, so every entry gets M = (80 + 80 + 75) / 3 = 78.33.
        var scores = RankingCalculator.ScoreRound(Round(AggregationMethod.ZScore),
            [Sheet(1, "A", 8000), Sheet(2, "A", 8000), Sheet(2, "B", 7500)]);

        Assert.Equal(7833, ScoreAggregator.RoundHalfUp(scores[1].ScoreHundredths));
        Assert.Equal(7833, ScoreAggregator.RoundHalfUp(scores[2].ScoreHundredths));
    }

    // ---- weighting ----

    [Fact]
    public void Rank_WeighsTheEarlierRoundAndRoundsOnce_WhenTheRoundWeighsASemifinal()
    {
        // Semifinal (round 7) 30 %, this final 70 %.
        // E1: final mean 80.00, semifinal 90.00 → 0.7 · 80 + 0.3 · 90 = 83.00.
        // E3: final mean (80.00 + 80.01) / 2 = 80.005, semifinal 80.004 (unrounded) → 0.7 · 80.005 + 0.3 · 80.004 = 80.0047 → 80.00.
        //     Rounding each round first would give 0.7 · 80.01 + 0.3 · 80.00 = 80.007 → 80.01: the weights see unrounded scores.
        var context = new RankingContext
        {
            EarlierRoundScores = new Dictionary<int, IReadOnlyDictionary<int, decimal>> { [7] = new Dictionary<int, decimal> { [1] = 9000m, [3] = 8000.4m } },
        };
        var round = Round(weights: "7:30");
        List<SheetInput> sheets = [.. Panel(1, 8000, 8000), .. Panel(3, 8000, 8001)];

        var ranking = RankingCalculator.Rank(round, sheets, RankingCalculator.ScoreRound(round, sheets), context);

        Assert.Equal(8300, Of(ranking, 1).ScoreHundredths);
        Assert.Equal([new ScorePart(9, 70, 8000m), new ScorePart(7, 30, 9000m)], Of(ranking, 1).Parts);
        Assert.Equal(8000.47m, Of(ranking, 3).UnroundedHundredths);
        Assert.Equal(8000, Of(ranking, 3).ScoreHundredths);
        Assert.Equal(8000.5m, Of(ranking, 3).OwnRoundHundredths);
    }

    [Theory]
    [InlineData(MissingEarlierScore.Reweight, 8500)]     // only the final counts: 70 · 85 / 70 = 85.00
    [InlineData(MissingEarlierScore.CountAsZero, 5950)]  // the semifinal counts as 0: (70 · 85 + 30 · 0) / 100 = 59.50
    public void Rank_HandlesAMissingEarlierScoreAsTheRoundSays_WhenAnEntryHasNoSemifinalScore(MissingEarlierScore missing, int expected)
    {
        var context = new RankingContext
        {
            EarlierRoundScores = new Dictionary<int, IReadOnlyDictionary<int, decimal>> { [7] = new Dictionary<int, decimal>() },
        };
        var round = Round(weights: "7:30", missing: missing);
        var sheets = Panel(2, 8500, 8500);

        var ranked = RankingCalculator.Rank(round, sheets, RankingCalculator.ScoreRound(round, sheets), context).Single();

        Assert.Equal(expected, ranked.ScoreHundredths);
        Assert.True(ranked.MissingEarlierRound);
        Assert.Null(ranked.Parts[1].ScoreHundredths);
    }

    // ---- tie-breakers ----

    [Fact]
    public void Rank_SharesTheRankAndSkipsTheNext_WhenNoTieBreakerIsSet()
    {
        var ranking = RankingCalculator.Rank(Round(), [.. Panel(1, 8000), .. Panel(2, 8000), .. Panel(3, 7000)]);

        Assert.Equal([(1, 1, true), (2, 1, true), (3, 3, false)], ranking.Select(r => (r.EntryId, r.Rank, r.Tied)));
        Assert.All(ranking.Take(2), r => Assert.Null(r.DecidedBy));
    }

    [Fact]
    public void Rank_PutsTheHigherCriterionScoreFirst_WhenTheTieBreakerIsACriterion()
    {
        // Both 80.00. 创新性: E1 (50 + 40) / 2 = 45.00, E2 (46 + 46) / 2 = 46.00 → E2 first.
        List<SheetInput> sheets =
        [
            Sheet(1, "j1", 8000, innovation: 5000), Sheet(1, "j2", 8000, innovation: 4000),
            Sheet(2, "j1", 8000, innovation: 4600), Sheet(2, "j2", 8000, innovation: 4600),
        ];

        var ranking = RankingCalculator.Rank(Round(tieBreakers: $"Criterion:{Innovation},TopScores"), sheets);

        Assert.Equal([(2, 1), (1, 2)], ranking.Select(r => (r.EntryId, r.Rank)));
        Assert.All(ranking, r => Assert.Equal(new TieBreakerRule(TieBreakerKind.Criterion, Innovation), r.DecidedBy));
        Assert.All(ranking, r => Assert.True(r.ScoreTied));
        Assert.All(ranking, r => Assert.False(r.Tied));
    }

    [Fact]
    public void Rank_PutsTheEntryMoreJudgesPreferredFirst_WhenTheTieBreakerIsTopScores()
    {
        // Both 80.00. E1: 90, 75, 75; E2: 80, 80, 80. j1 preferred E1 (90 > 80), j2 and j3 preferred E2 (80 > 75):
        // E2 has 2 tops, E1 has 1 → E2 first.
        var ranking = RankingCalculator.Rank(Round(tieBreakers: "TopScores"), [.. Panel(1, 9000, 7500, 7500), .. Panel(2, 8000, 8000, 8000)]);

        Assert.Equal([(2, 1), (1, 2)], ranking.Select(r => (r.EntryId, r.Rank)));
        Assert.Equal(TieBreakerKind.TopScores, ranking[0].DecidedBy?.Kind);
    }

    [Fact]
    public void Rank_GivesEachEqualHighestATop_WhenAJudgeGaveTiedEntriesTheSameTotal()
    {
        // E1: 90, 70 (80.00); E2: 90, 70 (80.00); E3: 80, 80 (80.00). j1: E1 and E2 share the highest (90) → one top each;
        // j2: E3 (80) → one top. All three have one top: still tied, one shared rank.
        var ranking = RankingCalculator.Rank(Round(tieBreakers: "TopScores"), [.. Panel(1, 9000, 7000), .. Panel(2, 9000, 7000), .. Panel(3, 8000, 8000)]);

        Assert.All(ranking, r => Assert.Equal((1, true), (r.Rank, r.Tied)));
    }

    [Fact]
    public void Rank_PutsTheEarlierSubmissionFirst_WhenTheTieBreakerIsEarlierSubmission()
    {
        var context = new RankingContext
        {
            EntrySubmittedAt = new Dictionary<int, DateTime>
            {
                [1] = new(2027, 3, 2, 1, 0, 0, DateTimeKind.Utc), [2] = new(2027, 3, 1, 1, 0, 0, DateTimeKind.Utc),
            },
        };
        var round = Round(tieBreakers: "EarlierSubmission");
        List<SheetInput> sheets = [.. Panel(1, 8000), .. Panel(2, 8000), .. Panel(3, 8000)];

        var ranking = RankingCalculator.Rank(round, sheets, RankingCalculator.ScoreRound(round, sheets), context);

        // E2 (1 March) before E1 (2 March); E3 never submitted comes last.
        Assert.Equal([(2, 1), (1, 2), (3, 3)], ranking.Select(r => (r.EntryId, r.Rank)));
    }

    [Fact]
    public void Rank_AppliesTheBreakersInOrder_WhenTheFirstLeavesSomeStillTied()
    {
        // All 80.00. 创新性: E1 45, E2 40, E3 40 → E1 first by the criterion; E2 and E3 go on to TopScores:
        // j1 gave E2 80, E3 85 → top to E3; j2 gave E2 80, E3 75 → top to E2: one each, still tied → they share rank 2.
        List<SheetInput> sheets =
        [
            Sheet(1, "j1", 8000, innovation: 4500), Sheet(1, "j2", 8000, innovation: 4500),
            Sheet(2, "j1", 8000, innovation: 4000), Sheet(2, "j2", 8000, innovation: 4000),
            Sheet(3, "j1", 8500, innovation: 4000), Sheet(3, "j2", 7500, innovation: 4000),
        ];

        var ranking = RankingCalculator.Rank(Round(tieBreakers: $"Criterion:{Innovation},TopScores"), sheets);

        Assert.Equal([(1, 1, false), (2, 2, true), (3, 2, true)], ranking.Select(r => (r.EntryId, r.Rank, r.Tied)));
        Assert.Equal(TieBreakerKind.Criterion, ranking[0].DecidedBy?.Kind);
        Assert.Null(ranking[1].DecidedBy);
    }

    [Fact]
    public void Rank_FlagsTheTieForADraw_WhenTheLotDrawIsNotRecordedYet()
    {
        var ranking = RankingCalculator.Rank(Round(tieBreakers: "TopScores,LotDraw"),
            [.. Panel(101, 8000, 8000), .. Panel(102, 8000, 8000), .. Panel(103, 8000, 8000), .. Panel(104, 7000, 7000)]);

        Assert.Equal([(101, 1), (102, 1), (103, 1), (104, 4)], ranking.Select(r => (r.EntryId, r.Rank)));
        Assert.Equal([true, true, true, false], ranking.Select(r => r.NeedsLotDraw));
    }

    [Fact]
    public void Rank_OrdersByTheRecordedDraw_WhenALotDrawForExactlyTheseEntriesIsRecorded()
    {
        // SplitMix64 + Fisher–Yates over [101, 102, 103] with seed 7, worked out by a separate implementation of the
        // published description: 102, 103, 101.
        var round = Round(tieBreakers: "LotDraw");
        List<SheetInput> sheets = [.. Panel(103, 8000), .. Panel(101, 8000), .. Panel(102, 8000)];
        var context = new RankingContext { Draws = [new RecordedDraw([103, 101, 102], 8000, 7)] };

        var first = RankingCalculator.Rank(round, sheets, RankingCalculator.ScoreRound(round, sheets), context);
        var again = RankingCalculator.Rank(round, [.. sheets.AsEnumerable().Reverse()], RankingCalculator.ScoreRound(round, sheets), context);

        Assert.Equal([(102, 1), (103, 2), (101, 3)], first.Select(r => (r.EntryId, r.Rank)));
        Assert.Equal(first.Select(r => r.EntryId), again.Select(r => r.EntryId));
        Assert.All(first, r => Assert.Equal((TieBreakerKind.LotDraw, false), (r.DecidedBy!.Kind, r.NeedsLotDraw)));
    }

    [Fact]
    public void Rank_IgnoresARecordedDraw_WhenTheTiedEntriesOrTheScoreChanged()
    {
        var round = Round(tieBreakers: "LotDraw");
        List<SheetInput> sheets = [.. Panel(101, 8000), .. Panel(102, 8000)];
        // A draw among three entries, and one among the same two at another score: neither is this tie.
        var context = new RankingContext { Draws = [new RecordedDraw([101, 102, 103], 8000, 7), new RecordedDraw([101, 102], 7900, 7)] };

        var ranking = RankingCalculator.Rank(round, sheets, RankingCalculator.ScoreRound(round, sheets), context);

        Assert.All(ranking, r => Assert.Equal((1, true, true), (r.Rank, r.Tied, r.NeedsLotDraw)));
    }

    [Fact]
    public void Rank_SharesTheRank_WhenEntriesAreStillTiedAfterEveryBreaker()
    {
        // Identical sheets: the criterion, the tops and the submission times are all equal; no lot draw in the list.
        var context = new RankingContext
        {
            EntrySubmittedAt = new Dictionary<int, DateTime> { [1] = new(2027, 3, 1, 0, 0, 0, DateTimeKind.Utc), [2] = new(2027, 3, 1, 0, 0, 0, DateTimeKind.Utc) },
        };
        var round = Round(tieBreakers: $"Criterion:{Innovation},TopScores,EarlierSubmission");
        List<SheetInput> sheets = [.. Panel(0, 9000, 9000), .. Panel(2, 8000, 8000), .. Panel(1, 8000, 8000), .. Panel(3, 6000, 6000)];

        var ranking = RankingCalculator.Rank(round, sheets, RankingCalculator.ScoreRound(round, sheets), context);

        Assert.Equal([(0, 1), (1, 2), (2, 2), (3, 4)], ranking.Select(r => (r.EntryId, r.Rank)));
        Assert.Equal([false, true, true, false], ranking.Select(r => r.Tied));
        Assert.All(ranking, r => Assert.Null(r.DecidedBy));
    }

    [Fact]
    public void TieBreakers_ReadsTheStoredTokens_AndSkipsUnknownOnes()
    {
        var round = Round(tieBreakers: "Criterion:12,TopScores,Nonsense,1,EarlierSubmission,LotDraw");

        Assert.Equal(
            [new TieBreakerRule(TieBreakerKind.Criterion, 12), new(TieBreakerKind.TopScores), new(TieBreakerKind.EarlierSubmission), new(TieBreakerKind.LotDraw)],
            RankingRules.TieBreakers(round));
        Assert.Equal("Criterion:12,TopScores,EarlierSubmission,LotDraw", RankingRules.FormatTieBreakers(RankingRules.TieBreakers(round)));
    }
}
