using Microsoft.Extensions.Caching.Memory;

namespace CompetitionHub.Web.Features.Rankings;

/// <summary>
/// The last ranking each round was computed to on this instance, with the contest's <see cref="Contests.RankingStamp"/>
/// read before computing it: it is used only while the database still holds that stamp, which every change to the
/// ranking's inputs replaces in its own transaction, on whichever instance it was made.
/// </summary>
/// <remarks>
/// One entry per round and kind (per group, per whole track, or of some entries only: the big screen's revealed ones,
/// held with the entries it ranks), holding its stamp, so a stale ranking is replaced rather than kept beside the new one.
/// Bounded by the sheets and ranked entries held (a round of 10,000 entries and 5 judges counts about 70,000 with its
/// entries), and dropped after a while unused. The results are shared by every request: nobody may change
/// one (the lists are read-only, the round is a detached copy that no caller writes to).
/// </remarks>
public sealed class RankingCache : IDisposable
{
    public const long SizeLimit = 400_000;
    private static readonly TimeSpan Unused = TimeSpan.FromMinutes(20);

    private readonly MemoryCache entries = new(new MemoryCacheOptions { SizeLimit = SizeLimit });

    /// <param name="Only">The entries a ranking of some entries only was computed for, in ascending order; null for the whole round.</param>
    private sealed record Kept(Guid Stamp, int[]? Only, RoundRankingResult Result);

    /// <param name="only">For a ranking of some entries only: their ids, distinct and in ascending order.</param>
    public RoundRankingResult? Get(int roundId, bool perTrack, Guid stamp, int[]? only = null) =>
        entries.TryGetValue((roundId, perTrack, only is not null), out Kept? kept) && kept!.Stamp == stamp
            && (only is null || kept.Only.AsSpan().SequenceEqual(only)) ? kept.Result : null;

    public void Set(int roundId, bool perTrack, Guid stamp, RoundRankingResult result, int[]? only = null)
    {
        var size = 1 + result.Sheets.Count + result.EarlierRounds.Sum(e => e.Sheets.Count) + result.Groups.Sum(g => g.Entries.Count + g.Unranked.Count)
            + result.ContestEntries.Count;
        entries.Set((roundId, perTrack, only is not null), new Kept(stamp, only, result), new MemoryCacheEntryOptions { Size = size, SlidingExpiration = Unused });
    }

    public void Dispose() => entries.Dispose();
}
