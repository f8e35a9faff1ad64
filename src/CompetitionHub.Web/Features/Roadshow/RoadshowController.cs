using System.Security.Claims;
using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Roadshow;

/// <summary>
/// The organizer's roadshow sessions of a round. Every action first finds the round (404), asks
/// <see cref="ContestAccess"/> about its contest (403), and refuses rounds that are not roadshows with a page saying so.
/// </summary>
[Authorize(Roles = Roles.Staff)]
[Route("manage/rounds/{roundId:int}/sessions")]
[Authorize(Policy = ContestAccess.Policy)]
public sealed class RoadshowController(AppDbContext db, SessionPages pages) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int roundId, CancellationToken ct)
    {
        var (round, refused) = await GuardAsync(roundId, ct);
        if (refused is not null) return refused;
        return View(await pages.ListAsync(round!, ct));
    }

    [HttpGet("new")]
    public async Task<IActionResult> New(int roundId, CancellationToken ct)
    {
        var (round, refused) = await GuardAsync(roundId, ct);
        if (refused is not null) return refused;
        var start = round!.Status is RoundStatus.Closed or RoundStatus.Published ? (DateTime?)null
            : await db.Rounds.Where(r => r.Id == roundId).Select(r => r.StartsAt).SingleAsync(ct);
        var form = new SessionForm { StartsAt = start is { } s ? Infrastructure.ChinaTime.FromUtc(s) : null };
        return View("Session", await pages.EditAsync(round, null, form, new DrawForm(), ct));
    }

    [HttpPost("new")]
    public Task<IActionResult> Create(int roundId, [Bind(Prefix = "Form")] SessionForm form, [FromServices] SaveSession save, CancellationToken ct) =>
        SaveAsync(roundId, 0, form, save, ct);

    [HttpGet("{sessionId:int}")]
    public async Task<IActionResult> Edit(int roundId, int sessionId, CancellationToken ct)
    {
        var (round, refused) = await GuardAsync(roundId, ct);
        if (refused is not null) return refused;
        var session = await pages.SessionAsync(round!, sessionId, ct);
        if (session is null) return NotFound();
        return View("Session", await pages.EditAsync(round!, session, SessionForm.From(session), new DrawForm { Version = session.Version }, ct));
    }

    [HttpPost("{sessionId:int}")]
    public Task<IActionResult> Update(int roundId, int sessionId, [Bind(Prefix = "Form")] SessionForm form, [FromServices] SaveSession save, CancellationToken ct) =>
        SaveAsync(roundId, sessionId, form, save, ct);

    private async Task<IActionResult> SaveAsync(int roundId, int sessionId, SessionForm form, SaveSession save, CancellationToken ct)
    {
        var (round, refused) = await GuardAsync(roundId, ct);
        if (refused is not null) return refused;
        var session = sessionId == 0 ? null : await pages.SessionAsync(round!, sessionId, ct);
        if (sessionId != 0 && session is null) return NotFound();
        if (ModelState.IsValid)
        {
            var entity = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId, ct);
            var result = await save.HandleAsync(entity, sessionId, form, ct);
            if (result.Succeeded) return this.Done(result, $"/manage/rounds/{roundId}/sessions/{result.Id}");
            ModelState.AddErrors(result, "Form.");
        }
        var draw = new DrawForm { Version = session?.Version ?? Guid.Empty };
        return View("Session", await pages.EditAsync(round!, session, form, draw, ct));
    }

    [HttpPost("{sessionId:int}/delete")]
    public async Task<IActionResult> Delete(int roundId, int sessionId, [FromServices] SaveSession save, CancellationToken ct)
    {
        var (round, refused) = await GuardAsync(roundId, ct);
        if (refused is not null) return refused;
        if (await pages.SessionAsync(round!, sessionId, ct) is null) return NotFound();
        var entity = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == round!.Id, ct);
        var result = await save.RemoveAsync(entity, sessionId, ct);
        if (result.Succeeded) return this.Done(result, $"/manage/rounds/{roundId}/sessions");
        TempData.Refused(result.ErrorText);
        return LocalRedirect($"/manage/rounds/{roundId}/sessions/{sessionId}");
    }

    [HttpPost("{sessionId:int}/draw")]
    public async Task<IActionResult> Draw(int roundId, int sessionId, [Bind(Prefix = "Draw")] DrawForm draw, [FromServices] DrawRunningOrder drawing,
        CancellationToken ct)
    {
        var (round, refused) = await GuardAsync(roundId, ct);
        if (refused is not null) return refused;
        var session = await pages.SessionAsync(round!, sessionId, ct);
        if (session is null) return NotFound();
        if (ModelState.IsValid)
        {
            var entity = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId, ct);
            var result = await drawing.HandleAsync(entity, sessionId, draw, User.FindFirstValue(ClaimTypes.NameIdentifier), ct);
            if (result.Succeeded) return this.Done(result, $"/manage/rounds/{roundId}/sessions/{sessionId}#draw");
            ModelState.AddErrors(result, "Draw.");
        }
        // The session may have changed under a refused draw; show it as it is now, the organizer's draw input kept.
        session = await pages.SessionAsync(round!, sessionId, ct);
        if (session is null) return NotFound();
        return View("Session", await pages.EditAsync(round!, session, SessionForm.From(session), draw, ct));
    }

    [HttpGet("{sessionId:int}/verify")]
    public async Task<IActionResult> Verify(int roundId, int sessionId, CancellationToken ct)
    {
        var (round, refused) = await GuardAsync(roundId, ct);
        if (refused is not null) return refused;
        var session = await pages.SessionAsync(round!, sessionId, ct);
        if (session is null) return NotFound();
        return View(await pages.VerifyAsync(round!, session, ct));
    }

    /// <summary>404 for an unknown round, 403 for one the user may not manage, a message for a round that is not a roadshow.</summary>
    private async Task<(RoundInfo? Round, IActionResult? Refused)> GuardAsync(int roundId, CancellationToken ct)
    {
        var round = await pages.RoundAsync(roundId, ct);
        if (round is null) return (null, NotFound());
        if (round.Kind != RoundKind.Roadshow)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return (round, View("NotRoadshow", round));
        }
        return (round, null);
    }
}
