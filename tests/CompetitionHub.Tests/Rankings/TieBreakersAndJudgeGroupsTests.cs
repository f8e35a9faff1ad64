using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Rankings;

namespace CompetitionHub.Tests.Rankings;

/// <summary>
/// The untrimmed-total and panel-decision breakers, weighted judge groups and the trimmed-mean fallback, each pinned on
/// a small example worked out by hand in the comments (points in hundredths).
/// </summary>
public sealed class TieBreakersAndJudgeGroupsTests
{
    private const int Experts = 101, Media = 102;

    private static Round Round(AggregationMethod method = AggregationMethod.Mean, string tieBreakers = "", int trimMin = 5,
        TrimFallback fallback = TrimFallback.Mean, string weights = "") =>
        new()
        {
            Id = 9, ContestId = 1, Name = "决赛", NameEn = "Final", Aggregation = method, TrimMinJudges = trimMin, TrimCount = 1,
            TieBreakers = tieBreakers, TrimFallback = fallback, EarlierRoundWeights = weights,
            Criteria = [new RubricCriterion { Id = 11, Sequence = 1, Name = "综合", NameEn = "Overall", MaxPointsHundredths = 10000 }],
        };

    private static SheetInput Sheet(int entry, string judge, int total) =>
        new(entry, judge, total, new Dictionary<int, int> { [11] = total }, new DateTime(2027, 5, 1, 2, 0, 0, DateTimeKind.Utc));

    private static List<SheetInput> Panel(int entry, params int[] totals) => [.. totals.Select((t, i) => Sheet(entry, $"j{i + 1}", t))];

    private static RankedEntry Of(IReadOnlyList<RankedEntry> ranking, int entryId) => ranking.Single(r => r.EntryId == entryId);

    /// <summary>Experts 70 % (e1–e5), media 30 % (m1–m3); judge x1 is in no group.</summary>
    private static readonly JudgeGrouping ExpertsAndMedia = new(
        [new JudgeGroupWeight(Experts, 70), new JudgeGroupWeight(Media, 30)],
        new Dictionary<string, int> { ["e1"] = Experts, ["e2"] = Experts, ["e3"] = Experts, ["e4"] = Experts, ["e5"] = Experts,
            ["m1"] = Media, ["m2"] = Media, ["m3"] = Media });

    private static IReadOnlyList<RankedEntry> RankGrouped(Round round, List<SheetInput> sheets, JudgeGrouping groups) =>
        RankingCalculator.Rank(round, sheets, RankingCalculator.ScoreRound(round, sheets, groups), new RankingContext { JudgeGroups = groups });

    // ---- untrimmed total ----

    [Fact]
    public void Rank_PutsTheHigherUntrimmedMeanFirst_WhenTheTrimmedMeansAreEqual()
    {
        // Entry 1: 60 80 80 80 99 → trimmed (80 + 80 + 80) / 3 = 80.00; untrimmed 399 / 5 = 79.80.
        // Entry 2: 70 80 80 80 95 → trimmed 80.00; untrimmed 405 / 5 = 81.00 → entry 2 first.
        var ranking = RankingCalculator.Rank(Round(AggregationMethod.TrimmedMean, "UntrimmedTotal"),
            [.. Panel(1, 6000, 8000, 8000, 8000, 9900), .. Panel(2, 7000, 8000, 8000, 8000, 9500)]);

        Assert.Equal([(2, 1, 8000), (1, 2, 8000)], ranking.Select(r => (r.EntryId, r.Rank, r.ScoreHundredths)));
        Assert.Equal(TieBreakerKind.UntrimmedTotal, Of(ranking, 2).DecidedBy?.Kind);
        Assert.True(Of(ranking, 1).ScoreTied);
    }

