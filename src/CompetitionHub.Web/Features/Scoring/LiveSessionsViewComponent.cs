using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Web.Features.Scoring;

public sealed record LiveSessionLink(int Id, string Name, string RoundName, DateTime StartsAt, string Venue);

/// <summary>The way from a contest's public page to its sessions' live pages (the public watches and votes there).</summary>
public sealed class LiveSessionsViewComponent(AppDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int contestId)
    {
        var rows = await db.RoadshowSessions.AsNoTracking()
            .Join(db.Rounds, s => s.RoundId, r => r.Id, (s, r) => new { s.Id, s.Name, s.StartsAt, s.Venue, s.VenueEn, r.ContestId, r.Sequence, Round = r.Name, RoundEn = r.NameEn })
            .Where(x => x.ContestId == contestId)
            .OrderBy(x => x.StartsAt).ThenBy(x => x.Id)
            .ToListAsync(HttpContext.RequestAborted);
        if (rows.Count == 0) return Content("");
        return View("~/Features/Scoring/Views/Shared/_LiveSessions.cshtml",
            rows.Select(x => new LiveSessionLink(x.Id, x.Name, Localized.Pick(x.Round, x.RoundEn), x.StartsAt, Localized.Pick(x.Venue, x.VenueEn))).ToList());
    }
}
