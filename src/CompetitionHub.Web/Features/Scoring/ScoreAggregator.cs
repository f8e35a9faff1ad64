using CompetitionHub.Web.Features.Contests;

namespace CompetitionHub.Web.Features.Scoring;

public sealed record AggregateResult(int ScoreHundredths, int Counted, int Dropped);

/// <summary>
/// Turns judges' totals into an entry's score. Totals come in hundredths; the mean is taken in decimal and rounded once,
/// to whole hundredths (2 decimals), half up — the point where the official score is fixed.
/// </summary>
public static class ScoreAggregator
{
    public static AggregateResult Aggregate(IReadOnlyList<int> totalsHundredths, AggregationMethod method, int trimMinJudges = 5)
    {
        if (totalsHundredths.Count == 0) return new AggregateResult(0, 0, 0);
        var counted = totalsHundredths.Order().ToList();
        var dropped = 0;
        if (method == AggregationMethod.TrimmedMean && counted.Count >= Math.Max(3, trimMinJudges))
        {
            // 去掉一个最高分和一个最低分.
            counted = counted.Skip(1).Take(counted.Count - 2).ToList();
            dropped = 2;
        }
        var mean = counted.Sum(x => (decimal)x) / counted.Count;
        return new AggregateResult((int)Math.Round(mean, 0, MidpointRounding.AwayFromZero), counted.Count, dropped);
    }
}