    [Fact]
    public void Rank_KeepsTheTieAndGoesOn_WhenTheUntrimmedMeansAreEqualToo()
    {
        // Entry 1: 60 80 80 80 100 and entry 2: 70 80 80 80 90: trimmed 80.00 each, untrimmed 400 / 5 = 80.00 each;
        // TopScores next: j1 and j5 split (one top each), j2–j4 gave both 80 (a top each) → 4 : 4, still tied.
        var ranking = RankingCalculator.Rank(Round(AggregationMethod.TrimmedMean, "UntrimmedTotal,TopScores"),
            [.. Panel(1, 6000, 8000, 8000, 8000, 10000), .. Panel(2, 7000, 8000, 8000, 8000, 9000)]);

        Assert.Equal([1, 1], ranking.Select(r => r.Rank));
        Assert.All(ranking, r => Assert.Null(r.DecidedBy));
    }

    // ---- panel decision ----

    [Fact]
    public void Rank_FlagsTheTieForThePanel_WhenNoDecisionIsRecorded()
    {
        var ranking = RankingCalculator.Rank(Round(tieBreakers: "TopScores,PanelDecision"),
            [.. Panel(1, 9000, 7000), .. Panel(2, 7000, 9000), .. Panel(3, 6000, 6000)]);

        Assert.Equal([(1, 1, true), (2, 1, true), (3, 3, false)], ranking.Select(r => (r.EntryId, r.Rank, r.NeedsPanelDecision)));
        Assert.All(ranking, r => Assert.False(r.NeedsLotDraw));
    }

    [Fact]
    public void Rank_OrdersByTheRecordedDecision_WhenOneForExactlyTheseEntriesAndThisScoreIsRecorded()
    {
        // 1 and 2 both 80.00; the panel put 2 before 1. A decision for another score (79.00) or other entries is ignored.
        var round = Round(tieBreakers: "PanelDecision");
        List<SheetInput> sheets = [.. Panel(1, 9000, 7000), .. Panel(2, 7000, 9000)];
        var context = new RankingContext
        {
            PanelDecisions = [new([1, 2], 7900, [1, 2]), new([1, 2, 3], 8000, [1, 2, 3]), new([1, 2], 8000, [2, 1])],
        };

        var ranking = RankingCalculator.Rank(round, sheets, RankingCalculator.ScoreRound(round, sheets), context);

        Assert.Equal([(2, 1), (1, 2)], ranking.Select(r => (r.EntryId, r.Rank)));
        Assert.Equal(TieBreakerKind.PanelDecision, Of(ranking, 2).DecidedBy?.Kind);
        Assert.All(ranking, r => Assert.False(r.NeedsPanelDecision));
    }

    [Fact]
    public void TieBreakers_ReadsTheNewTokens_WhenStored()
    {
        var rules = RankingRules.TieBreakers(Round(tieBreakers: "UntrimmedTotal,PanelDecision"));

        Assert.Equal([TieBreakerKind.UntrimmedTotal, TieBreakerKind.PanelDecision], rules.Select(r => r.Kind));
    }

    // ---- judge groups ----

    [Fact]
    public void Rank_WeighsEachGroupsMean_WhenTheRoundHasJudgeGroups()
    {
        // Entry 1: experts 80 90 85 → 85.00; media 60 70 → 65.00; (70 · 85 + 30 · 65) / 100 = (5950 + 1950) / 100 = 79.00.
        // Entry 2: experts 70 70 70 → 70.00; media 95 99 → 97.00; (70 · 70 + 30 · 97) / 100 = (4900 + 2910) / 100 = 78.10.
        // Without groups the plain means are 385 / 5 = 77.00 and 404 / 5 = 80.80: the groups turn the order round.
        List<SheetInput> sheets =
        [
            Sheet(1, "e1", 8000), Sheet(1, "e2", 9000), Sheet(1, "e3", 8500), Sheet(1, "m1", 6000), Sheet(1, "m2", 7000),
            Sheet(2, "e1", 7000), Sheet(2, "e2", 7000), Sheet(2, "e3", 7000), Sheet(2, "m1", 9500), Sheet(2, "m2", 9900),
        ];

        var grouped = RankGrouped(Round(), sheets, ExpertsAndMedia);
        var plain = RankingCalculator.Rank(Round(), sheets);

        Assert.Equal([(1, 7900), (2, 7810)], grouped.Select(r => (r.EntryId, r.ScoreHundredths)));
        Assert.Equal([(2, 8080), (1, 7700)], plain.Select(r => (r.EntryId, r.ScoreHundredths)));
        Assert.Equal([new JudgeGroupPart(Experts, 70, 8500m, 3, 0), new JudgeGroupPart(Media, 30, 6500m, 2, 0)], Of(grouped, 1).JudgeGroupParts);
        Assert.Equal(5, Of(grouped, 1).JudgeCount);
        Assert.Empty(Of(plain, 1).JudgeGroupParts);
    }

