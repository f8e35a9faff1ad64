using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.ActivityWeek;

/// <summary>The filters of the public programme, as they come in the query string.</summary>
public sealed record ProgrammeFilter(ActivityEventType? Type = null, DateOnly? Day = null, string? Tag = null, string View = "day");

/// <summary>One event as the programme lists it, with what is left of its seats.</summary>
public sealed record ProgrammeItem(ActivityEvent Event, int Confirmed, int Waitlisted)
{
    public int? SeatsLeft => Event.Capacity is { } capacity ? Math.Max(0, capacity - Confirmed) : null;
    public DateOnly Day => ChinaTime.DateOf(Event.StartsAt);
}

public sealed record ProgrammePage(Contest Contest, ProgrammeFilter Filter, IReadOnlyList<ProgrammeItem> Items,
    IReadOnlyList<DateOnly> Days, IReadOnlyList<string> Tags)
{
    /// <summary>The tags' names across the programme, for the tag filter (whose value stays the Chinese tag).</summary>
    public TranslatedNames TagNames { get; init; } = TranslatedNames.None;
}

/// <summary>The person's own sign-up on an event page, if any.</summary>
public sealed record EventPage(Contest Contest, ProgrammeItem Item, EventSignup? Mine, bool SignupOpen);

/// <summary>Reads for the public programme: only published events of published ActivityWeek contests.</summary>
public sealed class ProgrammePages(AppDbContext db, TimeProvider clock)
{
    public Task<Contest?> ContestAsync(int contestId, CancellationToken ct) =>
        db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contestId && c.IsPublished && c.Kind == ContestKind.ActivityWeek, ct);

    /// <summary>The newest published Activity Week: where the site's "双创活动周" link leads.</summary>
    public Task<int?> CurrentContestIdAsync(CancellationToken ct) =>
        db.Contests.AsNoTracking().Where(c => c.IsPublished && c.Kind == ContestKind.ActivityWeek)
            .OrderByDescending(c => c.EditionYear).ThenByDescending(c => c.Id).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);

    public IQueryable<ActivityEvent> Published(int contestId) =>
        db.ActivityEvents.AsNoTracking().Where(e => e.ContestId == contestId && e.IsPublished);

    public async Task<ProgrammePage?> ProgrammeAsync(int contestId, ProgrammeFilter filter, CancellationToken ct)
    {
        if (await ContestAsync(contestId, ct) is not { } contest) return null;
        var all = await Published(contestId).Include(e => e.Department).OrderBy(e => e.StartsAt).ThenBy(e => e.Id).ToListAsync(ct);
        var counts = await CountsAsync(all.Select(e => e.Id).ToList(), ct);
        var items = all.Select(e => Item(e, counts)).ToList();
        var days = items.Select(i => i.Day).Distinct().Order().ToList();
        var tags = all.SelectMany(e => e.Tags).Distinct().Order(StringComparer.Ordinal).ToList();
        var shown = items
            .Where(i => filter.Type is null || i.Event.Type == filter.Type)
            .Where(i => filter.Day is null || i.Day == filter.Day)
            .Where(i => string.IsNullOrEmpty(filter.Tag) || i.Event.Tags.Contains(filter.Tag))
            .ToList();
        return new ProgrammePage(contest, filter, shown, days, tags) { TagNames = TranslatedNames.Across(all.Select(e => e.TagNames())) };
    }

    public async Task<EventPage?> EventAsync(int eventId, string? userId, CancellationToken ct)
    {
        var ev = await db.ActivityEvents.AsNoTracking().Include(e => e.Department).Include(e => e.Contest)
            .SingleOrDefaultAsync(e => e.Id == eventId && e.IsPublished && e.Contest.IsPublished, ct);
        if (ev is null) return null;
        var counts = await CountsAsync([ev.Id], ct);
        var mine = userId is null ? null : await db.Set<EventSignup>().AsNoTracking()
            .SingleOrDefaultAsync(s => s.EventId == eventId && s.UserId == userId && s.Status != SignupStatus.Cancelled, ct);
        var open = ev.RequiresSignup && ev.EndsAt > clock.GetUtcNow().UtcDateTime;
        return new EventPage(ev.Contest, Item(ev, counts), mine, open);
    }

    public async Task<Dictionary<int, (int Confirmed, int Waitlisted)>> CountsAsync(IReadOnlyCollection<int> eventIds, CancellationToken ct)
    {
        var rows = await db.Set<EventSignup>().Where(s => eventIds.Contains(s.EventId) && s.Status != SignupStatus.Cancelled)
            .GroupBy(s => new { s.EventId, s.Status }).Select(g => new { g.Key.EventId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        return eventIds.ToDictionary(id => id, id => (
            rows.Where(r => r.EventId == id && r.Status == SignupStatus.Confirmed).Sum(r => r.Count),
            rows.Where(r => r.EventId == id && r.Status == SignupStatus.Waitlisted).Sum(r => r.Count)));
    }

    private static ProgrammeItem Item(ActivityEvent e, Dictionary<int, (int Confirmed, int Waitlisted)> counts) =>
        counts.TryGetValue(e.Id, out var c) ? new ProgrammeItem(e, c.Confirmed, c.Waitlisted) : new ProgrammeItem(e, 0, 0);
}
