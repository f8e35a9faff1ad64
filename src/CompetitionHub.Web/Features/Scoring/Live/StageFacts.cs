using System.Collections.Concurrent;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CompetitionHub.Web.Features.Scoring;

/// <summary>
/// What a live sheet is checked against that stays put while an entry is being scored: the round and its rubric, where
/// the entry stands, the session it is in, that session's panel and the judge rule (pool, recusals) for the panel and
/// the entry. A panel's sheets then need only what does change (the stage, the round's status, the sheets already
/// there) read per group, instead of a dozen queries.
/// </summary>
/// <remarks>
/// Kept right two ways. Any save on this instance that changes something other than the live path's own rows (a recusal,
/// a panel or rubric change, a judge removed, an entry moved...) drops every entry at once, through
/// <see cref="StageFactsInvalidation"/>: listing what to ignore rather than what to watch means a new kind of conflict
/// cannot be forgotten here. And each entry is good for one <see cref="StageState.Version"/> only: every organizer step
/// raises it, on any instance, so a change made through another instance is seen from the next step at the latest, and
/// the reveal counts no recused judge in any case (<see cref="Roadshow.Recusals"/>). The stage and the round's status are
/// never taken from here: closing scoring must refuse the very next sheet, wherever it was closed.
/// </remarks>
public sealed class StageFacts
{
    internal sealed record EntryFacts(long Generation, Round Round, int ContestId, int TrackId, int SessionId,
        IReadOnlySet<string> Panel, JudgeAccessMap Access)
    {
        /// <summary>The stage version these were checked against; -1 until the first stage read after loading.</summary>
        public long StageVersion { get; set; } = -1;
    }

    private readonly ConcurrentDictionary<(int Round, int Entry), EntryFacts> entries = new();
    private long generation;

    /// <summary>Rises whenever what is kept here is dropped: anything built from such facts is as old as its generation.</summary>
    public long Generation => Interlocked.Read(ref generation);

    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        entries.Clear();
    }

    /// <summary>
    /// The facts of each (round, entry), from memory or read now; null when any of them is not a roadshow entry in a
    /// session (then the caller checks the usual way and words the refusal).
    /// </summary>
    internal async Task<Dictionary<(int Round, int Entry), EntryFacts>?> GetAsync(AppDbContext db, JudgeAccess judges,
        IEnumerable<(int Round, int Entry)> keys, CancellationToken ct)
    {
        var found = new Dictionary<(int, int), EntryFacts>();
        foreach (var key in keys.Distinct())
        {
            // Read before loading: a save committed while loading raises it, and what was loaded is then not kept.
            var current = Interlocked.Read(ref generation);
            if (entries.TryGetValue(key, out var known) && known.Generation == current)
            {
                found[key] = known;
                continue;
            }
            if (await LoadAsync(db, judges, key.Round, key.Entry, current, ct) is not { } loaded) return null;
            if (Interlocked.Read(ref generation) == current) entries[key] = loaded;
            found[key] = loaded;
        }
        return found;
    }

    /// <summary>
    /// Reads an entry's facts as scoring opens on it, checked against the stage version that step stored, so the panel's
    /// first sheets (most of them arrive together, within a second of the step) are checked from memory instead of
    /// waiting for these reads.
    /// </summary>
    internal async Task WarmAsync(AppDbContext db, JudgeAccess judges, int roundId, int entryId, long stageVersion, CancellationToken ct)
    {
        var current = Interlocked.Read(ref generation);
        if (await LoadAsync(db, judges, roundId, entryId, current, ct) is not { } loaded) return;
        loaded.StageVersion = stageVersion;
        if (Interlocked.Read(ref generation) == current) entries[(roundId, entryId)] = loaded;
    }

    /// <summary>The round of an entry in a session, when that entry's facts are kept: a session belongs to one round.</summary>
    internal int? RoundOf(int sessionId, int entryId)
    {
        var current = Interlocked.Read(ref generation);
        foreach (var ((round, entry), known) in entries)
        {
            if (entry == entryId && known.SessionId == sessionId && known.Generation == current) return round;
        }
        return null;
    }

    /// <summary>Forgets one entry's facts, read for an older stage version than the one now on stage.</summary>
    internal void Forget((int Round, int Entry) key, EntryFacts stale) =>
        entries.TryRemove(new KeyValuePair<(int, int), EntryFacts>(key, stale));

    private static async Task<EntryFacts?> LoadAsync(AppDbContext db, JudgeAccess judges, int roundId, int entryId, long generation,
        CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().Include(r => r.Criteria).SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is not { Kind: RoundKind.Roadshow }) return null;
        var place = await db.Entries.AsNoTracking().Where(e => e.Id == entryId).Select(e => new { e.ContestId, e.TrackId }).SingleOrDefaultAsync(ct);
        if (place is null || place.ContestId != round.ContestId) return null;
        var sessionIds = await db.SessionSlots.AsNoTracking().Where(s => s.RoundId == roundId && s.EntryId == entryId)
            .Select(s => s.SessionId).ToListAsync(ct);
        if (sessionIds is not [var sessionId]) return null;
        var panel = (await db.SessionJudges.AsNoTracking().Where(j => j.SessionId == sessionId).Select(j => j.JudgeUserId).ToListAsync(ct))
            .ToHashSet();
        var access = await judges.MapAsync(round.ContestId, panel, [entryId], ct);
        return new EntryFacts(generation, round, round.ContestId, place.TrackId, sessionId, panel, access);
    }
}

/// <summary>
/// Drops <see cref="StageFacts"/> when a save that may change them starts, and again once it has committed (inside an
/// explicit transaction, at its commit), so a group checked in between does not keep what it read before the change.
/// </summary>
internal sealed class StageFactsInvalidation(StageFacts facts) : AfterCommitInterceptor
{
    /// <summary>The live path's own rows: a panel storing its sheets must not empty the cache it is checked against.</summary>
    private static readonly HashSet<Type> LiveRows = [typeof(ScoreSheet), typeof(StageState), typeof(PublicVote), typeof(AuditEntry), typeof(RankingStamp)];

    protected override bool Concerns(DbContext context) =>
        context.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && !LiveRows.Contains(e.Metadata.ClrType));

    protected override void Started() => facts.Invalidate();

    protected override void Committed() => facts.Invalidate();

    protected override void Abandoned() => facts.Invalidate();
}
