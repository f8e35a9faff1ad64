namespace CompetitionHub.Web.Features.Awards;

public sealed record GradeCounts(int First, int Second, int Third, int Excellence)
{
    public int Of(PrizeGrade grade) => grade switch
    {
        PrizeGrade.First => First,
        PrizeGrade.Second => Second,
        PrizeGrade.Third => Third,
        _ => Excellence,
    };
}

/// <summary>An entry of the final ranking, best first; a null rank is an entry nobody scored.</summary>
public sealed record RankedForAward(int EntryId, int? Rank);

/// <summary>Entries of equal rank that the grades split: the upper grade for some, a lower one (or none) for the others.</summary>
public sealed record SplitTie(int Rank, PrizeGrade Upper, PrizeGrade? Lower, IReadOnlyList<int> EntryIds);

/// <summary>
/// Proposes prize grades from the final ranking and the track's counts: the first <c>First</c> places get 一等奖, the next
/// <c>Second</c> 二等奖, and so on, by position. Where a grade boundary falls inside a tie the proposal says so instead of
/// choosing silently; the organizer decides.
/// </summary>
public static class GradeProposal
{
    public static IReadOnlyDictionary<int, PrizeGrade?> Propose(IReadOnlyList<RankedForAward> ranking, GradeCounts counts)
    {
        var grades = new Dictionary<int, PrizeGrade?>();
        var position = 0;
        foreach (var entry in ranking.Where(r => r.Rank is not null).OrderBy(r => r.Rank))
            grades[entry.EntryId] = GradeAt(position++, counts);
        foreach (var entry in ranking.Where(r => r.Rank is null))
            grades[entry.EntryId] = null;
        return grades;
    }

    /// <summary>The ties that <paramref name="grades"/> split across a grade boundary, for the proposal and the organizer's choice alike.</summary>
    public static IReadOnlyList<SplitTie> SplitTies(IReadOnlyList<RankedForAward> ranking, IReadOnlyDictionary<int, PrizeGrade?> grades)
    {
        var splits = new List<SplitTie>();
        // Runs of equal rank in rank order (a stable sort keeps each run in the ranking's order): a final of thousands of
        // entries has few ties, and only a tie can be split.
        var ranked = ranking.Where(r => r.Rank is not null).OrderBy(r => r.Rank!.Value).ToList();
        for (var start = 0; start < ranked.Count;)
        {
            var end = start + 1;
            while (end < ranked.Count && ranked[end].Rank == ranked[start].Rank) end++;
            if (end - start > 1)
            {
                var tie = ranked[start..end];
                var given = tie.Select(r => grades.GetValueOrDefault(r.EntryId)).Distinct().ToList();
                if (given.Count >= 2)
                {
                    var ordered = given.OrderBy(g => g is null ? int.MaxValue : (int)g).ToList();
                    splits.Add(new SplitTie(ranked[start].Rank!.Value, ordered[0]!.Value, ordered[^1], [.. tie.Select(r => r.EntryId)]));
                }
            }
            start = end;
        }
        return splits;
    }

    private static readonly PrizeGrade[] Grades = Enum.GetValues<PrizeGrade>();

    private static PrizeGrade? GradeAt(int position, GradeCounts counts)
    {
        var end = 0;
        foreach (var grade in Grades)
        {
            end += counts.Of(grade);
            if (position < end) return grade;
        }
        return null;
    }
}
