using Microsoft.AspNetCore.Mvc;

namespace CompetitionHub.Web.Features.Publication;

/// <summary>
/// The public re-check of a published contest's lot draws (<see cref="PublicDraws"/>): no account needed, and an
/// unpublished contest or an unknown session is a plain 404.
/// </summary>
public sealed class DrawsController(PublicDraws draws) : Controller
{
    [HttpGet("/contests/{contestId:int}/draws")]
    public async Task<IActionResult> Index(int contestId, CancellationToken ct) =>
        await draws.ContestAsync(contestId, null, ct) is { } page ? View(page) : NotFound();

    [HttpGet("/contests/{contestId:int}/draws/sessions/{sessionId:int}")]
    public async Task<IActionResult> Session(int contestId, int sessionId, CancellationToken ct) =>
        await draws.ContestAsync(contestId, sessionId, ct) is { } page ? View(nameof(Index), page) : NotFound();

    /// <summary>From a session's live page, which knows its session but not its contest.</summary>
    [HttpGet("/live/sessions/{sessionId:int}/draw")]
    public async Task<IActionResult> Live(int sessionId, CancellationToken ct) =>
        await draws.ContestOfSessionAsync(sessionId, ct) is { } contestId
            ? LocalRedirect($"/contests/{contestId}/draws/sessions/{sessionId}")
            : NotFound();
}
