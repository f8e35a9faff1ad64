namespace CompetitionHub.Web.Features.Advancement;

/// <summary>
/// An entry in ranking order as the cut line sees it; a null rank is an entry nobody scored (always below).
/// <paramref name="BelowMinimum"/>: its score is under the round's minimum (<see cref="Contests.Round.MinScoreHundredths"/>),
/// so it takes no seat whatever its rank.
/// </summary>
public sealed record Placed(int EntryId, int? Rank, bool BelowMinimum = false);

/// <summary>
/// Where a quota cuts a ranking. <see cref="TiedAtLine"/> holds the entries of equal rank that straddle the quota: only
/// <see cref="SeatsInTie"/> of them fit, and nothing decides which but the organizer.
/// </summary>
public sealed record CutLine(IReadOnlyList<int> Above, IReadOnlyList<int> TiedAtLine, int SeatsInTie, IReadOnlyList<int> Below)
{
    public bool HasTie => TiedAtLine.Count > 0;

    /// <summary>
    /// Pure: the same ranking and quota always cut at the same place. Entries are given best first. Entries below the
    /// minimum score go below the line and their seats stay empty: the entries after them score lower still.
    /// </summary>
    public static CutLine Compute(IReadOnlyList<Placed> ranking, int quota)
    {
        List<int> above = [], tied = [], below = [];
        var seats = 0;
        // Runs of equal rank in rank order (a stable sort keeps each run in the given order): a large round holds
        // thousands of entries and few ties. The board hands them in rank order already, so the sort is skipped then.
        var ranked = ranking.Where(p => p.Rank is not null && !p.BelowMinimum).ToList();
        if (!InRankOrder(ranked)) ranked = [.. ranked.OrderBy(p => p.Rank!.Value)];
        var position = 0;
        for (var start = 0; start < ranked.Count;)
        {
            var end = start + 1;
            while (end < ranked.Count && ranked[end].Rank == ranked[start].Rank) end++;
            var count = end - start;
            var into = position + count <= quota ? above : position < quota ? tied : below;
            if (into == tied) seats = quota - position;
            for (var i = start; i < end; i++) into.Add(ranked[i].EntryId);
            position += count;
            start = end;
        }
        below.AddRange(ranking.Where(p => p.Rank is null || p.BelowMinimum).Select(p => p.EntryId));
        return new CutLine(above, tied, seats, below);
    }

    private static bool InRankOrder(List<Placed> ranked)
    {
        for (var i = 1; i < ranked.Count; i++)
            if (ranked[i].Rank < ranked[i - 1].Rank) return false;
        return true;
    }

    /// <summary>
    /// The entries that advance, given the organizer's picks among the tied ones; null when the picks do not settle the
    /// tie (wrong number, or an entry that is not in it).
    /// </summary>
    public IReadOnlyList<int>? Advancing(IReadOnlyCollection<int> picked)
    {
        if (!HasTie) return Above;
        var picks = picked.Distinct().ToList();
        if (picks.Count != SeatsInTie || picks.Any(id => !TiedAtLine.Contains(id))) return null;
        return [.. Above, .. TiedAtLine.Where(picks.Contains)];
    }
}

/// <summary>
/// Which eliminated entry takes a seat left by a withdrawal: the best-ranked one, in score order. Entries of equal rank
/// at the top of the waiting list are a tie the organizer must settle.
/// </summary>
public static class Backfill
{
    /// <param name="waiting">Eliminated entries of the group with their rank in the round (null: not scored); those below
    /// the minimum score are never next in line.</param>
    public static IReadOnlyList<int> NextInLine(IReadOnlyList<Placed> waiting)
    {
        var eligible = waiting.Where(p => p.Rank is not null && !p.BelowMinimum).ToList();
        var best = eligible.Select(p => p.Rank!.Value).DefaultIfEmpty(int.MaxValue).Min();
        return best == int.MaxValue ? [] : [.. eligible.Where(p => p.Rank == best).Select(p => p.EntryId).Order()];
    }
}
