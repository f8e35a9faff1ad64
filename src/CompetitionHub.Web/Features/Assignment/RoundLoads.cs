using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Judging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CompetitionHub.Web.Features.Assignment;

/// <summary>A round's stored pairs counted: each judge's load, and the pins among them.</summary>
public sealed record StoredCounts(IReadOnlyDictionary<string, int> Loads, int Pinned);

/// <summary>
/// Counts already made, under the round's <see cref="AssignmentStamp"/>: they depend on the stored pairs alone, and any save
/// that changes those replaces the stamp, so counts found under the stamp read now are the ones a new count would give.
/// </summary>
public sealed class KeptCounts : IDisposable
{
    /// <summary>Judges' loads held at most, all rounds together.</summary>
    public const long LoadLimit = 100_000;

    private static readonly TimeSpan Unused = TimeSpan.FromMinutes(20);

    private readonly MemoryCache counts = new(new MemoryCacheOptions { SizeLimit = LoadLimit });

    public StoredCounts? Find(int roundId, Guid? stamp) =>
        counts.TryGetValue((roundId, stamp), out StoredCounts? kept) ? kept : null;

    public void Keep(int roundId, Guid? stamp, StoredCounts kept) =>
        counts.Set((roundId, stamp), kept, new MemoryCacheEntryOptions { Size = kept.Loads.Count + 1, SlidingExpiration = Unused });

    public void Dispose() => counts.Dispose();
}

/// <summary>
/// Counts a round's stored pairs by judge, or finds them counted under the round's stamp. The stamp must be read before
/// the pairs are: a change saved in between leaves the counts newer than the stamp they are kept under, never older, and
/// the stamp it replaced is never read again.
/// </summary>
public sealed class RoundLoads(AppDbContext db, KeptCounts kept) : IRoundLoads
{
    /// <summary>The round's counts, its stamp read first.</summary>
    public async Task<StoredCounts> CountAsync(int roundId, CancellationToken ct) =>
        await CountAsync(roundId, await AssignmentStamp.ReadAsync(db, roundId, ct), ct);

    public async Task<StoredCounts> CountAsync(int roundId, Guid? stampReadBefore, CancellationToken ct)
    {
        if (kept.Find(roundId, stampReadBefore) is { } found) return found;
        var stored = db.ReviewAssignments.AsNoTracking().Where(a => a.RoundId == roundId);
        // The loads are counted from the (round, judge) index alone and the pins looked up by the (round, source) one:
        // counting both in one pass would read every pair of the round from the table for its source.
        var loads = await stored.GroupBy(a => a.JudgeUserId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var pinned = await stored.CountAsync(a => a.Source == AssignmentSource.Pinned, ct);
        var counts = new StoredCounts(loads, pinned);
        kept.Keep(roundId, stampReadBefore, counts);
        return counts;
    }

    public async Task<IReadOnlyDictionary<int, IReadOnlyDictionary<string, int>>> ByJudgeAsync(IReadOnlyCollection<int> roundIds,
        CancellationToken ct)
    {
        if (roundIds.Count == 0) return new Dictionary<int, IReadOnlyDictionary<string, int>>();
        var stamps = await db.AssignmentStamps.AsNoTracking().Where(s => roundIds.Contains(s.RoundId))
            .ToDictionaryAsync(s => s.RoundId, s => s.Stamp, ct);
        var loads = new Dictionary<int, IReadOnlyDictionary<string, int>>();
        foreach (var roundId in roundIds.Distinct())
            loads[roundId] = (await CountAsync(roundId, stamps.TryGetValue(roundId, out var stamp) ? stamp : null, ct)).Loads;
        return loads;
    }
}
