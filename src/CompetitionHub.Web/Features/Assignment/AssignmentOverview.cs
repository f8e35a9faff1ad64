using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Assignment;

/// <summary>
/// What the assignment page shows of the stored state: counts and per-judge loads worked out by the database (and kept
/// while the pairs are unchanged), the one page of entries listed with their pairs, and the few rows that need the
/// organizer's attention (revoked pairs, conflicted pins, removals). A round of 10,000 entries × 5 judges is 50,000
/// stored pairs; the page reads ~250 of them.
/// </summary>
public sealed record AssignmentOverview(
    Round Round,
    Contest Contest,
    IReadOnlyList<PoolJudge> Judges,
    int EntryCount,
    int StoredCount,
    int PinnedCount,
    IReadOnlyDictionary<string, int> StoredLoads,
    IReadOnlyList<BlockedPair> Blocks,
    IReadOnlyList<(StoredPair Pair, bool Removed)> Revoked,
    int RevokedCount,
    IReadOnlyList<StoredPair> ConflictedPins,
    IReadOnlyDictionary<int, string> Titles,
    Paged<RoundEntry> Committed,
    ILookup<int, StoredPair> StoredOnPage)
{
    /// <summary>Revoked pairs named one by one; a judge who leaves a large round can leave thousands behind.</summary>
    public const int RevokedShown = 20;

    /// <summary>
    /// The overview of a round already read whole (a preview, or a commit sent back): the same figures and the same first
    /// page of the unfiltered list, worked out from <paramref name="state"/> instead of reading the round a second time.
    /// </summary>
    public static AssignmentOverview From(AssignmentState state, int page)
    {
        var committed = state.Entries.ToPage(page, AssignmentListQuery.PageSize);
        var pageIds = committed.Rows.Select(e => e.Id).ToHashSet();
        var loads = state.Stored.CountBy(s => s.JudgeUserId).ToDictionary();
        var revoked = state.Revoked;
        var shownRevoked = revoked.Take(RevokedShown).ToList();
        var conflictedPins = state.ConflictedPins;
        var named = state.Blocks.Select(b => b.EntryId).Concat(shownRevoked.Select(r => r.Pair.EntryId))
            .Concat(conflictedPins.Select(p => p.EntryId)).ToHashSet();
        var titles = state.Entries.Where(e => named.Contains(e.Id)).ToDictionary(e => e.Id, e => e.Title);
        return new AssignmentOverview(state.Round, state.Contest, state.Judges, state.Entries.Count, state.Stored.Count,
            state.Stored.Count(s => s.Source == AssignmentSource.Pinned), loads, state.Blocks, shownRevoked, revoked.Count,
            conflictedPins, titles, committed, state.Stored.Where(s => pageIds.Contains(s.EntryId)).ToLookup(s => s.EntryId));
    }
}

/// <summary>Reads an <see cref="AssignmentOverview"/> for one page of the committed list.</summary>
public sealed class LoadAssignmentOverview(AppDbContext db, ConflictMap conflicts, RoundLoads roundLoads)
{
    public async Task<AssignmentOverview?> HandleAsync(int roundId, AssignmentListQuery list, CancellationToken ct)
    {
        // The stamp (AssignmentStamp.ReadAsync's read) is taken in the round's own query, before any pair (RoundLoads).
        var read = await (from r in db.Rounds.AsNoTracking().Where(r => r.Id == roundId)
                          join c in db.Contests.AsNoTracking() on r.ContestId equals c.Id
                          select new
                          {
                              Round = r, Contest = c,
                              Stamp = db.AssignmentStamps.Where(s => s.RoundId == r.Id).Select(s => (Guid?)s.Stamp).FirstOrDefault(),
                          }).SingleOrDefaultAsync(ct);
        if (read is null) return null;
        var (round, contest) = (read.Round, read.Contest);
        var judges = await LoadAssignmentState.PoolAsync(db, contest.Id, ct);

        var entries = db.Entries.AsNoTracking()
            .Where(e => e.ContestId == contest.Id && AssignmentState.AssignableStatuses.Contains(e.Status));
        var listed = Filtered(entries, list.Q);
        var committed = await listed.OrderBy(e => e.Id)
            .Select(e => new RoundEntry(e.Id, e.Title, e.Industry)).ToPageAsync(list.Page, AssignmentListQuery.PageSize, ct);
        // Unfiltered, the list's own count is the round's.
        var entryCount = listed == entries ? committed.Total : await entries.CountAsync(ct);
        var blocks = await db.AssignmentBlocks.AsNoTracking().Where(b => b.RoundId == roundId)
            .Select(b => new BlockedPair(b.JudgeUserId, b.EntryId, b.CreatedAt)).ToListAsync(ct);
        var conflictSet = await conflicts.ActivePairsAsync(contest.Id, ct);
        return await WithPairsAsync(round, contest, read.Stamp, judges, entryCount, committed, blocks, conflictSet,
            named => entries.Where(e => named.Contains(e.Id)).Select(e => new { e.Id, e.Title }).ToDictionaryAsync(e => e.Id, e => e.Title, ct),
            ct);
    }

