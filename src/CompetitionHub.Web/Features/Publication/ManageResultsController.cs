using System.Security.Claims;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CompetitionHub.Web.Features.Publication;

/// <summary>
/// Organizers' side of publication: a round's draft ranking, publishing for 公示, objections and their decisions,
/// republishing, finalizing, versions and diffs, exports; and the contest's audit page. Every action checks
/// <see cref="ContestAccess"/> for the contest in the route.
/// </summary>
[Authorize(Roles = Roles.Staff)]
[Route("manage/contests/{contestId:int}")]
[Authorize(Policy = ContestAccess.Policy)]
public sealed class ManageResultsController(ResultPages pages, SiteLinks links) : Controller
{
    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    [HttpGet("rounds/{roundId:int}/results")]
    public async Task<IActionResult> Results(int contestId, int roundId, int draftPage, CancellationToken ct)
    {
        return await pages.ManageAsync(contestId, roundId, draftPage, ct) is { } page ? View(page) : NotFound();
    }

    [HttpPost("rounds/{roundId:int}/results/publish")]
    public async Task<IActionResult> Publish(int contestId, int roundId, PublishForm form, [FromServices] PublishResults publish, CancellationToken ct)
    {
        var result = ModelState.IsValid
            ? await publish.PublishAsync(contestId, roundId, form, UserId, PublicLink(contestId, roundId), ct)
            : SetupResult.Fail(FirstError());
        return Back(contestId, roundId, result);
    }

    [HttpPost("rounds/{roundId:int}/results/finalize")]
    public async Task<IActionResult> Finalize(int contestId, int roundId, FinalizeForm form, [FromServices] PublishResults publish, CancellationToken ct)
    {
        var result = ModelState.IsValid
            ? await publish.FinalizeAsync(contestId, roundId, form, UserId, PublicLink(contestId, roundId), ct)
            : SetupResult.Fail(FirstError());
        return Back(contestId, roundId, result);
    }

    [HttpPost("rounds/{roundId:int}/results/objections/{objectionId:int}")]
    public async Task<IActionResult> Decide(int contestId, int roundId, int objectionId, ObjectionDecisionForm form, [FromServices] Objections objections,
        CancellationToken ct)
    {
        var result = ModelState.IsValid
            ? await objections.DecideAsync(contestId, objectionId, form, UserId, PublicLink(contestId, roundId), ct)
            : SetupResult.Fail(FirstError());
        return Back(contestId, roundId, result);
    }

    [HttpGet("rounds/{roundId:int}/results/versions/{number:int}/diff")]
    public async Task<IActionResult> Diff(int contestId, int roundId, int number, CancellationToken ct)
    {
        return await pages.DiffAsync(contestId, roundId, number, includeUnpublishedContest: true, ct) is { } diff ? View("Diff", diff) : NotFound();
    }

    /// <summary>The ranking as CSV or XLSX: <paramref name="version"/> picks a published version, none the draft as it stands.</summary>
    [HttpGet("rounds/{roundId:int}/results/export/ranking.{format}")]
    public async Task<IActionResult> ExportRanking(int contestId, int roundId, string format, int? version, [FromServices] ExportResults export,
        CancellationToken ct)
    {
        if (ParseFormat(format) is not { } f) return NotFound();
        var file = await export.RankingAsync(contestId, roundId, version, f, ct);
        return file is null ? NotFound() : File(file.Content, file.ContentType, file.FileName);
    }

    [HttpGet("rounds/{roundId:int}/results/export/sheets.{format}")]
    public async Task<IActionResult> ExportSheets(int contestId, int roundId, string format, [FromServices] ExportResults export, CancellationToken ct)
    {
        if (ParseFormat(format) is not { } f) return NotFound();
        var file = await export.SheetsAsync(contestId, roundId, f, ct);
        return file is null ? NotFound() : File(file.Content, file.ContentType, file.FileName);
    }

    [HttpGet("audit")]
    public async Task<IActionResult> Audit(int contestId, [FromQuery] AuditFilter filter, [FromServices] AuditTrail trail, CancellationToken ct)
    {
        // [FromQuery]: the route's own "action" value must not fill the Action filter.
        // A date typed by hand that does not parse is dropped from the filter, not a 500 and not an error page.
        if (!ModelState.IsValid)
        {
            if (ModelState[nameof(AuditFilter.From)]?.Errors.Count > 0) filter = filter with { From = null };
            if (ModelState[nameof(AuditFilter.To)]?.Errors.Count > 0) filter = filter with { To = null };
            if (ModelState[nameof(AuditFilter.Page)]?.Errors.Count > 0) filter = filter with { Page = 1 };
        }
        return await trail.PageAsync(contestId, filter, ct) is { } page ? View(page) : NotFound();
    }

    private static ExportFormat? ParseFormat(string format) => format switch
    {
        "csv" => ExportFormat.Csv,
        "xlsx" => ExportFormat.Xlsx,
        _ => null,
    };

    private string FirstError() =>
        ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault(m => !string.IsNullOrEmpty(m)) ?? "请检查填写的内容。";

    private string PublicLink(int contestId, int roundId) => links.To($"/contests/{contestId}/rounds/{roundId}/results");

    private ActionResult Back(int contestId, int roundId, SetupResult result) =>
        this.Outcome(result, $"/manage/contests/{contestId}/rounds/{roundId}/results");
}
