using CompetitionHub.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Publication;

public sealed record ApiVersion(int Number, string Stage, DateTime PublishedAt, DateTime AnnouncementEndsAt, DateTime? FinalizedAt, string Note);

public sealed record ApiRoundResults(int RoundId, int Sequence, string Name, string NameEn, ApiVersion Current, IReadOnlyList<ApiVersion> Versions);

public sealed record ApiContestResults(int ContestId, IReadOnlyList<ApiRoundResults> Rounds);

public sealed record ApiRankedEntry(int Rank, bool Tied, int EntryId, string Title, string Team, string Company, decimal Score, int JudgeCount);

public sealed record ApiRankingGroup(int TrackId, string Name, string NameEn, IReadOnlyList<ApiRankedEntry> Entries);

public sealed record ApiRanking(int ContestId, int RoundId, ApiVersion Version, int LatestVersion, IReadOnlyList<ApiRankingGroup> Groups);

/// <summary>
/// Published results only: versions that went to 公示 or final, of published contests. A draft ranking is never here.
/// Scores are points with two decimals; times are UTC.
/// </summary>
[ApiController]
[Route("api/v1")]
[Produces("application/json")]
public sealed class ResultsApiController(AppDbContext db) : ControllerBase
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
            .Select(r => (Round: r, Versions: versions.Where(v => v.RoundId == r.Id).OrderBy(v => v.Number).Select(ToApi).ToList()))
            .Where(x => x.Versions.Count > 0)
            .Select(x => new ApiRoundResults(x.Round.Id, x.Round.Sequence, x.Round.Name, x.Round.NameEn, x.Versions[^1], x.Versions))
            .ToList());
    }

    /// <summary>The current published version of a round's ranking, per group (track).</summary>
    [HttpGet("rounds/{roundId:int}/rankings")]
    [ProducesResponseType<ApiRanking>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public Task<ActionResult<ApiRanking>> Current(int roundId, CancellationToken ct) => RankingAsync(roundId, null, ct);

    /// <summary>Version <paramref name="number"/> of a round's ranking, as it was published.</summary>
    [HttpGet("rounds/{roundId:int}/rankings/versions/{number:int}")]
    [ProducesResponseType<ApiRanking>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public Task<ActionResult<ApiRanking>> Version(int roundId, int number, CancellationToken ct) => RankingAsync(roundId, number, ct);

    private async Task<ActionResult<ApiRanking>> RankingAsync(int roundId, int? number, CancellationToken ct)
    {
        var versions = await db.RankingVersions.AsNoTracking()
            .Where(v => v.RoundId == roundId && db.Contests.Any(c => c.Id == v.ContestId && c.IsPublished))
            .OrderByDescending(v => v.Number).ToListAsync(ct);
        if (versions.Count == 0) return NotFound();
        var version = number is { } n ? versions.FirstOrDefault(v => v.Number == n) : versions[0];
        if (version is null) return NotFound();
        var rows = await db.PublishedRanks.AsNoTracking().Where(r => r.VersionId == version.Id)
            .OrderBy(r => r.TrackOrder).ThenBy(r => r.Rank).ThenBy(r => r.EntryId).ToListAsync(ct);
        var groups = rows.GroupBy(r => (r.TrackId, r.TrackOrder)).Select(g => new ApiRankingGroup(g.Key.TrackId, g.First().TrackName, g.First().TrackNameEn,
            g.Select(r => new ApiRankedEntry(r.Rank, r.Tied, r.EntryId, r.EntryTitle, r.TeamName, r.CompanyName, r.Score, r.JudgeCount)).ToList())).ToList();
        return new ApiRanking(version.ContestId, roundId, ToApi(version), versions[0].Number, groups);
    }

    private static ApiVersion ToApi(RankingVersion v) =>
        new(v.Number, v.Stage.ToString(), v.PublishedAt, v.AnnouncementEndsAt, v.FinalizedAt, v.Note);
}