    /// <summary>
    /// The overview under a preview (the first page of the whole list), from the round as the preview read it with its
    /// pins only, instead of reading the pool, the entries, the removals and the conflicts a second time. Only what that
    /// read leaves out is read: the page's pairs, the loads kept under its stamp, and the pairs that may be revoked.
    /// </summary>
    public Task<AssignmentOverview> UnderPreviewAsync(AssignmentState pinsOnly, CancellationToken ct)
    {
        var s = pinsOnly;
        return WithPairsAsync(s.Round, s.Contest, s.Stamp, s.Judges, s.Entries.Count, s.Entries.ToPage(1, AssignmentListQuery.PageSize),
            s.Blocks, s.Conflicts, named =>
            {
                var wanted = named.ToHashSet();
                return Task.FromResult(s.Entries.Where(e => wanted.Contains(e.Id)).ToDictionary(e => e.Id, e => e.Title));
            }, ct);
    }

    /// <param name="stamp">The round's stamp, read before any of its pairs: the loads are counted (or found) under it.</param>
    private async Task<AssignmentOverview> WithPairsAsync(Round round, Contest contest, Guid? stamp, IReadOnlyList<PoolJudge> judges,
        int entryCount, Paged<RoundEntry> committed, IReadOnlyList<BlockedPair> blocks, IReadOnlySet<(string Judge, int Entry)> conflictSet,
        Func<List<int>, Task<Dictionary<int, string>>> titlesOf, CancellationToken ct)
    {
        var pageIds = committed.Rows.Select(e => e.Id).ToList();
        var stored = db.ReviewAssignments.AsNoTracking().Where(a => a.RoundId == round.Id);
        var onPage = await stored.Where(a => pageIds.Contains(a.EntryId)).OrderBy(a => a.Id)
            .Select(a => new StoredPair(a.JudgeUserId, a.EntryId, a.Source, a.NotifiedAt)).ToListAsync(ct);
        var (loads, pinnedCount) = await roundLoads.CountAsync(round.Id, stamp, ct);

        // Only pairs whose judge left the pool or that touch an entry with a conflict can be revoked or a conflicted pin;
        // the loads name the judges gone, so both are looked up by index rather than by a scan of the round.
        var pool = judges.Select(j => j.UserId).ToHashSet();
        var gone = loads.Keys.Where(j => !pool.Contains(j)).ToList();
        var conflictEntries = conflictSet.Select(c => c.Entry).Distinct().ToList();
        var ofGone = gone.Count == 0 ? [] : await Pairs(stored.Where(a => gone.Contains(a.JudgeUserId)), ct);
        var onConflicts = conflictEntries.Count == 0 ? [] : await Pairs(stored.Where(a => conflictEntries.Contains(a.EntryId)), ct);
        var suspects = ofGone.Concat(onConflicts).DistinctBy(p => p.Id).OrderBy(p => p.Id).Select(p => p.Pair).ToList();
        var revoked = suspects.Where(s => !pool.Contains(s.JudgeUserId) || conflictSet.Contains((s.JudgeUserId, s.EntryId)))
            .Select(s => (s, !pool.Contains(s.JudgeUserId))).ToList();
        var conflictedPins = suspects
            .Where(s => s.Source == AssignmentSource.Pinned && conflictSet.Contains((s.JudgeUserId, s.EntryId))).ToList();
        var shownRevoked = revoked.Take(AssignmentOverview.RevokedShown).ToList();

        var named = blocks.Select(b => b.EntryId).Concat(shownRevoked.Select(r => r.s.EntryId))
            .Concat(conflictedPins.Select(p => p.EntryId)).Distinct().ToList();
        var titles = await titlesOf(named);

        return new AssignmentOverview(round, contest, judges, entryCount, loads.Values.Sum(), pinnedCount, loads, blocks,
            shownRevoked, revoked.Count, conflictedPins, titles, committed, onPage.ToLookup(p => p.EntryId));
    }

    private static Task<List<(int Id, StoredPair Pair)>> Pairs(IQueryable<ReviewAssignment> pairs, CancellationToken ct) =>
        pairs.Select(a => new ValueTuple<int, StoredPair>(a.Id, new StoredPair(a.JudgeUserId, a.EntryId, a.Source, a.NotifiedAt)))
            .ToListAsync(ct);

    /// <summary>
    /// An entry number or a part of the title, any case. "#54" is entry 54 alone, as on the conflicts page: a title
    /// holding "#54" is rare, one holding "054" is not.
    /// </summary>
    private static IQueryable<Entry> Filtered(IQueryable<Entry> entries, string? query)
    {
        var q = query?.Trim();
        if (string.IsNullOrEmpty(q)) return entries;
        var number = int.TryParse(q.TrimStart('#'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n : (int?)null;
        var lower = q.ToLowerInvariant();
        return entries.Where(e => e.Id == number || e.Title.ToLower().Contains(lower));
    }
}