    [Fact]
    public void Rank_TrimsWithinEachGroup_WhenTheRoundUsesTheTrimmedMean()
    {
        // Experts 60 80 82 84 99 → drop 60 and 99 → (80 + 82 + 84) / 3 = 82.00; media (n = 3) 50 70 90 → drop 50 and 90 → 70.00.
        // (70 · 82 + 30 · 70) / 100 = (5740 + 2100) / 100 = 78.40; counted 3 + 1 = 4, dropped 2 + 2 = 4.
        List<SheetInput> sheets =
        [
            Sheet(1, "e1", 6000), Sheet(1, "e2", 8000), Sheet(1, "e3", 8200), Sheet(1, "e4", 8400), Sheet(1, "e5", 9900),
            Sheet(1, "m1", 5000), Sheet(1, "m2", 7000), Sheet(1, "m3", 9000),
        ];

        var ranked = RankGrouped(Round(AggregationMethod.TrimmedMean, trimMin: 3), sheets, ExpertsAndMedia).Single();

        Assert.Equal((7840, 4, 4), (ranked.ScoreHundredths, ranked.JudgeCount, ranked.DroppedCount));
    }

    [Fact]
    public void Rank_ScalesTheOtherGroupsUpTo100Percent_WhenAGroupHasNoSheetForTheEntry()
    {
        // Entry 3 was scored by experts only: 80 and 82 → 81.00; media none → 70 · 81 / 70 = 81.00 (not 70 · 81 / 100 = 56.70).
        var ranked = RankGrouped(Round(), [Sheet(3, "e1", 8000), Sheet(3, "e2", 8200)], ExpertsAndMedia).Single();

        Assert.Equal(8100, ranked.ScoreHundredths);
        Assert.Equal(new JudgeGroupPart(Media, 30, null, 0, 0), ranked.JudgeGroupParts[1]);
    }

    [Fact]
    public void Rank_LeavesOutTheSheetsOfJudgesInNoGroup_WhenTheRoundHasJudgeGroups()
    {
        // x1 is in no group: entry 1 stays (70 · 85 + 30 · 65) / 100 = 79.00 despite x1's 0; entry 4, scored by x1 alone,
        // gets no score and no rank.
        var round = Round();
        List<SheetInput> sheets =
        [
            Sheet(1, "e1", 8000), Sheet(1, "e2", 9000), Sheet(1, "e3", 8500), Sheet(1, "m1", 6000), Sheet(1, "m2", 7000),
            Sheet(1, "x1", 0), Sheet(4, "x1", 9000),
        ];
        var scores = RankingCalculator.ScoreRound(round, sheets, ExpertsAndMedia);

        var ranking = RankingCalculator.Rank(round, sheets, scores, new RankingContext { JudgeGroups = ExpertsAndMedia });

        Assert.Equal([(1, 7900)], ranking.Select(r => (r.EntryId, r.ScoreHundredths)));
        Assert.Equal([new UnrankedEntry(4, UnrankedReason.NoGroupedJudge, 1)], RankingCalculator.Unranked(round, sheets, scores, ExpertsAndMedia));
    }

    // ---- trimmed-mean fallback ----

    [Fact]
    public void Rank_TakesThePlainMean_WhenTooFewJudgesAndTheFallbackIsTheMean()
    {
        // Entry 2 has 4 judges, fewer than 5: (70 + 80 + 90 + 100) / 4 = 85.00, nothing dropped (today's behaviour).
        var round = Round(AggregationMethod.TrimmedMean);
        List<SheetInput> sheets = [.. Panel(1, 6000, 8000, 8100, 8200, 9900), .. Panel(2, 7000, 8000, 9000, 10000)];

        var ranking = RankingCalculator.Rank(round, sheets);

        Assert.Equal([(2, 8500, 0), (1, 8100, 2)], ranking.Select(r => (r.EntryId, r.ScoreHundredths, r.DroppedCount)));
        Assert.Empty(RankingCalculator.Unranked(round, sheets, RankingCalculator.ScoreRound(round, sheets), JudgeGrouping.None));
    }

