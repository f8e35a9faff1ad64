using CompetitionHub.Web.Data;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Api;

public sealed record ApiTrack(int Id, string Code, string Name, string NameEn);

public sealed record ApiRound(int Id, int Sequence, string Name, string NameEn, string Kind, string Status, DateTime? StartsAt, DateTime? EndsAt);

public sealed record ApiContest(
    int Id, string Slug, int EditionYear, string Kind, string Name, string NameEn, string Description, string DescriptionEn,
    DateTime? RegistrationOpensAt, DateTime? RegistrationClosesAt, IReadOnlyList<ApiTrack> Tracks, IReadOnlyList<ApiRound> Rounds);

/// <summary>Published contests. Times are UTC (ISO 8601 with Z); names come in Chinese and English.</summary>
[ApiController]
[Public("the open data API: published contests only")]
[Route("api/v1/contests")]
[Produces("application/json")]
public sealed class ContestsApiController(AppDbContext db) : ControllerBase
{
    [HttpGet]
    public async Task<IReadOnlyList<ApiContest>> List(CancellationToken ct) =>
        (await Published().OrderByDescending(c => c.EditionYear).ThenBy(c => c.Id).ToListAsync(ct)).Select(ToApi).ToList();

    [HttpGet("{id:int}")]
    [ProducesResponseType<ApiContest>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<ApiContest>> Get(int id, CancellationToken ct) =>
        await Published().SingleOrDefaultAsync(c => c.Id == id, ct) is { } c ? ToApi(c) : NotFound();

    private IQueryable<Contests.Contest> Published() =>
        db.Contests.AsNoTracking().Where(c => c.IsPublished).Include(c => c.Tracks).Include(c => c.Rounds).AsSplitQuery();

    private static ApiContest ToApi(Contests.Contest c) => new(
        c.Id, c.Slug, c.EditionYear, c.Kind.ToString(), c.Name, c.NameEn, c.Description, c.DescriptionEn,
        c.RegistrationOpensAt, c.RegistrationClosesAt,
        c.Tracks.OrderBy(t => t.Id).Select(t => new ApiTrack(t.Id, t.Code, t.Name, t.NameEn)).ToList(),
        c.Rounds.OrderBy(r => r.Sequence)
            .Select(r => new ApiRound(r.Id, r.Sequence, r.Name, r.NameEn, r.Kind.ToString(), r.Status.ToString(), r.StartsAt, r.EndsAt)).ToList());
}
