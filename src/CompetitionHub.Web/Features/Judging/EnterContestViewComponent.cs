using System.Security.Claims;
using CompetitionHub.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>What the contest page offers a would-be contestant: the way to enter it, their entry once they have one, or why they cannot yet.</summary>
public sealed record EnterContest(int ContestId, bool SignedIn, string? WhyClosed, int? MyEntryId, EntryStatus? MyEntryStatus);

/// <summary>
/// The next step on a contest's public page: 报名参赛 while registration is open; not signed in, a sign-in that comes back
/// to the entry form and a sign-up; closed or not yet open, the dates; already entered, the entry.
/// </summary>
public sealed class EnterContestViewComponent(AppDbContext db, RegistrationWindow window) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Contests.Contest contest)
    {
        // An activity week is entered event by event from its programme, and a contest without tracks takes no entries yet.
        if (contest.Kind == Contests.ContestKind.ActivityWeek || contest.Tracks.Count == 0) return Content("");
        var userId = UserClaimsPrincipal.FindFirstValue(ClaimTypes.NameIdentifier);
        var mine = userId is null ? null : await db.Entries.AsNoTracking()
            .Where(e => e.ContestId == contest.Id && db.TeamMembers.Any(m => m.TeamId == e.TeamId && m.UserId == userId))
            .OrderByDescending(e => e.Id).Select(e => new { e.Id, e.Status }).FirstOrDefaultAsync(HttpContext.RequestAborted);
        return View("~/Features/Registration/Views/Shared/_EnterContest.cshtml",
            new EnterContest(contest.Id, userId is not null, window.WhyClosed(contest), mine?.Id, mine?.Status));
    }
}
