using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Rankings;
using CompetitionHub.Web.Features.Scoring;

namespace CompetitionHub.Tests.Rankings;

/// <summary>The ranking on weighted rubrics and rubrics per track, worked out by hand in the comments (points in hundredths).</summary>
public sealed class RubricRankingTests
{
    private const int Innovation = 11, Market = 12, GrowthRevenue = 21, GrowthProfit = 22, Growth = 7;

    private static Round Round(AggregationMethod method, string tieBreakers = "", int? innovationWeight = null, int? marketWeight = null) => new()
    {
        Id = 9, ContestId = 1, Name = "决赛", NameEn = "Final", Aggregation = method, TieBreakers = tieBreakers,
        Criteria =
        [
            new RubricCriterion { Id = Innovation, Sequence = 1, Name = "创新性", NameEn = "Innovation", MaxPointsHundredths = 1000, WeightPercent = innovationWeight },
            new RubricCriterion { Id = Market, Sequence = 2, Name = "市场前景", NameEn = "Market", MaxPointsHundredths = 3000, WeightPercent = marketWeight },
            new RubricCriterion { Id = GrowthRevenue, Sequence = 3, TrackId = Growth, Name = "营收增长", NameEn = "Revenue growth", MaxPointsHundredths = 6000 },
            new RubricCriterion { Id = GrowthProfit, Sequence = 4, TrackId = Growth, Name = "盈利能力", NameEn = "Profitability", MaxPointsHundredths = 4000 },
        ],
    };

    private static SheetInput Sheet(int entry, string judge, int total, int first, int firstId = Innovation, int secondId = Market) =>
        new(entry, judge, total, new Dictionary<int, int> { [firstId] = first, [secondId] = total - first }, new DateTime(2027, 5, 1, 2, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void ScoreRound_ClampsToAHundred_WhenTheRubricIsWeighted()
    {
        // Lines of 10 and 30 points weighing 50 % each: sheets are out of 100, not of 40.
        // A: E1 100, E2 0, E3 0 (m = 33.33, s = 47.14 → z +1.414, −0.707, −0.707); B: E2 90, E3 90 (s = 0 → z 0).
        // M = (100 + 0 + 0 + 90 + 90) / 5 = 56, S = 45.869. E1 = 56 + 45.869 · 1.414 = 120.87 → clamped to 100.00 (not 40).
        List<SheetInput> sheets = [Sheet(1, "A", 10000, 5000), Sheet(2, "A", 0, 0), Sheet(3, "A", 0, 0), Sheet(2, "B", 9000, 4500), Sheet(3, "B", 9000, 4500)];

        var scores = RankingCalculator.ScoreRound(Round(AggregationMethod.ZScore, innovationWeight: 50, marketWeight: 50), sheets);

        Assert.Equal(10_000m, scores[1].ScoreHundredths);
    }

    [Fact]
    public void ScoreRound_ClampsToTheTracksOwnFullMarks_WhenTheEntryIsScoredOnItsTracksRubric()
    {
        // Same sheets as above, on the growth track's own lines (60 + 40 = full marks 100): E1 120.87 → 100.00; on the
        // shared unweighted lines (10 + 30) it would be clamped to 40.
        List<SheetInput> sheets =
        [
            Sheet(1, "A", 10000, 5000, GrowthRevenue, GrowthProfit), Sheet(2, "A", 0, 0, GrowthRevenue, GrowthProfit),
            Sheet(3, "A", 0, 0, GrowthRevenue, GrowthProfit), Sheet(2, "B", 9000, 4500, GrowthRevenue, GrowthProfit),
            Sheet(3, "B", 9000, 4500, GrowthRevenue, GrowthProfit),
        ];

        var scores = RankingCalculator.ScoreRound(Round(AggregationMethod.ZScore), sheets);

        Assert.Equal(10_000m, scores[1].ScoreHundredths);
    }

    [Fact]
    public void Rank_BreaksATieOnTheTracksLineInTheSamePosition_WhenTheBreakerNamesASharedLine()
    {
        // Growth entries 1 and 2 both total 80 (mean of 80 and 80). The breaker names 创新性, the shared rubric's 1st
        // line; on the growth rubric that is 营收增长: entry 1 has (50 + 52) / 2 = 51, entry 2 (40 + 42) / 2 = 41.
        List<SheetInput> sheets =
        [
            Sheet(1, "A", 8000, 5000, GrowthRevenue, GrowthProfit), Sheet(1, "B", 8000, 5200, GrowthRevenue, GrowthProfit),
            Sheet(2, "A", 8000, 4000, GrowthRevenue, GrowthProfit), Sheet(2, "B", 8000, 4200, GrowthRevenue, GrowthProfit),
        ];

        var ranking = RankingCalculator.Rank(Round(AggregationMethod.Mean, tieBreakers: $"Criterion:{Innovation}"), sheets);

        Assert.Equal([(2, 2, false), (1, 1, false)], ranking.Select(r => (r.EntryId, r.Rank, r.Tied)).OrderByDescending(r => r.EntryId));
        Assert.Equal(TieBreakerKind.Criterion, ranking.Single(r => r.EntryId == 1).DecidedBy?.Kind);
    }
}
