using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.ActivityWeek;

/// <summary>Attendance of one Activity Week event, for the door page and the organizer's event page; sent live on every check-in.</summary>
public sealed record AttendanceCounts(int EventId, int CheckedIn, int Confirmed, int Waitlisted, long Version);

public enum CheckInResult { Admitted, AlreadyUsed, OtherEvent, Cancelled, Waitlisted, Unknown }

/// <summary>The door's answer: what happened, whose ticket, when it was used, and for which event when it is another one.</summary>
public sealed record CheckInOutcome(CheckInResult Result, string? Name = null, DateTime? CheckedInAt = null, string? OtherEventTitle = null);

/// <summary>
/// Admits a ticket at the door, by its scanned token or its typed short code. Admission is one conditional UPDATE
/// (confirmed, for this event, not yet checked in): two doors scanning the same ticket at once both run it, the
/// database lets exactly one change the row, and the other is told the ticket is already used.
/// </summary>
public sealed class CheckIn(AppDbContext db, LiveEvents live, TimeProvider clock, ILogger<CheckIn> logger)
{
    public async Task<CheckInOutcome> HandleAsync(int eventId, string ticket, string staffUserId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(ticket)) return new(CheckInResult.Unknown);
        var signups = db.Set<EventSignup>();
        var code = Tickets.NormalizeCode(ticket);
        var token = ticket.Trim();
        // A scanned token is 43 characters and a typed code 8; the two never collide.
        var found = await signups.AsNoTracking()
            .Where(s => code.Length == Tickets.CodeLength ? s.TicketCode == code : s.TicketToken == token)
            .Select(s => new { s.Id, s.EventId, s.Status, s.CheckedInAt, Name = s.User.DisplayName, s.Event.ContestId, EventTitle = s.Event.Title, EventTitleEn = s.Event.TitleEn })
            .SingleOrDefaultAsync(ct);
        if (found is null) return new(CheckInResult.Unknown);
        if (found.EventId != eventId)
            return new(CheckInResult.OtherEvent, found.Name, OtherEventTitle: Localized.Pick(found.EventTitle, found.EventTitleEn));
        if (found.Status == SignupStatus.Cancelled) return new(CheckInResult.Cancelled, found.Name);
        if (found.Status == SignupStatus.Waitlisted) return new(CheckInResult.Waitlisted, found.Name);

        var now = clock.GetUtcNow().UtcDateTime;
        var admitted = await signups
            .Where(s => s.Id == found.Id && s.Status == SignupStatus.Confirmed && s.CheckedInAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.CheckedInAt, now).SetProperty(s => s.CheckedInBy, staffUserId), ct);
        if (admitted == 0)
        {
            var current = await signups.AsNoTracking().Where(s => s.Id == found.Id).Select(s => new { s.Status, s.CheckedInAt }).SingleAsync(ct);
            return current.CheckedInAt is { } at ? new(CheckInResult.AlreadyUsed, found.Name, at) : new(CheckInResult.Cancelled, found.Name);
        }

        logger.LogInformation("Sign-up {SignupId} checked in at event {EventId} by {StaffUserId}", found.Id, eventId, staffUserId);
        await PublishCountsAsync(found.ContestId, eventId, ct);
        return new(CheckInResult.Admitted, found.Name, now);
    }

    public Task<AttendanceCounts> CountsAsync(int eventId, CancellationToken ct) => ReadCountsAsync(db, eventId, clock, ct);

    internal static async Task<AttendanceCounts> ReadCountsAsync(AppDbContext db, int eventId, TimeProvider clock, CancellationToken ct)
    {
        var byStatus = await db.Set<EventSignup>().Where(s => s.EventId == eventId)
            .GroupBy(s => s.Status)
            .Select(g => new { Status = g.Key, Count = g.Count(), CheckedIn = g.Count(s => s.CheckedInAt != null) })
            .ToListAsync(ct);
        int Of(SignupStatus status) => byStatus.Where(g => g.Status == status).Sum(g => g.Count);
        return new AttendanceCounts(eventId, byStatus.Sum(g => g.CheckedIn), Of(SignupStatus.Confirmed), Of(SignupStatus.Waitlisted),
            clock.GetUtcNow().UtcTicks);
    }

    private async Task PublishCountsAsync(int contestId, int eventId, CancellationToken ct)
    {
        try
        {
            await live.ToContestStaffAsync(contestId, LiveEvents.AttendanceChanged, await CountsAsync(eventId, ct), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The person is in either way; the pages fetch the counts again on reconnect.
            logger.LogWarning(e, "Could not publish the attendance of event {EventId}", eventId);
        }
    }
}
