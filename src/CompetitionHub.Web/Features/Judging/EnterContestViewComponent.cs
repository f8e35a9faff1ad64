using System.Security.Claims;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Registration;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Judging;

/// <summary>
/// What the contest page offers a would-be contestant: the way to enter it, their entry once they have one, or why they
/// cannot yet. <paramref name="WhyNot"/> is a signed-in person's bar (a judge of this contest, a staff account).
/// </summary>
public sealed record EnterContest(int ContestId, bool SignedIn, string? WhyClosed, string? WhyNot, int? MyEntryId, EntryStatus? MyEntryStatus);

/// <summary>
/// The next step on a contest's public page: 报名参赛 while registration is open; not signed in, a sign-in and a sign-up
/// that both come back to the entry form; closed or not yet open, the dates; judging this contest or holding a staff
/// account, why not (<see cref="CompetingRules"/>, the rule the entry form applies); already entered, the entry.
/// It lives with the judging rules so that Registration need not know about judges.
/// </summary>
public sealed class EnterContestViewComponent(AppDbContext db, RegistrationWindow window, CompetingRules rules) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Contests.Contest contest)
    {
        // An activity week is entered event by event from its programme, and a contest without tracks takes no entries yet.
        if (contest.Kind == Contests.ContestKind.ActivityWeek || contest.Tracks.Count == 0) return Content("");
        var ct = HttpContext.RequestAborted;
        var userId = UserClaimsPrincipal.FindFirstValue(ClaimTypes.NameIdentifier);
        var mine = userId is null ? null : await db.Entries.AsNoTracking()
            .Where(e => e.ContestId == contest.Id && db.TeamMembers.Any(m => m.TeamId == e.TeamId && m.UserId == userId))
            .OrderByDescending(e => e.Id).Select(e => new { e.Id, e.Status }).FirstOrDefaultAsync(ct);
        var whyNot = userId is null || mine is not null ? null : await rules.WhyNotEnterContestAsync(contest.Id, userId, ct);
        return View("~/Features/Judging/Views/Shared/_EnterContest.cshtml",
            new EnterContest(contest.Id, userId is not null, window.WhyClosed(contest), whyNot, mine?.Id, mine?.Status));
    }
}
