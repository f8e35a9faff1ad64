using System.Security.Claims;
using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CompetitionHub.Web.Features.Scoring;

/// <summary>The judge's score sheet for one assigned entry of an online review round, and correction requests.</summary>
[Authorize(Roles = Roles.Judge)]
[Route("judging/rounds/{roundId:int}/entries/{entryId:int}")]
public sealed class ScoringController(ScoreEntryPage page) : Controller
{
    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    [HttpGet("score")]
    public async Task<IActionResult> Score(int roundId, int entryId, CancellationToken ct)
    {
        var view = await page.LoadAsync(UserId, roundId, entryId, null, null, ct);
        return view is null ? NotFound() : View(view);
    }

    [HttpPost("score")]
    public async Task<IActionResult> Save(int roundId, int entryId, ScoreForm form, [FromServices] RecordScore record, CancellationToken ct)
    {
        if (await page.LoadAsync(UserId, roundId, entryId, form, null, ct) is null) return NotFound();
        string? error = null;
        // Each field's problem goes beside it and into the summary, all at once, so one round trip shows everything to fix.
        List<(string Field, string Message)> fields = [];
        if (!ModelState.IsValid)
        {
            error = "请输入有效的分数。";
            fields = [.. ModelState.Where(m => m.Key.StartsWith("Points[", StringComparison.Ordinal) && m.Value?.Errors.Count > 0)
                .Select(m => (m.Key, error))];
        }
        else if (form.Command is not ("draft" or "submit")) error = "无效的操作。";
        else if (form.SubmissionId == Guid.Empty) error = "评分提交编号无效，请刷新页面后重试。";
        else
        {
            var submit = form.Command == "submit";
            // RecordScore checks every criterion for drafts too: a draft is a complete sheet not yet final.
            var points = form.Points.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.Value);
            var outcome = await record.HandleAsync(UserId, new ScoreInput(form.SubmissionId, roundId, entryId, points, form.Comment, submit), ct);
            if (outcome.Accepted)
            {
                TempData.Success(outcome.Status == SheetStatus.Submitted ? "评分已提交。" : "草稿已保存。");
                return Redirect($"/judging/rounds/{roundId}/entries/{entryId}/score");
            }
            error = outcome.Error;
            fields = [.. outcome.Problems.Where(p => p.CriterionId is not null).Select(p => ($"Points[{p.CriterionId}]", p.Message))];
        }
        ModelState.Clear();
        foreach (var message in fields.Count == 0 ? [error ?? ""] : fields.Select(f => f.Message).Distinct())
            ModelState.AddModelError(string.Empty, message);
        foreach (var (field, message) in fields)
            ModelState.AddModelError(field, message);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Score), await page.LoadAsync(UserId, roundId, entryId, form, null, ct));
    }

    [HttpPost("correction")]
    public async Task<IActionResult> Correction(int roundId, int entryId, CorrectionForm correction, [FromServices] ScoreCorrections corrections, CancellationToken ct)
    {
        if (await page.LoadAsync(UserId, roundId, entryId, null, correction, ct) is null) return NotFound();
        var result = ModelState.IsValid ? await corrections.RequestAsync(UserId, roundId, entryId, correction, ct) : SetupResult.Fail("请输入有效的分数。");
        if (result.Succeeded) return this.Done(result, $"/judging/rounds/{roundId}/entries/{entryId}/score");
        ModelState.Clear();
        ModelState.AddErrors(result, "");
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Score), await page.LoadAsync(UserId, roundId, entryId, null, correction, ct));
    }
}
