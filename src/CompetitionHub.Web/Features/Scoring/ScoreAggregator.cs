using CompetitionHub.Web.Features.Contests;

namespace CompetitionHub.Web.Features.Scoring;

public sealed record AggregateResult(int ScoreHundredths, int Counted, int Dropped);

/// <summary>An entry's score before rounding, in hundredths (85.005 points = 8500.5m).</summary>
public sealed record ExactAggregate(decimal ScoreHundredths, int Counted, int Dropped);

/// <summary>
/// Turns one entry's judges' totals into its score. Totals come in hundredths; the score is kept in decimal and rounded
/// once, by <see cref="RoundHalfUp"/>, where the official score is fixed (here for the live reveal, in
/// <c>RankingCalculator</c> after any weighting of rounds).
/// <list type="bullet">
/// <item>Mean: every total counts.</item>
/// <item>TrimmedMean: drops the k highest and the k lowest totals (k = <c>trimCount</c>) when at least
/// max(n, 2k + 1) judges scored (n = <c>trimMinJudges</c>); with fewer judges it is the plain mean.</item>
/// <item>Median: the middle total, or the mean of the two middle ones for an even count.</item>
/// <item>ZScore needs every judge's other sheets, so for one entry alone it is the plain mean; the round's ranking
/// normalizes (see <c>RankingCalculator</c>).</item>
/// </list>
/// </summary>
public static class ScoreAggregator
{
    public static AggregateResult Aggregate(IReadOnlyList<int> totalsHundredths, AggregationMethod method, int trimMinJudges = 5,
        int trimCount = 1)
    {
        var exact = Exact(totalsHundredths, method, trimMinJudges, trimCount);
        return new AggregateResult(RoundHalfUp(exact.ScoreHundredths), exact.Counted, exact.Dropped);
    }

    public static ExactAggregate Exact(IReadOnlyList<int> totalsHundredths, AggregationMethod method, int trimMinJudges = 5,
        int trimCount = 1)
    {
        if (totalsHundredths.Count == 0) return new ExactAggregate(0, 0, 0);
        var sorted = totalsHundredths.Order().ToList();
        switch (method)
        {
            case AggregationMethod.TrimmedMean:
                var k = Math.Max(1, trimCount);
                if (sorted.Count >= Math.Max(2 * k + 1, trimMinJudges))
                {
                    // 去掉 k 个最高分和 k 个最低分: only k of each end, even when more judges share the extreme total.
                    var kept = sorted.Skip(k).Take(sorted.Count - 2 * k).ToList();
                    return new ExactAggregate(Mean(kept), kept.Count, 2 * k);
                }
                return new ExactAggregate(Mean(sorted), sorted.Count, 0);
            case AggregationMethod.Median:
                var mid = sorted.Count / 2;
                var median = sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + (decimal)sorted[mid]) / 2;
                return new ExactAggregate(median, sorted.Count, 0);
            default:
                return new ExactAggregate(Mean(sorted), sorted.Count, 0);
        }
    }

    /// <summary>
    /// THE rounding of an official score: to whole hundredths (2 decimals of points), half up. Scores are never
    /// negative, so "away from zero" is "up"; decimal keeps 85.005 exact where a double would not.
    /// </summary>
    public static int RoundHalfUp(decimal hundredths) => (int)Math.Round(hundredths, 0, MidpointRounding.AwayFromZero);

    private static decimal Mean(IReadOnlyList<int> values) => values.Sum(x => (decimal)x) / values.Count;
}
