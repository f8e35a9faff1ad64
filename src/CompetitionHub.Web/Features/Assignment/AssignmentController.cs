using System.Security.Claims;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Assignment;

/// <summary>
/// The assignment page of one online round, with the preview it shows before anything is stored. A large round's entries
/// and plan are shown a page at a time (<see cref="Committed"/>, <see cref="Planned"/>); the solver still sees them all.
/// </summary>
public sealed record AssignmentPage(AssignmentOverview State, AssignmentForm Form, AssignmentPreview? Preview, string? Refusal,
    string? Query)
{
    public Paged<RoundEntry> Committed => State.Committed;
    public Paged<PlannedEntry>? Planned => Preview?.Entries;
}

/// <summary>Which stored entries the page lists (a title or an entry number), which page of them, and which page of a plan.</summary>
public sealed record AssignmentListQuery(string? Q = null, int Page = 1, int PlanPage = 1)
{
    public const int PageSize = 50;
}

/// <summary>The pair a pin, unpin, removal or unblock is about.</summary>
public sealed record PairForm(string? JudgeUserId, int EntryId);

/// <summary>
/// Organizers give an online round's entries their judges: see the pool and what is stored, preview a plan, commit it,
/// and pin or remove single pairs. Every action first checks the round's contest is one the person manages.
/// </summary>
[Authorize(Roles = Roles.Staff)]
[Route("manage/rounds/{roundId:int}/assignment")]
[Authorize(Policy = ContestAccess.Policy)]
public sealed class AssignmentController(LoadAssignmentState load, LoadAssignmentOverview overview, IStringLocalizer<SharedResource> t,
    SiteLinks links) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int roundId, [FromQuery] AssignmentListQuery list, CancellationToken ct)
    {
        // The page reads what it shows; the whole round is read only by the actions that need it (preview, commit, pins).
        var listed = ListOrFirstPage(list);
        return await overview.HandleAsync(roundId, listed, ct) is { } shown
            ? View("Index", new AssignmentPage(shown, new AssignmentForm { Seed = roundId }, null, AssignmentRules.Refusal(shown.Round, t),
                listed.Q?.Trim()))
            : NotFound();
    }

    /// <summary>
    /// A preview stores nothing, so it may also be read by address: the plan's later pages are links to the same k and
    /// seed with another page number.
    /// </summary>
    [HttpGet("preview")]
    [HttpPost("preview")]
    public async Task<IActionResult> Preview(int roundId, AssignmentForm form, [FromQuery] int? planPage,
        [FromServices] PreviewAssignment preview, CancellationToken ct)
    {
        // The round is read with its pins only: a preview kept for the same input and stored pairs needs nothing more.
        if (await load.WithPinsOnlyAsync(roundId, ct) is not { } state) return NotFound();
        ModelState.Remove(nameof(planPage));
        if (AssignmentRules.Refusal(state.Round, t) is not null || !ModelState.IsValid)
            return await PreviewPageAsync(state, form, null, ct);
        var seed = form.Seed ?? state.DefaultSeed;
        if (await preview.HandleAsync(state, form.K!.Value, seed, planPage ?? 1, ct) is not { } plan) return NotFound();
        // The commit form carries the plan's fingerprint, not the one posted with this preview.
        ModelState.Remove(nameof(AssignmentForm.Fingerprint));
        ModelState.Remove(nameof(AssignmentForm.Seed));
        return await PreviewPageAsync(state, form with { Seed = seed, Fingerprint = plan.Fingerprint }, plan, ct);
    }

    [HttpPost("commit")]
    public async Task<IActionResult> Commit(int roundId, AssignmentForm form, [FromServices] CommitAssignment commit, CancellationToken ct)
    {
        var (state, refused) = await StateAsync(roundId, ct);
        if (state is null) return refused!;
        if (!ModelState.IsValid) return PageView(state, form, null);
        var link = links.To("/judging");
        var result = await commit.HandleAsync(state, form.K!.Value, form.Seed ?? state.DefaultSeed, form.Fingerprint, link, ct);
        return Outcome(roundId, result);
    }

    [HttpPost("pin")]
    public async Task<IActionResult> Pin(int roundId, PairForm pair, [FromServices] AdjustAssignment adjust, CancellationToken ct)
    {
        var (state, refused) = await StateAsync(roundId, ct);
        if (state is null) return refused!;
        return Outcome(roundId, await adjust.PinAsync(state, pair.JudgeUserId, pair.EntryId, ct));
    }

    [HttpPost("unpin")]
    public async Task<IActionResult> Unpin(int roundId, PairForm pair, [FromServices] AdjustAssignment adjust, CancellationToken ct)
    {
        var (state, refused) = await StateAsync(roundId, ct);
        if (state is null) return refused!;
        return Outcome(roundId, await adjust.UnpinAsync(state, pair.JudgeUserId, pair.EntryId, ct));
    }

    [HttpPost("remove")]
    public async Task<IActionResult> Remove(int roundId, PairForm pair, [FromServices] AdjustAssignment adjust, CancellationToken ct)
    {
        var (state, refused) = await StateAsync(roundId, ct);
        if (state is null) return refused!;
        return Outcome(roundId, await adjust.RemoveAsync(state, pair.JudgeUserId, pair.EntryId,
            User.FindFirstValue(ClaimTypes.NameIdentifier), ct));
    }

    [HttpPost("unblock")]
    public async Task<IActionResult> Unblock(int roundId, PairForm pair, [FromServices] AdjustAssignment adjust, CancellationToken ct)
    {
        var (state, refused) = await StateAsync(roundId, ct);
        if (state is null) return refused!;
        return Outcome(roundId, await adjust.UnblockAsync(state, pair.JudgeUserId, pair.EntryId, ct));
    }

    /// <summary>The round's state, or 404 for an unknown round (another contest's round was refused by the policy already).</summary>
    private async Task<(AssignmentState? State, IActionResult? Refused)> StateAsync(int roundId, CancellationToken ct) =>
        await load.HandleAsync(roundId, ct) is { } state ? (state, null) : (null, NotFound());

    /// <summary>The page over a round already read whole: its overview comes from that state, not from a second read.</summary>
    private ViewResult PageView(AssignmentState state, AssignmentForm form, AssignmentPreview? preview) =>
        View("Index", new AssignmentPage(AssignmentOverview.From(state, 1), form, preview, AssignmentRules.Refusal(state.Round, t), null));

    /// <summary>The page under a preview: the first page of what is stored, from the round as the preview read it.</summary>
    private async Task<IActionResult> PreviewPageAsync(AssignmentState pinsOnly, AssignmentForm form, AssignmentPreview? preview,
        CancellationToken ct) =>
        View("Index", new AssignmentPage(await overview.UnderPreviewAsync(pinsOnly, ct), form, preview, AssignmentRules.Refusal(pinsOnly.Round, t), null));

    /// <summary>An unreadable page number shows the first page; the filter text is kept as typed.</summary>
    private AssignmentListQuery ListOrFirstPage(AssignmentListQuery list)
    {
        var page = ModelState[nameof(AssignmentListQuery.Page)]?.Errors.Count > 0 ? 1 : list.Page;
        ModelState.Clear();
        return list with { Page = page, PlanPage = 1 };
    }

    private ActionResult Outcome(int roundId, SetupResult result) => this.Outcome(result, $"/manage/rounds/{roundId}/assignment");
}
