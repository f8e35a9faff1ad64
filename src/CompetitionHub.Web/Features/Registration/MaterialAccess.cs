using System.Security.Claims;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>
/// Someone besides the entry's team and its contest's organizers who may read the entry's materials, as the feature
/// that knows them decides (Judging: the judges whose access to the entry stands).
/// </summary>
public interface IMaterialReader
{
    Task<bool> MayReadAsync(ClaimsPrincipal user, string userId, int entryId, int contestId, CancellationToken ct);
}

/// <summary>
/// Who may download an entry's materials: the members of its team, those who manage its contest, and whoever an
/// <see cref="IMaterialReader"/> lets read it.
/// </summary>
public sealed class MaterialAccess(AppDbContext db, ContestAccess contests, IEnumerable<IMaterialReader> readers)
{
    public async Task<bool> CanReadAsync(ClaimsPrincipal user, int entryId, int teamId, int contestId, CancellationToken ct)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return false;
        if (await db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == userId, ct)) return true;
        if (await contests.CanManageAsync(user, contestId, ct)) return true;
        foreach (var reader in readers)
        {
            if (await reader.MayReadAsync(user, userId, entryId, contestId, ct)) return true;
        }
        return false;
    }
}
