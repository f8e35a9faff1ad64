using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CompetitionHub.Web.Features.Review;

/// <summary>
/// Organizers review one contest's registrations: the list with filters and bulk decisions, one entry with its decision
/// form, and the exports. Being staff is not enough: every action checks the contest is one the person manages.
/// </summary>
[Authorize(Roles = Roles.Staff)]
[Route("manage")]
[Authorize(Policy = ContestAccess.Policy)]
public sealed class ReviewController(SiteLinks links) : Controller
{
    [HttpGet("contests/{contestId:int}/entries")]
    public async Task<IActionResult> Entries(int contestId, [FromQuery] EntryListQuery query, [FromServices] ListEntries list,
        CancellationToken ct)
    {
        // Filters are forgiving: a value that does not bind (page=abc) is simply not applied.
        ModelState.Clear();
        var page = await list.HandleAsync(contestId, query, ct);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("contests/{contestId:int}/entries/decide")]
    public async Task<IActionResult> DecideMany(int contestId, BulkDecisionForm form, string? returnUrl, [FromServices] DecideEntry decide,
        CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            TempData.Refused(string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct()));
        }
        else
        {
            var result = await decide.HandleManyAsync(contestId, form.Ids, form.Decision!.Value, form.Reason, EntryLink, ct);
            TempData.Outcome(result.Done > 0, result.Message);
        }
        var list = $"/manage/contests/{contestId}/entries";
        return LocalRedirect(Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith(list, StringComparison.Ordinal) ? returnUrl : list);
    }

    [HttpGet("entries/{entryId:int}")]
    public async Task<IActionResult> Entry([FromRoute(Name = "entryId")] int id, [FromServices] ShowEntry show, CancellationToken ct)
    {
        if (await show.ContestOfAsync(id, ct) is not { } contestId) return NotFound();
        return await EntryPageAsync(id, new DecisionForm(), show, ct);
    }

    [HttpPost("entries/{entryId:int}/decide")]
    public async Task<IActionResult> Decide([FromRoute(Name = "entryId")] int id, DecisionForm form, [FromServices] ShowEntry show, [FromServices] DecideEntry decide,
        CancellationToken ct)
    {
        if (await show.ContestOfAsync(id, ct) is not { } contestId) return NotFound();
        if (!ModelState.IsValid) return await EntryPageAsync(id, form, show, ct);

        var result = await decide.HandleAsync(id, form.Decision!.Value, form.Reason, form.Version, EntryLink, ct);
        if (result.Succeeded)
        {
            TempData.Success(result.Message);
            return LocalRedirect($"/manage/entries/{id}");
        }
        // The page is drawn again from the database, so after a conflict the organizer sees what the other one decided.
        ModelState.AddModelError(string.Empty, result.ErrorText);
        Response.StatusCode = result.StatusCode();
        return await EntryPageAsync(id, form, show, ct);
    }

    [HttpPost("entries/{entryId:int}/credit-code")]
    public async Task<IActionResult> CheckCreditCode([FromRoute(Name = "entryId")] int id, CreditCodeCheckForm form, [FromServices] ShowEntry show,
        [FromServices] VerifyCreditCode verify, CancellationToken ct)
    {
        if (await show.ContestOfAsync(id, ct) is not { } contestId) return NotFound();
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return await EntryPageAsync(id, new DecisionForm(), show, ct, form);
        }

        var result = await verify.HandleAsync(id, form.Verdict!.Value, form.CheckReason!, form.Version, ct);
        if (result.Succeeded)
        {
            TempData.Success(result.Message);
            return LocalRedirect($"/manage/entries/{id}");
        }
        ModelState.AddModelError(string.Empty, result.ErrorText);
        Response.StatusCode = result.StatusCode();
        return await EntryPageAsync(id, new DecisionForm(), show, ct, form);
    }

    [HttpGet("contests/{contestId:int}/entries/export.csv")]
    public Task<IActionResult> ExportCsv(int contestId, [FromServices] ExportEntries export, CancellationToken ct) =>
        ExportAsync(contestId, () => export.CsvAsync(contestId, ct), ct);

    [HttpGet("contests/{contestId:int}/entries/export.xlsx")]
    public Task<IActionResult> ExportXlsx(int contestId, [FromServices] ExportEntries export, CancellationToken ct) =>
        ExportAsync(contestId, () => export.XlsxAsync(contestId, ct), ct);

    private async Task<IActionResult> ExportAsync(int contestId, Func<Task<ExportFile?>> build, CancellationToken ct)
    {
        var file = await build();
        return file is null ? NotFound() : File(file.Content, file.ContentType, file.FileName);
    }

    private async Task<IActionResult> EntryPageAsync(int id, DecisionForm form, ShowEntry show, CancellationToken ct,
        CreditCodeCheckForm? codeForm = null)
    {
        var entry = await show.HandleAsync(id, ct);
        if (entry is null) return NotFound();
        // The hidden version must be the one just read, not the stale one that came with the post; a refusal of the
        // posted one (not a version at all) stays, so the page still says why nothing was decided.
        if (ModelState.ContainsKey(nameof(DecisionForm.Version)))
            ModelState.SetModelValue(nameof(DecisionForm.Version), entry.Version, entry.Version.ToString());
        return View("Entry", new ReviewPage(entry, form with { Version = entry.Version },
            (codeForm ?? new CreditCodeCheckForm()) with { Version = entry.Version }));
    }

    /// <summary>The contestant's own page of the entry, absolute because it goes out by email.</summary>
    private string EntryLink(int entryId) => links.To($"/entries/{entryId}");

}

public sealed record ReviewPage(EntryDetails Entry, DecisionForm Form, CreditCodeCheckForm CodeForm);
