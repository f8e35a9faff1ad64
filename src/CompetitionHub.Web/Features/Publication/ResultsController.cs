using System.Globalization;
using System.Security.Claims;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CompetitionHub.Web.Features.Publication;

/// <summary>
/// Public results of published contests: per contest, per round (the current version or an earlier one), per group,
/// the diff against the version before, and the objection form during 公示.
/// </summary>
public sealed class ResultsController(ResultPages pages) : Controller
{
    [Public("published results (公示) are for everyone; before publication only the contest's organizers preview them")]
    [HttpGet("/contests/{contestId:int}/results")]
    public async Task<IActionResult> Index(int contestId, CancellationToken ct) =>
        await pages.ContestAsync(contestId, ct) is { } page ? View(page) : NotFound();

    [Public("a published round's results are for everyone")]
    [HttpGet("/contests/{contestId:int}/rounds/{roundId:int}/results")]
    public Task<IActionResult> Round(int contestId, int roundId, [FromQuery] int? page, CancellationToken ct) =>
        ShowAsync(contestId, roundId, null, null, page, ct);

    [Public("a published round's results per track are for everyone")]
    [HttpGet("/contests/{contestId:int}/rounds/{roundId:int}/results/tracks/{trackId:int}")]
    public Task<IActionResult> Track(int contestId, int roundId, int trackId, [FromQuery] int? page, CancellationToken ct) =>
        ShowAsync(contestId, roundId, null, trackId, page, ct);

    [Public("every published version stays public, so a change after 公示 can be seen")]
    [HttpGet("/contests/{contestId:int}/rounds/{roundId:int}/results/versions/{number:int}")]
    public Task<IActionResult> Version(int contestId, int roundId, int number, [FromQuery] int? page, CancellationToken ct) =>
        ShowAsync(contestId, roundId, number, null, page, ct);

    [Public("what changed between published versions is public")]
    [HttpGet("/contests/{contestId:int}/rounds/{roundId:int}/results/versions/{number:int}/diff")]
    public async Task<IActionResult> Diff(int contestId, int roundId, int number, CancellationToken ct) =>
        await pages.DiffAsync(contestId, roundId, number, includeUnpublishedContest: false, ct) is { } diff ? View("Diff", diff) : NotFound();

    /// <summary>
    /// The public export of a published version (JSON; see README): its ranking, method and every sheet it used, judges
    /// as seats, so anyone can recompute it with tools/verify-results.py.
    /// </summary>
    [Public("a published version's data, for anyone to recompute the ranking")]
    [HttpGet("/contests/{contestId:int}/rounds/{roundId:int}/results/versions/{number:int}/export.json")]
    public async Task<IActionResult> Export(int contestId, int roundId, int number, [FromServices] PublicResults results, CancellationToken ct)
    {
        if (await results.ExportAsync(contestId, roundId, number, ct) is not { } export) return NotFound();
        Response.Headers.ContentDisposition = $"attachment; filename=\"results-round{roundId}-v{number}.json\"";
        return new JsonResult(export, PublicExportJson);
    }

    private static readonly System.Text.Json.JsonSerializerOptions PublicExportJson = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        // Chinese titles and the statement stay readable in the file instead of \u escapes.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    [Authorize(Policy = Policies.SignedIn)]
    [HttpGet("/contests/{contestId:int}/rounds/{roundId:int}/results/objection")]
    public async Task<IActionResult> Objection(int contestId, int roundId, [FromServices] Objections objections, CancellationToken ct)
    {
        var page = await pages.RoundAsync(contestId, roundId, null, null, ct);
        if (page is null) return NotFound();
        return View(new ObjectionPage(page, await objections.MineAsync(roundId, UserId, ct), new ObjectionForm()));
    }

    [Authorize(Policy = Policies.SignedIn)]
    [HttpPost("/contests/{contestId:int}/rounds/{roundId:int}/results/objection"), UploadBodyLimit, EnableRateLimiting(RateLimitSetup.Uploads)]
    public async Task<IActionResult> Objection(int contestId, int roundId, ObjectionForm form, [FromServices] Objections objections, CancellationToken ct)
    {
        var page = await pages.RoundAsync(contestId, roundId, null, null, ct);
        if (page is null) return NotFound();
        if (ModelState.IsValid)
        {
            var result = await objections.FileAsync(contestId, roundId, UserId, form, CultureInfo.CurrentUICulture.Name, ct);
            if (result.Error is null)
            {
                TempData.Success("异议已提交，组织者处理后会以邮件答复您。");
                return Redirect($"/contests/{contestId}/rounds/{roundId}/results/objection");
            }
            ModelState.AddModelError(string.Empty, result.Error);
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(new ObjectionPage(page, await objections.MineAsync(roundId, UserId, ct), form with { Evidence = null }));
    }

    [Authorize(Policy = Policies.SignedIn)]
    [HttpGet("/objections/{id:int}/evidence")]
    public async Task<IActionResult> Evidence(int id, [FromServices] Objections objections, [FromServices] FileUploads uploads, CancellationToken ct)
    {
        // An unknown id and a forbidden one look the same, so ids cannot be probed.
        if (await objections.EvidenceAsync(User, id, ct) is not { } file) return StatusCode(StatusCodes.Status403Forbidden);
        return uploads.Download(file.StoredName, file.ContentType, file.FileName);
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    // An unreadable page number shows the first page.
    private async Task<IActionResult> ShowAsync(int contestId, int roundId, int? number, int? trackId, int? page, CancellationToken ct) =>
        await pages.RoundAsync(contestId, roundId, number, trackId, ct, page ?? 1) is { } shown && (trackId is null || shown.Groups.Count > 0)
            ? View("Round", shown)
            : NotFound();
}

public sealed record MyObjection(int Id, int VersionNumber, DateTime FiledAt, string Text, string EvidenceFileName, ObjectionStatus Status, string? Answer,
    DateTime? DecidedAt);

public sealed record ObjectionPage(PublicRoundResults Results, IReadOnlyList<MyObjection> Mine, ObjectionForm Form);
