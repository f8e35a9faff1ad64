using CompetitionHub.Web.Data;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CompetitionHub.Web.Features.Matchmaking;

/// <summary>
/// A member of the entry's team accepts or declines a pending request. Accepting books the earliest free slot of the
/// request's event where neither the investor nor the entry has another meeting, and the lowest free table.
/// </summary>
/// <remarks>
/// The search and the booking are one unit (<see cref="AtomicSave"/>) that first takes both sides
/// (<see cref="TakeSidesAsync"/>), so two bookings for the same investor or the same entry queue up, each searching the
/// calendars as the one before left them: that holds across events whose hours overlap, where no unique index reaches.
/// Within one event the unique indexes on (start, investor / entry / table) keep the rest: two acceptances racing for
/// one table fail the second's save, and it searches again from fresh data, so it gets the next free place (or a clear
/// refusal when the event is full).
/// </remarks>
public sealed class AnswerMeeting(AppDbContext db, MeetingNotices notices, TimeProvider clock,
    IOptions<MatchmakingOptions> options, IStringLocalizer<SharedResource> t, ILogger<AnswerMeeting> logger)
{
    /// <summary>Enough for a burst of acceptances on one event; each retry means another acceptance won a table.</summary>
    private const int MaxAttempts = 20;

    public async Task<SetupResult> AcceptAsync(int meetingId, string userId, string? note, string link, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.SaveAtomicallyAsync(ct => AcceptUnitAsync(meetingId, userId, note, link, ct), ct);
            }
            catch (DbUpdateException ex) when (attempt < MaxAttempts && ex.Classify() is DatabaseError.UniqueViolation or DatabaseError.VersionConflict)
            {
                // Someone else took this place (unique index) or answered this request (version) meanwhile: look again.
                logger.LogInformation(ex, "A place was taken, or meeting {MeetingId} answered, meanwhile; searching again", meetingId);
            }
        }
    }

    /// <summary>
    /// Takes the rows of a meeting's two sides, the investor's profile and then the entry, until the unit commits.
    /// Whatever books or moves a meeting takes them before it reads the calendars, always in that order.
    /// </summary>
    internal static async Task TakeSidesAsync(AppDbContext db, string investorUserId, int entryId, CancellationToken ct)
    {
        await db.InvestorProfiles.Where(p => p.UserId == investorUserId).ExecuteUpdateAsync(s => s.SetProperty(p => p.FundName, p => p.FundName), ct);
        await db.Entries.Where(e => e.Id == entryId).ExecuteUpdateAsync(s => s.SetProperty(e => e.TeamId, e => e.TeamId), ct);
    }

    private async Task<SetupResult> AcceptUnitAsync(int meetingId, string userId, string? note, string link, CancellationToken ct)
    {
        var meeting = await PendingForMemberAsync(meetingId, userId, ct);
        if (meeting.Outcome is { } refused) return refused;
        var m = meeting.Request!;

        await TakeSidesAsync(db, m.InvestorUserId, m.EntryId, ct);
        var slot = await FindFreeSlotAsync(m, ignoreMeetingId: null, ct);
        if (slot is null)
            return SetupResult.Fail(t["这场对接会已没有您和投资人都空闲的时段。请联系组织者，或婉拒后请投资人改约其他对接会。"]);

        var now = clock.GetUtcNow().UtcDateTime;
        m.Status = MeetingStatus.Accepted;
        m.ResponseNote = Clean(note);
        m.AnsweredAt = now;
        m.AnsweredByUserId = userId;
        var booked = new MeetingSlot
        {
            MeetingRequestId = m.Id, EventId = m.EventId, StartsAt = slot.StartsAt, EndsAt = slot.EndsAt,
            TableNumber = slot.TableNumber, InvestorUserId = m.InvestorUserId, EntryId = m.EntryId,
        };
        db.MeetingSlots.Add(booked);
        await notices.ScheduledAsync(m, booked, moved: false, link, ct);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Meeting {MeetingId} accepted by {UserId}: event {EventId}, {StartsAt}, table {Table}",
            m.Id, userId, m.EventId, slot.StartsAt, slot.TableNumber);
        return SetupResult.Done(m.Id);
    }

    public async Task<SetupResult> DeclineAsync(int meetingId, string userId, string? note, string link, CancellationToken ct)
    {
        var meeting = await PendingForMemberAsync(meetingId, userId, ct);
        if (meeting.Outcome is { } refused) return refused;
        var m = meeting.Request!;
        m.Status = MeetingStatus.Declined;
        m.ResponseNote = Clean(note);
        m.AnsweredAt = clock.GetUtcNow().UtcDateTime;
        m.AnsweredByUserId = userId;
        await notices.DeclinedAsync(m, link, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.VersionConflict)
        {
            return SetupResult.Fail(t["这项申请已被答复。"]);
        }
        logger.LogInformation("Meeting {MeetingId} declined by {UserId}", m.Id, userId);
        return SetupResult.Done(m.Id);
    }

    /// <summary>The earliest free place for this meeting's two sides in its event, from the bookings as they are now.</summary>
    public async Task<FreeSlot?> FindFreeSlotAsync(MeetingRequest m, int? ignoreMeetingId, CancellationToken ct)
    {
        var activity = await db.ActivityEvents.AsNoTracking().Where(e => e.Id == m.EventId)
            .Select(e => new { e.StartsAt, e.EndsAt }).SingleAsync(ct);
        var o = options.Value;
        var starts = MeetingSchedule.Starts(activity.StartsAt, activity.EndsAt, o.SlotMinutes);
        var bookings = await BookingsAsync(m.EventId, m.InvestorUserId, m.EntryId, ct);
        return MeetingSchedule.FindFree(m.EventId, starts, o.SlotMinutes, o.TablesPerEvent, bookings, m.InvestorUserId, m.EntryId,
            clock.GetUtcNow().UtcDateTime, ignoreMeetingId);
    }

    /// <summary>Every booking of the event, and the two sides' bookings elsewhere (events may overlap in time).</summary>
    public async Task<List<Booking>> BookingsAsync(int eventId, string investorUserId, int entryId, CancellationToken ct) =>
        await db.MeetingSlots.AsNoTracking()
            .Where(s => s.EventId == eventId || s.InvestorUserId == investorUserId || s.EntryId == entryId)
            .Select(s => new Booking(s.MeetingRequestId, s.EventId, s.StartsAt, s.EndsAt, s.TableNumber, s.InvestorUserId, s.EntryId))
            .ToListAsync(ct);

    private sealed record Pending(MeetingRequest? Request, SetupResult? Outcome);

    /// <summary>The request, tracked, if the user is on the entry's team (else 404) and it still waits for an answer.</summary>
    private async Task<Pending> PendingForMemberAsync(int meetingId, string userId, CancellationToken ct)
    {
        var m = await db.MeetingRequests.SingleOrDefaultAsync(x => x.Id == meetingId
            && db.Entries.Any(e => e.Id == x.EntryId && db.TeamMembers.Any(tm => tm.TeamId == e.TeamId && tm.UserId == userId)), ct);
        if (m is null) return new(null, SetupResult.Missing(t["未找到该对接。"]));
        if (m.Status != MeetingStatus.Pending) return new(null, SetupResult.Fail(t["这项申请已被答复。"]));
        return new(m, null);
    }

    private static string? Clean(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();
}
