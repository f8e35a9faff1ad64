using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Judging;

/// <summary>Why a judge may not see or score an entry of a contest; <see cref="None"/> when they may.</summary>
public enum JudgeBar { None, NotInPool, Conflicted, NotAssigned }

/// <summary>The bars of some judges on some entries of one contest, read once.</summary>
public sealed class JudgeAccessMap(IReadOnlySet<string> pool, IReadOnlySet<(string Judge, int Entry)> assigned,
    IReadOnlySet<(string Judge, int Entry)> conflicts)
{
    public JudgeBar Bar(string judgeUserId, int entryId) =>
        !pool.Contains(judgeUserId) ? JudgeBar.NotInPool
        : conflicts.Contains((judgeUserId, entryId)) ? JudgeBar.Conflicted
        : !assigned.Contains((judgeUserId, entryId)) ? JudgeBar.NotAssigned
        : JudgeBar.None;

    public bool Allows(string judgeUserId, int entryId) => Bar(judgeUserId, entryId) == JudgeBar.None;

    public bool InPool(string judgeUserId) => pool.Contains(judgeUserId);
}

/// <summary>
/// The one rule for what a judge may see, download and score of an entry: an accepted judge of the contest's pool (not
/// removed), assigned to the entry in an online round or on the panel of a roadshow session that has it, and without an
/// active conflict with it. Materials, the score page, scoring (form and stage hub) and the judge dashboard all ask here,
/// so removing a judge or recording a conflict ends access everywhere on the next request.
/// </summary>
public sealed class JudgeAccess(AppDbContext db, ConflictMap conflicts, Outbox outbox)
{
    public const string RevokedTemplate = "judge-access-revoked";

    public async Task<JudgeAccessMap> MapAsync(int contestId, IReadOnlyCollection<string> judgeIds, IReadOnlyCollection<int> entryIds,
        CancellationToken ct)
    {
        var pool = (await db.ContestJudges.AsNoTracking()
                .Where(j => j.ContestId == contestId && j.Status == JudgeStatus.Accepted && j.UserId != null && judgeIds.Contains(j.UserId))
                .Select(j => j.UserId!).ToListAsync(ct)).ToHashSet();
        var rounds = db.Rounds.Where(r => r.ContestId == contestId).Select(r => r.Id);
        var reviews = await db.ReviewAssignments.AsNoTracking()
            .Where(a => rounds.Contains(a.RoundId) && entryIds.Contains(a.EntryId) && judgeIds.Contains(a.JudgeUserId))
            .Select(a => new { Judge = a.JudgeUserId, Entry = a.EntryId }).ToListAsync(ct);
        var panels = await (from s in db.SessionSlots.AsNoTracking()
                            join j in db.SessionJudges on s.SessionId equals j.SessionId
                            where rounds.Contains(s.RoundId) && entryIds.Contains(s.EntryId) && judgeIds.Contains(j.JudgeUserId)
                            select new { Judge = j.JudgeUserId, Entry = s.EntryId }).ToListAsync(ct);
        var assigned = reviews.Concat(panels).Select(x => (x.Judge, x.Entry)).ToHashSet();
        return new JudgeAccessMap(pool, assigned, await conflicts.ActivePairsAsync(contestId, judgeIds, entryIds, ct));
    }

    public async Task<bool> InPoolAsync(string judgeUserId, int contestId, CancellationToken ct) =>
        (await MapAsync(contestId, [judgeUserId], [], ct)).InPool(judgeUserId);

    public async Task<JudgeBar> BarAsync(string judgeUserId, int contestId, int entryId, CancellationToken ct) =>
        (await MapAsync(contestId, [judgeUserId], [entryId], ct)).Bar(judgeUserId, entryId);

    /// <summary>
    /// The judge's assignments and panel seats in the contest that the rule now bars, by entry: what the organizer must
    /// reassign and the judge is told about.
    /// </summary>
    public async Task<IReadOnlyList<int>> RevokedEntriesAsync(int contestId, string judgeUserId, CancellationToken ct)
    {
        var rounds = db.Rounds.Where(r => r.ContestId == contestId).Select(r => r.Id);
        var entryIds = await db.ReviewAssignments.Where(a => rounds.Contains(a.RoundId) && a.JudgeUserId == judgeUserId).Select(a => a.EntryId)
            .Concat(from s in db.SessionSlots
                    join j in db.SessionJudges on s.SessionId equals j.SessionId
                    where rounds.Contains(s.RoundId) && j.JudgeUserId == judgeUserId
                    select s.EntryId)
            .Distinct().ToListAsync(ct);
        if (entryIds.Count == 0) return [];
        var map = await MapAsync(contestId, [judgeUserId], entryIds, ct);
        return entryIds.Where(e => !map.Allows(judgeUserId, e)).Order().ToList();
    }

    /// <summary>
    /// Queues the email that tells a judge their access to some entries ended (removed from the pool, or a conflict), when
    /// they have any; the entries are counted, not named. Added to the caller's unit of work, saved with it.
    /// </summary>
    public async Task QueueRevokedNoticeAsync(int contestId, string judgeUserId, bool removed, int entries, string siteBase, CancellationToken ct)
    {
        if (entries == 0) return;
        var user = await db.Users.AsNoTracking().Where(u => u.Id == judgeUserId)
            .Select(u => new { u.Email, u.DisplayName, u.PreferredCulture }).SingleOrDefaultAsync(ct);
        var contest = await db.Contests.AsNoTracking().Where(c => c.Id == contestId).Select(c => new { c.Name, c.NameEn }).SingleOrDefaultAsync(ct);
        if (user?.Email is not { Length: > 0 } email || contest is null) return;
        var culture = user.PreferredCulture;
        outbox.Queue(email, user.DisplayName, RevokedTemplate, culture, new
        {
            displayName = user.DisplayName,
            contestName = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? contest.NameEn : contest.Name,
            removed,
            entries,
            link = siteBase + "/judging",
        });
    }
}
