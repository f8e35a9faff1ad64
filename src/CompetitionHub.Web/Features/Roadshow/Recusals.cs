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

    /// <summary>The conflicts behind each recusal of the session (a pair may have more than one reason).</summary>
    public async Task<IReadOnlyList<ConflictPair>> DetailsAsync(int sessionId, CancellationToken ct)
    {
        var session = await db.RoadshowSessions.AsNoTracking().Include(s => s.Panel).Include(s => s.Slots)
            .AsSplitQuery().SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null || session.Panel.Count == 0 || session.Slots.Count == 0) return [];
        var contestId = await db.Rounds.Where(r => r.Id == session.RoundId).Select(r => r.ContestId).SingleAsync(ct);
        var judges = session.Panel.Select(j => j.JudgeUserId).ToHashSet();
        var entries = session.Slots.Select(s => s.EntryId).ToHashSet();
        return (await conflicts.ActiveAsync(contestId, ct))
            .Where(p => judges.Contains(p.JudgeUserId) && entries.Contains(p.EntryId)).ToList();
    }
}
