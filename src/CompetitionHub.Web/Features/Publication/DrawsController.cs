using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace CompetitionHub.Web.Features.Publication;

/// <summary>
/// The public re-check of a published contest's lot draws (<see cref="PublicDraws"/>): no account needed. An
/// unpublished contest or an unknown session is a plain 404, except to those who manage the contest (a preview).
/// </summary>
[Public("a published contest's lot draws are for anyone to re-check; an unpublished one is not found except by its organizers")]
public sealed class DrawsController(PublicDraws draws, ContestAccess access) : Controller
{
    [HttpGet("/contests/{contestId:int}/draws")]
    public async Task<IActionResult> Index(int contestId, CancellationToken ct) =>
        await draws.ContestAsync(contestId, null, await PreviewAsync(contestId, ct), ct) is { } page ? View(page) : NotFound();

    [HttpGet("/contests/{contestId:int}/draws/sessions/{sessionId:int}")]
    public async Task<IActionResult> Session(int contestId, int sessionId, CancellationToken ct) =>
        await draws.ContestAsync(contestId, sessionId, await PreviewAsync(contestId, ct), ct) is { } page ? View(nameof(Index), page) : NotFound();

    /// <summary>From a session's live page, which knows its session but not its contest.</summary>
    [HttpGet("/live/sessions/{sessionId:int}/draw")]
    public async Task<IActionResult> Live(int sessionId, CancellationToken ct)
    {
        // Redirect only to a page the reader may open, so an unpublished contest's id is not given away.
        if (await draws.ContestOfSessionAsync(sessionId, ct) is not { } contestId
            || await draws.ContestAsync(contestId, sessionId, await PreviewAsync(contestId, ct), ct) is null)
            return NotFound();
        return LocalRedirect($"/contests/{contestId}/draws/sessions/{sessionId}");
    }

    private async Task<bool> PreviewAsync(int contestId, CancellationToken ct) =>
        User.Identity?.IsAuthenticated == true && await access.CanManageAsync(User, contestId, ct);
}
