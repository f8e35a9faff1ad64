using System.Security.Claims;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>
/// Who may download an entry's materials: the members of its team and those who manage its contest.
/// The one place to extend when judges are given access to the entries assigned to them.
/// </summary>
public sealed class MaterialAccess(AppDbContext db, ContestAccess contests)
{
    public async Task<bool> CanReadAsync(ClaimsPrincipal user, int teamId, int contestId, CancellationToken ct)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return false;
        if (await db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == userId, ct)) return true;
        return await contests.CanManageAsync(user, contestId, ct);
    }
}
