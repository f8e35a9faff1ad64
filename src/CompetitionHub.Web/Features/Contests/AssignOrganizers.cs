using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Contests;

public sealed record OrganizerRow(string UserId, string DisplayName, string Email);

public sealed record OrganizersPage(int ContestId, string ContestName, IReadOnlyList<OrganizerRow> Assigned, IReadOnlyList<OrganizerRow> Available);

/// <summary>Admins decide which Organizers run which contest; only people holding the Organizer role can be assigned.</summary>
public sealed class AssignOrganizers(AppDbContext db, UserManager<AppUser> users, AuditLog audit, TimeProvider clock,
    IStringLocalizer<SharedResource> t, ILogger<AssignOrganizers> logger)
{
    public async Task<OrganizersPage?> LoadAsync(int contestId, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contestId, ct);
        if (contest is null) return null;
        var organizers = (await users.GetUsersInRoleAsync(Roles.Organizer))
            .OrderBy(u => u.Email, StringComparer.Ordinal).ToList();
        var assigned = await db.ContestOrganizers.Where(o => o.ContestId == contestId).Select(o => o.UserId).ToListAsync(ct);
        var assignedRows = await db.Users.AsNoTracking().Where(u => assigned.Contains(u.Id)).OrderBy(u => u.Email)
            .Select(u => new OrganizerRow(u.Id, u.DisplayName, u.Email ?? "")).ToListAsync(ct);
        return new OrganizersPage(contestId, contest.LocalizedName, assignedRows,
            [.. organizers.Where(u => !assigned.Contains(u.Id)).Select(u => new OrganizerRow(u.Id, u.DisplayName, u.Email ?? ""))]);
    }

    public async Task<SetupResult> AssignAsync(int contestId, string? userId, CancellationToken ct)
    {
        var user = string.IsNullOrEmpty(userId) || userId.Length > 64 ? null : await users.FindByIdAsync(userId);
        if (user is null || !await db.Contests.AnyAsync(c => c.Id == contestId, ct))
            return SetupResult.Fail("", t["未找到该用户。"]);
        if (!await users.IsInRoleAsync(user, Roles.Organizer))
            return SetupResult.Fail("", t["{0} 不是组织者，不能分配到赛事。", user.DisplayName]);
        if (await db.ContestOrganizers.AnyAsync(o => o.ContestId == contestId && o.UserId == user.Id, ct))
            return SetupResult.Fail("", t["{0} 已负责该赛事。", user.DisplayName]);
        db.ContestOrganizers.Add(new ContestOrganizer { ContestId = contestId, UserId = user.Id, AssignedAt = clock.GetUtcNow().UtcDateTime });
        audit.Record(contestId, "ContestOrganizer", contestId, "Assign", after: new { UserId = user.Id, user.Email });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Organizer {UserId} assigned to contest {ContestId}", user.Id, contestId);
        return SetupResult.Done(contestId, t["已将 {0} 分配到该赛事。", user.DisplayName]);
    }

    public async Task<SetupResult> UnassignAsync(int contestId, string? userId, CancellationToken ct)
    {
        var link = await db.ContestOrganizers.Include(o => o.User)
            .SingleOrDefaultAsync(o => o.ContestId == contestId && o.UserId == userId, ct);
        if (link is null) return SetupResult.Fail("", t["该用户未负责此赛事。"]);
        db.ContestOrganizers.Remove(link);
        audit.Record(contestId, "ContestOrganizer", contestId, "Unassign", before: new { link.UserId, link.User.Email });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Organizer {UserId} unassigned from contest {ContestId}", link.UserId, contestId);
        return SetupResult.Done(contestId, t["已取消 {0} 对该赛事的负责。", link.User.DisplayName]);
    }
}
