using System.Security.Claims;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Judging;

/// <summary>
/// Organizers' side of judging for one contest: the judge pool and the conflict map. Every action first asks
/// <see cref="ContestAccess"/>: an organizer of another contest gets 403, an unknown contest 404.
/// </summary>
[Authorize(Roles = Roles.Staff)]
[Route("manage/contests/{contestId:int}")]
[Authorize(Policy = ContestAccess.Policy)]
public sealed class ManageJudgesController(AppDbContext db, SiteLinks links) : Controller
{
    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    [HttpGet("judges")]
    public async Task<IActionResult> Judges(int contestId, [FromQuery] JudgePoolQuery query, [FromServices] ManageJudgePool pool,
        CancellationToken ct)
    {
        if (await RefuseAsync(contestId, ct) is { } refused) return refused;
        // An unreadable page or status in the address lists the first page of the whole pool instead of failing.
        if (ModelState[nameof(JudgePoolQuery.Page)]?.Errors.Count > 0) query = query with { Page = 1 };
        if (ModelState[nameof(JudgePoolQuery.Status)]?.Errors.Count > 0) query = query with { Status = null };
        ModelState.Clear();
        return View(await pool.PageAsync(contestId, new InviteJudgeForm(), ct, query: query));
    }

    [HttpPost("judges")]
    public async Task<IActionResult> Invite(int contestId, InviteJudgeForm form, [FromServices] ManageJudgePool pool, CancellationToken ct)
    {
        if (await RefuseAsync(contestId, ct) is { } refused) return refused;
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(nameof(Judges), await pool.PageAsync(contestId, form, ct));
        }
        var result = await pool.InviteAsync(contestId, UserId, form,
            token => links.ToAction(nameof(JudgeInvitationsController.Show), "JudgeInvitations", new { token }), ct);
        if (result.Succeeded) return this.Done(result, $"/manage/contests/{contestId}/judges");
        // Refused (the person competes in this contest): the form stays filled in, the reason under the address.
        ModelState.AddErrors(result, "");
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Judges), await pool.PageAsync(contestId, form, ct));
    }

    [HttpPost("judges/{judgeId:int}/remove")]
    public async Task<IActionResult> Remove(int contestId, int judgeId, [FromServices] ManageJudgePool pool, CancellationToken ct)
    {
        if (await RefuseAsync(contestId, ct) is { } refused) return refused;
        return this.Outcome(await pool.RemoveAsync(contestId, judgeId, links.Base, ct), $"/manage/contests/{contestId}/judges");
    }

    [HttpPost("judges/exceptions")]
    public async Task<IActionResult> RecordException(int contestId, [Bind(Prefix = "Exception")] CompetitorExceptionForm form,
        [FromServices] ManageCompetitorExceptions exceptions, [FromServices] ManageJudgePool pool, CancellationToken ct)
    {
        if (await RefuseAsync(contestId, ct) is { } refused) return refused;
        var result = ModelState.IsValid ? await exceptions.RecordAsync(contestId, UserId, form, ct) : null;
        if (result is { Succeeded: true }) return this.Done(result, $"/manage/contests/{contestId}/judges");
        if (result is not null) ModelState.AddErrors(result, "Exception.");
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Judges), await pool.PageAsync(contestId, new InviteJudgeForm(), ct, form));
    }

    [HttpPost("judges/exceptions/{exceptionId:int}/revoke")]
    public async Task<IActionResult> RevokeException(int contestId, int exceptionId, [FromServices] ManageCompetitorExceptions exceptions,
        CancellationToken ct)
    {
        if (await RefuseAsync(contestId, ct) is { } refused) return refused;
        var result = await exceptions.RevokeAsync(contestId, exceptionId, ct);
        if (result.Succeeded) return this.Done(result, $"/manage/contests/{contestId}/judges");
        TempData.Refused(result.ErrorText);
        return Redirect($"/manage/contests/{contestId}/judges");
    }

    [HttpGet("conflicts")]
    public async Task<IActionResult> Conflicts(int contestId, [FromQuery] ConflictListQuery query, [FromServices] ManageConflicts manage,
        CancellationToken ct)
    {
        if (await RefuseAsync(contestId, ct) is { } refused) return refused;
        if (ModelState[nameof(ConflictListQuery.Page)]?.Errors.Count > 0) query = query with { Page = 1 };
        if (ModelState[nameof(ConflictListQuery.Source)]?.Errors.Count > 0) query = query with { Source = null };
        ModelState.Clear();
        return View(await manage.OrganizerPageAsync(contestId, new ConflictForm(), ct, query));
    }

    [HttpPost("conflicts")]
    public async Task<IActionResult> AddConflict(int contestId, ConflictForm form, [FromServices] ManageConflicts manage, CancellationToken ct)
    {
        if (await RefuseAsync(contestId, ct) is { } refused) return refused;
        if (ModelState.IsValid && await manage.AddForJudgeAsync(contestId, UserId, form, ModelState, links.Base, ct))
        {
            TempData.Success("回避关系已添加。");
            if (manage.CodeWarning(form) is { } warning) TempData.Warning(warning);
            return Redirect($"/manage/contests/{contestId}/conflicts");
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Conflicts), await manage.OrganizerPageAsync(contestId, form, ct));
    }

    [HttpPost("conflicts/lift")]
    public async Task<IActionResult> LiftConflict(int contestId, LiftConflictForm form, [FromServices] ManageConflicts manage, CancellationToken ct)
    {
        if (await RefuseAsync(contestId, ct) is { } refused) return refused;
        var result = ModelState.IsValid
            ? await manage.LiftAsync(contestId, UserId, form, ct)
            : SetupResult.Fail("", string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct()));
        var url = $"/manage/contests/{contestId}/conflicts";
        return this.Outcome(result, url);
    }

    /// <summary>404 for a contest that does not exist, null to go on (the policy refused those the user may not manage).</summary>
    private async Task<IActionResult?> RefuseAsync(int contestId, CancellationToken ct)
    {
        if (!await db.Contests.AnyAsync(c => c.Id == contestId, ct)) return NotFound();
        return null;
    }
}
