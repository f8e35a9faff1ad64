using System.Security.Claims;
using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CompetitionHub.Web.Features.Scoring;

/// <summary>Organizers' side of scoring: review progress and computed scores of a round, and correction requests.</summary>
[Authorize(Roles = Roles.Staff)]
[Authorize(Policy = ContestAccess.Policy)]
public sealed class ManageScoringController : Controller
{
    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    [HttpGet("manage/contests/{contestId:int}/corrections")]
    public async Task<IActionResult> Corrections(int contestId, [FromServices] ScoreCorrections corrections, CancellationToken ct)
    {
        var page = await corrections.PageAsync(contestId, ct);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("manage/contests/{contestId:int}/corrections/{correctionId:int}")]
    public async Task<IActionResult> Decide(int contestId, int correctionId, CorrectionDecisionForm form, [FromServices] ScoreCorrections corrections,
        CancellationToken ct)
    {
        var result = ModelState.IsValid ? await corrections.DecideAsync(contestId, correctionId, UserId, form, ct) : SetupResult.Fail("请填写处理理由。");
        return this.Outcome(result, $"/manage/contests/{contestId}/corrections");
    }

    [HttpGet("manage/rounds/{roundId:int}/progress")]
    public async Task<IActionResult> Progress(int roundId, [FromQuery] ProgressFilter filter, [FromServices] RoundProgress progress,
        CancellationToken ct)
    {
        var round = await progress.RoundAsync(roundId, ct);
        if (round is null) return NotFound();
        // A page number typed by hand that does not parse is page 1, not an error page.
        return View(await progress.PageAsync(round, filter, ct));
    }

    [HttpPost("manage/rounds/{roundId:int}/scores")]
    public async Task<IActionResult> Compute(int roundId, [FromServices] RoundProgress progress, CancellationToken ct)
    {
        var round = await progress.RoundAsync(roundId, ct);
        if (round is null) return NotFound();
        var count = await progress.ComputeAsync(round, UserId, ct);
        TempData.Success(count == 0 ? "还没有已提交的评分。" : "成绩已计算。");
        return Redirect($"/manage/rounds/{roundId}/progress");
    }
}
