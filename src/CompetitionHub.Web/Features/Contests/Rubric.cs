using System.Numerics;

namespace CompetitionHub.Web.Features.Contests;

/// <summary>
/// The rubric model, the one place a sheet's total is defined. A round has a shared rubric (lines with no track) and a
/// track may have its own lines instead; an entry is scored on its track's lines when it has any, else on the shared ones.
/// <para>
/// A rubric is either unweighted (no line has a weight): total = Σ points; or weighted (every line has a weight, the
/// weights add up to exactly 100): total = Σ points_i ÷ max_i × weight_i, on a 100-point scale, rounded once per sheet to
/// hundredths, half up (as a paper sheet's total is written to 2 decimals). Full marks are then 100.
/// </para>
/// </summary>
public static class Rubric
{
    /// <summary>The round's full marks on its shared rubric (a track's own lines aside): what scores and public jury points scale to.</summary>
    public static int FullMarksHundredths(Round round) => FullMarksHundredths(ForTrack(round.Criteria, null));

    /// <summary>The full marks of a weighted rubric, in hundredths.</summary>
    public const int WeightedFullMarksHundredths = 10_000;

    /// <summary>The steps a line can be scored in, in hundredths: 0.1, 0.5 and 1 point.</summary>
    public static readonly IReadOnlyList<int> Steps = [10, 50, 100];

    /// <summary>The lines an entry of <paramref name="trackId"/> is scored on, in order.</summary>
    public static IReadOnlyList<RubricCriterion> ForTrack(IEnumerable<RubricCriterion> roundCriteria, int? trackId)
    {
        var all = roundCriteria as IReadOnlyCollection<RubricCriterion> ?? [.. roundCriteria];
        var own = trackId is null ? [] : all.Where(c => c.TrackId == trackId).OrderBy(c => c.Sequence).ToList();
        return own.Count > 0 ? own : [.. all.Where(c => c.TrackId is null).OrderBy(c => c.Sequence)];
    }

    /// <summary>The tracks that have lines of their own (null stands for the shared rubric), shared rubric first.</summary>
    public static IEnumerable<IGrouping<int?, RubricCriterion>> Groups(IEnumerable<RubricCriterion> roundCriteria) =>
        roundCriteria.OrderBy(c => c.Sequence).GroupBy(c => c.TrackId).OrderBy(g => g.Key is null ? 0 : 1).ThenBy(g => g.Key);

    /// <summary>The lines of the rubric a sheet with these criterion ids was scored on (a sheet never mixes rubrics).</summary>
    public static IReadOnlyList<RubricCriterion> OfSheet(IEnumerable<RubricCriterion> roundCriteria, IEnumerable<int> criterionIds)
    {
        var all = roundCriteria.ToList();
        var first = criterionIds.Select(id => all.FirstOrDefault(c => c.Id == id)).FirstOrDefault(c => c is not null);
        return first is null ? ForTrack(all, null) : ForTrack(all, first.TrackId);
    }

    public static bool IsWeighted(IReadOnlyCollection<RubricCriterion> rubric) =>
        rubric.Count > 0 && rubric.All(c => c.WeightPercent is not null);

    public static int FullMarksHundredths(IReadOnlyCollection<RubricCriterion> rubric) =>
        IsWeighted(rubric) ? WeightedFullMarksHundredths : rubric.Sum(c => c.MaxPointsHundredths);

    /// <summary>
    /// A sheet's total in hundredths from its points per criterion id (hundredths). Weighted: the exact sum of
    /// points_i × weight_i × 100 ÷ maxHundredths_i as a fraction, then rounded half up to a whole hundredth, so no partial
    /// rounding ever moves a total. A line with no points counts 0.
    /// </summary>
    public static int TotalHundredths(IReadOnlyCollection<RubricCriterion> rubric, IReadOnlyDictionary<int, int> pointsHundredths)
    {
        if (!IsWeighted(rubric)) return rubric.Sum(c => pointsHundredths.GetValueOrDefault(c.Id));
        BigInteger numerator = 0, denominator = 1;
        foreach (var c in rubric)
        {
            var max = new BigInteger(c.MaxPointsHundredths);
            numerator = numerator * max + new BigInteger(pointsHundredths.GetValueOrDefault(c.Id)) * c.WeightPercent!.Value * 100 * denominator;
            denominator *= max;
            var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
            if (gcd > 1) (numerator, denominator) = (numerator / gcd, denominator / gcd);
        }
        // Half up for the non-negative totals a sheet has: floor((2n + d) / 2d).
        return (int)BigInteger.Divide(2 * numerator + denominator, 2 * denominator);
    }

    /// <summary>
    /// The line a Criterion tie-breaker reads on a sheet: the breaker names a line of the shared rubric; a track with its
    /// own rubric uses its line in the same position (the 2nd shared line ↔ the track's 2nd line); null when that rubric
    /// has fewer lines, and then the breaker separates nobody there.
    /// </summary>
    public static int? BreakerLine(IEnumerable<RubricCriterion> roundCriteria, int sharedCriterionId, IReadOnlyCollection<int> sheetCriterionIds)
    {
        if (sheetCriterionIds.Contains(sharedCriterionId)) return sharedCriterionId;
        var all = roundCriteria.ToList();
        var position = ForTrack(all, null).Select(c => c.Id).ToList().IndexOf(sharedCriterionId);
        if (position < 0) return null;
        var own = OfSheet(all, sheetCriterionIds);
        return position < own.Count ? own[position].Id : null;
    }
}
