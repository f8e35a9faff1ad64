using System.Security.Claims;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CompetitionHub.Web.Features.Scoring;

/// <summary>The organizer's console (主持台) of a roadshow session: every step is a POST naming the stage version it saw.</summary>
[Authorize(Roles = Roles.Staff)]
[Route("manage/sessions/{sessionId:int}/console")]
[Authorize(Policy = ContestAccess.Policy)]
public sealed class ConsoleController(StagePages pages) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int sessionId, CancellationToken ct)
    {
        var session = await pages.SessionAsync(sessionId, ct);
        if (session is null) return NotFound();
        var missing = TempData["Missing"] is string m && m.Length > 0 ? m.Split('\n') : [];
        return View(await pages.ConsoleAsync(session, missing, ct));
    }

    [HttpPost("{step}")]
    public async Task<IActionResult> Step(int sessionId, StageStep step, [FromForm] long version, [FromForm] bool closeAnyway,
        [FromServices] StageControl control, CancellationToken ct)
    {
        var session = await pages.SessionAsync(sessionId, ct);
        if (session is null) return NotFound();
        // An unknown step, version or yes/no is refused, never read as the default it binds to.
        if (!Enum.IsDefined(step) || !ModelState.IsValid) return BadRequest();
        var result = await control.HandleAsync(sessionId, step, version, closeAnyway, ct);
        if (!result.Succeeded)
        {
            TempData.Refused(result.Error ?? "");
            if (result.Missing.Count > 0) TempData["Missing"] = string.Join('\n', result.Missing);
        }
        return Redirect($"/manage/sessions/{sessionId}/console");
    }
}

/// <summary>The judge's tablet page of a session; the scores themselves go over the stage hub.</summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("judging/sessions/{sessionId:int}")]
public sealed class JudgeStageController(StagePages pages, JudgeAccess judges) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int sessionId, CancellationToken ct)
    {
        var session = await pages.SessionAsync(sessionId, ct);
        if (session is null) return NotFound();
        var judge = User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (judge is null || session.Panel.All(j => j.JudgeUserId != judge)
            || !await judges.InPoolAsync(judge, await pages.ContestOfAsync(session, ct), ct)) return StatusCode(StatusCodes.Status403Forbidden);
        return View(await pages.JudgeAsync(session, judge, ct));
    }
}

/// <summary>
/// The public live page and the big screen of a session: no account needed, the state comes over the stage hub. The live
/// page is also the spectator's phone for the public jury vote, which needs a signed-in account. A session of an
/// unpublished contest is not found except by those who run it (<see cref="StageAudience"/>).
/// </summary>
[Public("the big screen and the audience watch a published contest's session without an account; StageAudience hides an unpublished one")]
[Route("live/sessions/{sessionId:int}")]
public sealed class LiveScreenController(StageSnapshots snapshots, StageAudience audience) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int sessionId, [FromServices] StagePages pages, CancellationToken ct)
    {
        if (!await audience.MayWatchAsync(User, sessionId, ct) || await snapshots.BuildAsync(sessionId, ct) is not { } stage) return NotFound();
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        return View(new LivePage(stage, userId is not null,
            userId is null || stage.PublicJury is null ? [] : await pages.VotedAsync(stage.RoundId, userId, ct)));
    }

    [HttpGet("screen")]
    public async Task<IActionResult> Screen(int sessionId, CancellationToken ct) =>
        await audience.MayWatchAsync(User, sessionId, ct) && await snapshots.BuildAsync(sessionId, ct) is { } stage ? View(stage) : NotFound();
}
