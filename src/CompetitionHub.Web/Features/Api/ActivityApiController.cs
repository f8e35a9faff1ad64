using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.ActivityWeek;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Api;

public sealed record ApiActivityEvent(
    int Id, int ContestId, string Type, string Title, string TitleEn, string Description, string DescriptionEn,
    string? Department, string? DepartmentEn, string Venue, DateTime StartsAt, DateTime EndsAt, int? Capacity, int? SeatsLeft,
    IReadOnlyList<string> Tags, IReadOnlyList<string> TagsEn, bool RequiresSignup, string CalendarUrl);

/// <summary>
/// The published events of an Activity Week programme. Times are UTC; seats left is null when there is no limit.
/// TagsEn is parallel to Tags, each the English name or, where none was given, the Chinese tag.
/// </summary>
[ApiController]
[Public("the open data API: published Activity Week programmes only")]
[Produces("application/json")]
public sealed class ActivityApiController(AppDbContext db, ProgrammePages pages) : ControllerBase
{
    [HttpGet("api/v1/activity-weeks/{contestId:int}/events")]
    [ProducesResponseType<IReadOnlyList<ApiActivityEvent>>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<IReadOnlyList<ApiActivityEvent>>> List(int contestId, CancellationToken ct)
    {
        if (await pages.ContestAsync(contestId, ct) is null) return NotFound();
        var events = await pages.Published(contestId).Include(e => e.Department).OrderBy(e => e.StartsAt).ThenBy(e => e.Id).ToListAsync(ct);
        var counts = await pages.CountsAsync(events.Select(e => e.Id).ToList(), ct);
        return events.Select(e => ToApi(e, counts[e.Id].Confirmed)).ToList();
    }

    [HttpGet("api/v1/events/{id:int}")]
    [ProducesResponseType<ApiActivityEvent>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<ApiActivityEvent>> Get(int id, CancellationToken ct)
    {
        var e = await db.ActivityEvents.AsNoTracking().Include(x => x.Department)
            .SingleOrDefaultAsync(x => x.Id == id && x.IsPublished && x.Contest.IsPublished && x.Contest.Kind == ContestKind.ActivityWeek, ct);
        if (e is null) return NotFound();
        var counts = await pages.CountsAsync([e.Id], ct);
        return ToApi(e, counts[e.Id].Confirmed);
    }

    private static ApiActivityEvent ToApi(ActivityEvent e, int confirmed) => new(
        e.Id, e.ContestId, e.Type.ToString(), e.Title, e.TitleEn, e.Description, e.DescriptionEn,
        e.Department?.Name, e.Department?.NameEn, e.Venue, e.StartsAt, e.EndsAt, e.Capacity,
        e.Capacity is { } capacity ? Math.Max(0, capacity - confirmed) : null, e.Tags, [.. e.Tags.Select(e.TagNames().English)], e.RequiresSignup,
        $"/activity-events/{e.Id}.ics");
}
