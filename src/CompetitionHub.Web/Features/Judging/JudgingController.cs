using System.Security.Claims;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CompetitionHub.Web.Features.Judging;

/// <summary>The judge's own pages: the dashboard, the profile, and the conflicts they declare in a contest.</summary>
[Authorize(Roles = Roles.Judge)]
[Route("judging")]
public sealed class JudgingController : Controller
{
    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] JudgeDashboard dashboard, CancellationToken ct) =>
        View(await dashboard.HandleAsync(UserId, User.FindFirstValue(ClaimTypes.Email) ?? User.Identity?.Name, ct));

    [HttpGet("profile")]
    public async Task<IActionResult> Profile([FromServices] SaveJudgeProfile save, CancellationToken ct) =>
        View(new ProfilePage(await save.FormAsync(UserId, ct), await save.IndustriesAsync(ct), TempData["Saved"] is true));

    [HttpPost("profile")]
    public async Task<IActionResult> Profile(ProfileForm form, string? command, [FromServices] SaveJudgeProfile save, CancellationToken ct)
    {
        if (command == "add")
        {
            // Another blank holding row, nothing saved yet.
            ModelState.Clear();
            return View(new ProfilePage(form with { Holdings = [.. form.Holdings, new HoldingForm()] }, await save.IndustriesAsync(ct), false));
        }
        if (ModelState.IsValid && await save.SaveAsync(UserId, form, ModelState, ct))
        {
            TempData["Saved"] = true;
            return RedirectToAction(nameof(Profile));
        }
        Response.StatusCode = ModelState[string.Empty]?.Errors.Count > 0 ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return View(new ProfilePage(form, await save.IndustriesAsync(ct), false));
    }

    [HttpGet("contests/{contestId:int}/conflicts")]
    public async Task<IActionResult> Conflicts(int contestId, [FromServices] ManageConflicts manage, CancellationToken ct, string? q = null)
    {
        if (!await manage.IsPoolJudgeAsync(contestId, UserId, ct)) return StatusCode(StatusCodes.Status403Forbidden);
        var page = await manage.JudgePageAsync(contestId, UserId, new ConflictForm(), ct, q);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("contests/{contestId:int}/conflicts")]
    public async Task<IActionResult> Declare(int contestId, ConflictForm form, [FromServices] ManageConflicts manage, [FromServices] SiteLinks links,
        CancellationToken ct)
    {
        if (!await manage.IsPoolJudgeAsync(contestId, UserId, ct)) return StatusCode(StatusCodes.Status403Forbidden);
        if (ModelState.IsValid && await manage.DeclareAsync(contestId, UserId, form, ModelState, links.Base, ct))
        {
            TempData.Success("申报已提交。");
            if (manage.CodeWarning(form) is { } warning) TempData.Warning(warning);
            return Redirect($"/judging/contests/{contestId}/conflicts");
        }
        var page = await manage.JudgePageAsync(contestId, UserId, form, ct);
        if (page is null) return NotFound();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Conflicts), page);
    }

    [HttpPost("contests/{contestId:int}/conflicts/{conflictId:int}/withdraw")]
    public async Task<IActionResult> Withdraw(int contestId, int conflictId, WithdrawConflictForm form, [FromServices] ManageConflicts manage,
        CancellationToken ct)
    {
        if (!await manage.IsPoolJudgeAsync(contestId, UserId, ct)) return StatusCode(StatusCodes.Status403Forbidden);
        var result = ModelState.IsValid
            ? await manage.WithdrawAsync(contestId, UserId, conflictId, form.Reason, ct)
            : SetupResult.Fail(nameof(form.Reason), "原因不能超过 1000 个字符。");
        var url = $"/judging/contests/{contestId}/conflicts";
        return this.Outcome(result, url);
    }
}