    [Fact]
    public void Rank_LeavesTheEntryUnranked_WhenTooFewJudgesAndTheFallbackIsToRefuse()
    {
        // Entry 1: 5 judges → (80 + 81 + 82) / 3 = 81.00, rank 1. Entry 2: 4 judges < 5 → no score, not ranked, 评委人数不足.
        var round = Round(AggregationMethod.TrimmedMean, fallback: TrimFallback.Refuse);
        List<SheetInput> sheets = [.. Panel(1, 6000, 8000, 8100, 8200, 9900), .. Panel(2, 7000, 8000, 9000, 10000)];
        var scores = RankingCalculator.ScoreRound(round, sheets);

        var ranking = RankingCalculator.Rank(round, sheets, scores, RankingContext.Empty);

        Assert.Equal([(1, 1, 8100)], ranking.Select(r => (r.EntryId, r.Rank, r.ScoreHundredths)));
        Assert.Equal([new UnrankedEntry(2, UnrankedReason.TooFewJudges, 4)], RankingCalculator.Unranked(round, sheets, scores, JudgeGrouping.None));
    }

    [Fact]
    public void Rank_RefusesTheEntry_WhenAnyGroupThatScoredItHasTooFewJudgesToTrim()
    {
        // n = 3: experts 5 judges are enough, media 2 judges are not → refused (a group without sheets would not be).
        var round = Round(AggregationMethod.TrimmedMean, trimMin: 3, fallback: TrimFallback.Refuse);
        List<SheetInput> sheets =
        [
            Sheet(1, "e1", 6000), Sheet(1, "e2", 8000), Sheet(1, "e3", 8200), Sheet(1, "e4", 8400), Sheet(1, "e5", 9900),
            Sheet(1, "m1", 5000), Sheet(1, "m2", 7000),
            Sheet(2, "e1", 6000), Sheet(2, "e2", 8000), Sheet(2, "e3", 8200),
        ];

        var ranking = RankGrouped(round, sheets, ExpertsAndMedia);

        // Entry 2: experts 60 80 82 → drop 60 and 82 → 80.00; media none → 70 · 80 / 70 = 80.00.
        Assert.Equal([(2, 8000)], ranking.Select(r => (r.EntryId, r.ScoreHundredths)));
    }

    [Fact]
    public void Rank_CountsARefusedEarlierScoreAsMissing_WhenALaterRoundWeighsIt()
    {
        // The semifinal refused entry 2 (4 judges); the final weighs it 40 % and reweights a missing score:
        // entry 2's own final score 90.00 alone → 90.00; entry 1: 0.6 · 80 + 0.4 · 81 = 48 + 32.4 = 80.40.
        var semifinal = Round(AggregationMethod.TrimmedMean, fallback: TrimFallback.Refuse);
        semifinal.Id = 8;
        var earlier = RankingCalculator.ScoreRound(semifinal, [.. Panel(1, 6000, 8000, 8100, 8200, 9900), .. Panel(2, 7000, 8000, 9000, 10000)]);
        var final = Round(weights: "8:40");
        List<SheetInput> sheets = [.. Panel(1, 8000), .. Panel(2, 9000)];
        var context = new RankingContext
        {
            EarlierRoundScores = new Dictionary<int, IReadOnlyDictionary<int, decimal>> { [8] = earlier.ToDictionary(x => x.Key, x => x.Value.ScoreHundredths) },
        };

        var ranking = RankingCalculator.Rank(final, sheets, RankingCalculator.ScoreRound(final, sheets), context);

        Assert.Equal([(2, 9000, true), (1, 8040, false)], ranking.Select(r => (r.EntryId, r.ScoreHundredths, r.MissingEarlierRound)));
    }
}
