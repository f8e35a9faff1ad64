using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Scoring;

namespace CompetitionHub.Web.Features.Rankings;

/// <summary>One submitted sheet as the ranking sees it: the effective total and the points per criterion, in hundredths.</summary>
public sealed record SheetInput(int EntryId, string JudgeUserId, int TotalHundredths, IReadOnlyDictionary<int, int> CriterionHundredths,
    DateTime SubmittedAt);

/// <summary>An entry's place in its group: equal ranks mean a tie that no tie-breaker resolved.</summary>
public sealed record RankedEntry(int EntryId, int Rank, int ScoreHundredths, int JudgeCount, bool Tied);

/// <summary>
/// Ranks entries from their judges' sheets with the round's method. Pure: the same sheets and rules always give the same
/// ranking, so a published result can be recomputed and checked by anyone holding the score sheets.
/// </summary>
public static class RankingCalculator
{
    public static IReadOnlyList<RankedEntry> Rank(Round round, IReadOnlyList<SheetInput> sheets)
    {
        var scored = sheets.GroupBy(s => s.EntryId)
            .Select(g => (EntryId: g.Key, Result: ScoreAggregator.Aggregate(g.Select(s => s.TotalHundredths).ToList(), round.Aggregation, round.TrimMinJudges)))
            .OrderByDescending(x => x.Result.ScoreHundredths).ThenBy(x => x.EntryId)
            .ToList();
        var ranked = new List<RankedEntry>(scored.Count);
        for (var i = 0; i < scored.Count; i++)
        {
            var score = scored[i].Result.ScoreHundredths;
            var rank = i > 0 && scored[i - 1].Result.ScoreHundredths == score ? ranked[i - 1].Rank : i + 1;
            var tied = (i > 0 && scored[i - 1].Result.ScoreHundredths == score)
                       || (i + 1 < scored.Count && scored[i + 1].Result.ScoreHundredths == score);
            ranked.Add(new RankedEntry(scored[i].EntryId, rank, score, scored[i].Result.Counted, tied));
        }
        return ranked;
    }
}
