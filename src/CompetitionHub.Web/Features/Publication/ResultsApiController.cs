using CompetitionHub.Web.Data;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Publication;

/// <summary>
/// Published results only: versions that went to 公示 or final, of published contests. A draft ranking is never here.
/// Scores are points with two decimals; times are UTC. Every ranking carries its method (rules in data and in words,
/// the lot draws used, the rule changes since scoring opened) and, per entry, its panel, counted and dropped judges and
/// the tie-breaker that decided its rank.
/// </summary>
[ApiController]
[Public("the open data API: published results (公示) only")]
[Route("api/v1")]
[Produces("application/json")]
public sealed class ResultsApiController(AppDbContext db, PublicResults results) : ControllerBase
{
    /// <summary>The rounds of a contest that have published results, with every version.</summary>
    [HttpGet("contests/{id:int}/results")]
    [ProducesResponseType<ApiContestResults>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<ApiContestResults>> ContestResults(int id, CancellationToken ct)
    {
        if (!await db.Contests.AnyAsync(c => c.Id == id && c.IsPublished, ct)) return NotFound();
        var rounds = await db.Rounds.AsNoTracking().Where(r => r.ContestId == id).OrderBy(r => r.Sequence).ToListAsync(ct);
        var versions = await db.RankingVersions.AsNoTracking().Where(v => v.ContestId == id).ToListAsync(ct);
        return new ApiContestResults(id, rounds
            .Select(r => (Round: r, Versions: versions.Where(v => v.RoundId == r.Id).OrderBy(v => v.Number).Select(PublicResults.ToApi).ToList()))
            .Where(x => x.Versions.Count > 0)
            .Select(x => new ApiRoundResults(x.Round.Id, x.Round.Sequence, x.Round.Name, x.Round.NameEn, x.Versions[^1], x.Versions))
            .ToList());
    }

    /// <summary>The current published version of a round's ranking, per group (track).</summary>
    [HttpGet("rounds/{roundId:int}/rankings")]
    [ProducesResponseType<ApiRanking>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<ApiRanking>> Current(int roundId, CancellationToken ct) =>
        await results.RankingAsync(roundId, null, ct) is { } ranking ? ranking : NotFound();

    /// <summary>Version <paramref name="number"/> of a round's ranking, as it was published.</summary>
    [HttpGet("rounds/{roundId:int}/rankings/versions/{number:int}")]
    [ProducesResponseType<ApiRanking>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<ApiRanking>> Version(int roundId, int number, CancellationToken ct) =>
        await results.RankingAsync(roundId, number, ct) is { } ranking ? ranking : NotFound();
}
