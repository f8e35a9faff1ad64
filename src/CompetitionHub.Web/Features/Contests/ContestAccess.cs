using System.Security.Claims;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Contests;

/// <summary>
/// Who may change a contest and see its registrations: Admins, and the Organizers an Admin assigned to that contest.
/// Being an Organizer of one contest gives nothing on another.
/// </summary>
public sealed class ContestAccess(AppDbContext db)
{
    public async Task<bool> CanManageAsync(ClaimsPrincipal user, int contestId, CancellationToken ct)
    {
        if (user.IsInRole(Roles.Admin)) return true;
        if (!user.IsInRole(Roles.Organizer) || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return false;
        return await db.ContestOrganizers.AnyAsync(o => o.ContestId == contestId && o.UserId == userId, ct);
    }

    /// <summary>The contests the user may manage, as a query to filter lists with.</summary>
    public IQueryable<Contest> Manageable(ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Admin)) return db.Contests;
        var userId = user.IsInRole(Roles.Organizer) ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        return db.Contests.Where(c => userId != null && c.Organizers.Any(o => o.UserId == userId));
    }
}
