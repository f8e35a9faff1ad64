using System.Security.Claims;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>
/// Who may download an entry's materials: the members of its team, those who manage its contest, and the judges who
/// must read it — assigned to review it in a round of the contest, or on the panel of a roadshow session that has it —
/// unless they have an active conflict with it (a conflicted judge sees nothing of the entry, whatever the assignment says).
/// </summary>
public sealed class MaterialAccess(AppDbContext db, ContestAccess contests, ConflictMap conflicts)
{
    public async Task<bool> CanReadAsync(ClaimsPrincipal user, int entryId, int teamId, int contestId, CancellationToken ct)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return false;
        if (await db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == userId, ct)) return true;
        if (await contests.CanManageAsync(user, contestId, ct)) return true;
        return user.IsInRole(Roles.Judge) && await JudgeMayReadAsync(userId, entryId, contestId, ct);
    }

    private async Task<bool> JudgeMayReadAsync(string userId, int entryId, int contestId, CancellationToken ct)
    {
        var rounds = db.Rounds.Where(r => r.ContestId == contestId).Select(r => r.Id);
        var assigned = await db.ReviewAssignments.AnyAsync(a => a.EntryId == entryId && a.JudgeUserId == userId && rounds.Contains(a.RoundId), ct)
            || await db.SessionSlots.AnyAsync(s => s.EntryId == entryId && rounds.Contains(s.RoundId)
                && db.SessionJudges.Any(j => j.SessionId == s.SessionId && j.JudgeUserId == userId), ct);
        return assigned && (await conflicts.ActivePairsAsync(contestId, [userId], [entryId], ct)).Count == 0;
    }
}
