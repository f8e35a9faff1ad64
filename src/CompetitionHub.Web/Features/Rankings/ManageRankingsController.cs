using System.Security.Claims;
using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Rankings;

/// <summary>
/// A round's diagnostics and its open ties, for the contest's organizers (<see cref="ContestAccess"/>): unknown contest
/// or round 404, someone else's contest 403.
/// </summary>
[Authorize(Roles = Roles.Staff)]
[Route("manage/contests/{contestId:int}/rounds/{roundId:int}")]
[Authorize(Policy = ContestAccess.Policy)]
public sealed class ManageRankingsController(AppDbContext db, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("diagnostics")]
    public async Task<IActionResult> Diagnostics(int contestId, int roundId, [FromServices] RoundDiagnostics diagnostics, CancellationToken ct)
    {
        if (await RefuseAsync(contestId, roundId, ct) is { } refused) return refused;
        var page = await diagnostics.LoadAsync(contestId, roundId, ct);
        return page is null ? NotFound() : View(page);
    }

    [HttpGet("ties")]
    public async Task<IActionResult> Ties(int contestId, int roundId, [FromServices] RecordTieDraw draws, CancellationToken ct)
    {
        if (await RefuseAsync(contestId, roundId, ct) is { } refused) return refused;
        var page = await draws.LoadAsync(contestId, roundId, ct);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("ties/draw")]
    public async Task<IActionResult> Draw(int contestId, int roundId, TieDrawForm form, [FromServices] RecordTieDraw draws, CancellationToken ct)
    {
        if (await RefuseAsync(contestId, roundId, ct) is { } refused) return refused;
        var url = $"/manage/contests/{contestId}/rounds/{roundId}/ties";
        // A value that cannot be read is refused, never drawn as a default (entry 0, a score of 0).
        if (!ModelState.IsValid)
        {
            TempData.Refused(t["输入的值无效。"].Value);
            return LocalRedirect(url);
        }
        var result = await draws.HandleAsync(contestId, roundId, form, User.FindFirstValue(ClaimTypes.NameIdentifier)!, ct);
        if (result.Succeeded) return this.Done(result, url);
        TempData.Refused(result.ErrorText);
        return LocalRedirect(url);
    }

    [HttpPost("ties/panel")]
    public async Task<IActionResult> Decide(int contestId, int roundId, PanelDecisionForm form, [FromServices] RecordPanelDecision decide,
        [FromServices] RecordTieDraw draws, CancellationToken ct)
    {
        if (await RefuseAsync(contestId, roundId, ct) is { } refused) return refused;
        var url = $"/manage/contests/{contestId}/rounds/{roundId}/ties";
        // A value that cannot be read is refused, never decided as a default (entry 0, a score of 0).
        if (!ModelState.IsValid)
        {
            TempData.Refused(t["输入的值无效。"].Value);
            return LocalRedirect(url);
        }
        var result = await decide.HandleAsync(contestId, roundId, form, User.FindFirstValue(ClaimTypes.NameIdentifier)!, ct);
        if (result.Succeeded) return this.Done(result, url);
        var page = await draws.LoadAsync(contestId, roundId, ct);
        if (page is null) return NotFound();
        // The reason typed stays on the page with the errors beside it.
        return View("Ties", page with { PanelAttempt = form, PanelErrors = result.Errors });
    }

    private async Task<IActionResult?> RefuseAsync(int contestId, int roundId, CancellationToken ct)
    {
        if (!await db.Rounds.AnyAsync(r => r.Id == roundId && r.ContestId == contestId, ct)) return NotFound();
        return null;
    }
}
