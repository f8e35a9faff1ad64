using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Awards;

public sealed record PublicAward(string TrackName, string Prize, PrizeGrade? Grade, string Title, string Recipient);

/// <summary>The awards list on the public contest page: confirmed prizes per track, then the honours. Nothing before confirmation.</summary>
public sealed class PublicAwardsViewComponent(AppDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int contestId)
    {
        var awards = await db.Awards.AsNoTracking().Where(a => a.ContestId == contestId)
            .Where(a => a.Kind == AwardKind.Honour || db.AwardPlans.Any(p => p.ContestId == contestId && p.TrackId == a.TrackId && p.ConfirmedAt != null))
            .Select(a => new { a.Kind, a.Grade, a.Honour, a.Rank, a.TrackId, a.Entry.Title, a.Entry.CompanyName, Team = a.Entry.Team.Name })
            .ToListAsync();
        var tracks = await db.ContestTracks.AsNoTracking().Where(t => t.ContestId == contestId)
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Id).ToListAsync();
        var order = tracks.Select(t => t.Id).ToList();
        var list = awards
            .OrderBy(a => a.Kind).ThenBy(a => order.IndexOf(a.TrackId)).ThenBy(a => a.Grade).ThenBy(a => a.Rank ?? int.MaxValue).ThenBy(a => a.Honour)
            .Select(a => new PublicAward(tracks.FirstOrDefault(t => t.Id == a.TrackId)?.LocalizedName ?? "",
                a.Kind == AwardKind.Prize ? AwardLabels.Grade(a.Grade!.Value) : a.Honour, a.Grade, a.Title,
                string.IsNullOrWhiteSpace(a.CompanyName) ? a.Team : a.CompanyName!))
            .ToList();
        return View("~/Features/Awards/Views/Shared/_PublicAwards.cshtml", list);
    }
}
