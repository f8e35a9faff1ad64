using CompetitionHub.Web.Data;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Contests;

public sealed record ContestPage(Contest Contest, bool IsPreview, bool CanManage);

/// <summary>The public page of a contest. Unpublished contests do not exist for the public; their managers see a preview.</summary>
[Public("a published contest's page is for everyone; an unpublished one is not found except by its organizers")]
public sealed class ContestsController(AppDbContext db, ContestAccess access) : Controller
{
    [HttpGet("/contests/{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking()
            .Include(c => c.LeadDepartment)
            .Include(c => c.CoOrganizers)
            .Include(c => c.Tracks)
            .Include(c => c.Rounds).ThenInclude(r => r.Criteria)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == id, ct);
        if (contest is null) return NotFound();
        var canManage = User.Identity?.IsAuthenticated == true && await access.CanManageAsync(User, id, ct);
        if (!contest.IsPublished && !canManage) return NotFound();
        return View(new ContestPage(contest, !contest.IsPublished, canManage));
    }
}
