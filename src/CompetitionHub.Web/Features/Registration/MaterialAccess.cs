using System.Security.Claims;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>
/// Who may download an entry's materials: the members of its team, those who manage its contest, and the judges
/// <see cref="JudgeAccess"/> lets read it.
/// </summary>
public sealed class MaterialAccess(AppDbContext db, ContestAccess contests, JudgeAccess judges)
{
    public async Task<bool> CanReadAsync(ClaimsPrincipal user, int entryId, int teamId, int contestId, CancellationToken ct)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return false;
        if (await db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == userId, ct)) return true;
        if (await contests.CanManageAsync(user, contestId, ct)) return true;
        return user.IsInRole(Roles.Judge) && await judges.BarAsync(userId, contestId, entryId, ct) == JudgeBar.None;
    }
}
