using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Web.Features.Dashboard;

public sealed record RoleCount(string Role, int Users);

public sealed record DashboardContest(
    string Name, ContestKind Kind, int EditionYear, string LeadDepartment, bool IsPublished,
    DateTime? RegistrationOpensAt, DateTime? RegistrationClosesAt);

public sealed record DashboardPage(
    int PublishedContests, int TotalUsers, IReadOnlyList<RoleCount> UsersByRole, OutboxCounts Outbox,
    IReadOnlyList<DashboardContest> Contests);

/// <summary>The organizers' front page: what is published, who is signed up, and whether mail is getting out.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed class DashboardController(AppDbContext db, ContestAccess access) : Controller
{
    [HttpGet("/organizer")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        // The person's own contests (all of them for an Admin): another organizer's unpublished contest is not theirs to see.
        var contests = await access.Manageable(User).AsNoTracking()
            .OrderByDescending(c => c.EditionYear).ThenBy(c => c.Id)
            .Select(c => new { c.Name, c.NameEn, c.Kind, c.EditionYear, Lead = c.LeadDepartment.Name, LeadEn = c.LeadDepartment.NameEn,
                               c.IsPublished, c.RegistrationOpensAt, c.RegistrationClosesAt })
            .ToListAsync(ct);

        var usersPerRole = await db.Roles.AsNoTracking()
            .Select(r => new { r.Name, Users = db.UserRoles.Count(ur => ur.RoleId == r.Id) })
            .ToDictionaryAsync(r => r.Name ?? "", r => r.Users, ct);

        var page = new DashboardPage(
            PublishedContests: contests.Count(c => c.IsPublished),
            TotalUsers: await db.Users.CountAsync(ct),
            // Every role appears, in the order people think of them, even while nobody holds it.
            UsersByRole: [.. Roles.All.Select(r => new RoleCount(r, usersPerRole.GetValueOrDefault(r)))],
            Outbox: await OutboxCounts.ReadAsync(db, ct),
            Contests: [.. contests.Select(c => new DashboardContest(Localized.Pick(c.Name, c.NameEn), c.Kind, c.EditionYear,
                Localized.Pick(c.Lead, c.LeadEn), c.IsPublished, c.RegistrationOpensAt, c.RegistrationClosesAt))]);
        return View(page);
    }

    /// <summary>The mail counts alone; the page fetches them after a reconnect, when broadcasts may have been missed.</summary>
    [HttpGet("/organizer/outbox-status")]
    public Task<OutboxCounts> OutboxStatus(CancellationToken ct) => OutboxCounts.ReadAsync(db, ct);
}
