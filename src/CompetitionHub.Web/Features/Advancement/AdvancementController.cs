using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CompetitionHub.Web.Features.Advancement;

/// <summary>
/// The advancement page: every group's quota, cut line and forms, and of each group's ranking one page of
/// <see cref="PageSize"/> rows (<see cref="Group"/> names the group whose page is not the first).
/// </summary>
public sealed record AdvancementPage(AdvancementBoard Board, string? Refusal, string? Group = null, int Page = 1)
{
    public const int PageSize = 50;

    /// <summary>The titles and teams of the entries the page names (<see cref="Named"/>); the board itself holds none.</summary>
    public IReadOnlyDictionary<int, EntryName> Names { get; init; } = new Dictionary<int, EntryName>();

    public Paged<BoardEntry> PageOf(TrackBoard track) => track.Entries.ToPage(track.Key == Group ? Page : 1, PageSize);

    public EntryName Name(int entryId) => Names.Of(entryId);

    /// <summary>Every entry the page names: each group's page of its ranking, and those its notices and forms list.</summary>
    public IEnumerable<int> Named() => Board.Tracks.SelectMany(track => PageOf(track).Rows.Select(e => e.EntryId)
        .Concat(track.Cut?.TiedAtLine ?? []).Concat(track.NextInLine).Concat(track.InQuotaBelowMinimum.Select(e => e.EntryId)));
}

/// <summary>
/// The advancement page of a round: per track the ranking, the quota and its cut line, confirmation and backfill.
/// Every action first checks the person manages the contest (404 for an unknown round, 403 for another contest's).
/// </summary>
[Authorize(Roles = Roles.Staff)]
[Route("manage/contests/{id:int}/rounds/{roundId:int}/advancement")]
[Authorize(Policy = ContestAccess.Policy)]
public sealed class AdvancementController(LoadAdvancementBoard load, AppDbContext db,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t, SiteLinks links) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int id, int roundId, [FromQuery] string? group, [FromQuery] int? page, CancellationToken ct)
    {
        var (board, refused) = await BoardAsync(id, roundId, ct);
        if (board is null) return refused!;
        // An unreadable page number shows the first page.
        var shown = new AdvancementPage(board, AdvancementRules.Refusal(board, t), group, page ?? 1);
        return View("Index", shown with { Names = await db.EntryNamesAsync(id, shown.Named(), ct) });
    }

    [HttpPost("quota")]
    public async Task<IActionResult> Quota(int id, int roundId, QuotaForm form, [FromServices] SaveQuota save, CancellationToken ct)
    {
        var (board, refused) = await BoardAsync(id, roundId, ct);
        if (board is null) return refused!;
        if (!ModelState.IsValid)
            return Outcome(id, roundId, SetupResult.Fail("", string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage))));
        return Outcome(id, roundId, await save.HandleAsync(board, form.TrackId, form.Industry, form.Quota!.Value, ct));
    }

    [HttpPost("confirm")]
    public async Task<IActionResult> Confirm(int id, int roundId, ConfirmForm form, [FromServices] ConfirmAdvancement confirm, CancellationToken ct)
    {
        var (board, refused) = await BoardAsync(id, roundId, ct);
        if (board is null) return refused!;
        return Outcome(id, roundId, await confirm.HandleAsync(board, form, User, EntryLink, ct));
    }

    [HttpPost("backfill")]
    public async Task<IActionResult> Backfill(int id, int roundId, BackfillForm form, [FromServices] BackfillAdvancement backfill, CancellationToken ct)
    {
        var (board, refused) = await BoardAsync(id, roundId, ct);
        if (board is null) return refused!;
        return Outcome(id, roundId, await backfill.HandleAsync(board, form, EntryLink, ct));
    }

    private string EntryLink(int entryId) => links.To($"/entries/{entryId}");

    private async Task<(AdvancementBoard? Board, IActionResult? Refused)> BoardAsync(int contestId, int roundId, CancellationToken ct)
    {
        // The access check comes first, so another contest's organizer cannot learn which rounds exist.
        return await load.HandleAsync(contestId, roundId, ct) is { } board ? (board, null) : (null, NotFound());
    }

    private ActionResult Outcome(int contestId, int roundId, SetupResult result) =>
        this.Outcome(result, $"/manage/contests/{contestId}/rounds/{roundId}/advancement");
}
