using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Judging;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Roadshow;

/// <summary>
/// Which panel judges sit out which entries of a session (回避): a judge with an active conflict on an entry is recused
/// for that entry only, and still judges the rest. Scoring leaves those (judge, entry) scores out.
/// </summary>
public sealed class Recusals(AppDbContext db, ConflictMap conflicts)
{
    /// <summary>The (judge user id, entry id) pairs of the session whose scores must not count.</summary>
    public async Task<IReadOnlySet<(string Judge, int Entry)>> ForSessionAsync(int sessionId, CancellationToken ct) =>
        (await DetailsAsync(sessionId, ct)).Select(p => (p.JudgeUserId, p.EntryId)).ToHashSet();

    /// <summary>The same for a session already read with its panel and slots, in the contest it belongs to.</summary>
    public async Task<IReadOnlySet<(string Judge, int Entry)>> ForSessionAsync(RoadshowSession session, int contestId, CancellationToken ct) =>
        (await DetailsAsync(session, contestId, ct)).Select(p => (p.JudgeUserId, p.EntryId)).ToHashSet();

    /// <summary>The conflicts behind each recusal of the session (a pair may have more than one reason).</summary>
    public async Task<IReadOnlyList<ConflictPair>> DetailsAsync(int sessionId, CancellationToken ct)
    {
        var session = await db.RoadshowSessions.AsNoTracking().Include(s => s.Panel).Include(s => s.Slots)
            .AsSplitQuery().SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null) return [];
        var contestId = await db.Rounds.Where(r => r.Id == session.RoundId).Select(r => r.ContestId).SingleAsync(ct);
        return await DetailsAsync(session, contestId, ct);
    }

    /// <remarks>
    /// Only the conflicts between the panel and the session's entries are worked out, not the contest's whole map: every
    /// build of the live stage asks, and a contest's map grows with its entries and its pool.
    /// </remarks>
    private async Task<IReadOnlyList<ConflictPair>> DetailsAsync(RoadshowSession session, int contestId, CancellationToken ct)
    {
        if (session.Panel.Count == 0 || session.Slots.Count == 0) return [];
        return await conflicts.ActiveBetweenAsync(contestId, [.. session.Panel.Select(j => j.JudgeUserId).Distinct()],
            [.. session.Slots.Select(s => s.EntryId).Distinct()], ct);
    }
}
