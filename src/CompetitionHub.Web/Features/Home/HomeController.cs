using CompetitionHub.Web.Data;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Home;

[Public("the front page lists the published contests to everyone")]
public sealed class HomeController(AppDbContext db) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var contests = await db.Contests.AsNoTracking()
            .Where(c => c.IsPublished)
            .Include(c => c.LeadDepartment)
            .Include(c => c.CoOrganizers)
            .Include(c => c.Tracks)
            .OrderByDescending(c => c.EditionYear).ThenBy(c => c.Id)
            .AsSplitQuery()
            .ToListAsync(ct);
        return View(contests);
    }
}
