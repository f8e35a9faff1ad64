using CompetitionHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.ActivityWeek;

public enum SignupResult { Confirmed, Waitlisted, AlreadySignedUp, NotOpen, NotFound }

/// <summary>What a sign-up attempt came to; <see cref="Signup"/> is the person's sign-up whenever they have one.</summary>
public sealed record SignupOutcome(SignupResult Result, EventSignup? Signup);

/// <summary>
/// Signs a person up for an event: a seat while seats are left, otherwise the end of the waitlist.
/// </summary>
/// <remarks>
/// Capacity is kept by the database, so it holds across app instances. The count, the new row and its mail are one unit
/// that first takes the event's row (<see cref="TakeEventAsync"/>), so sign-ups of one event queue up and each counts
/// what the one before it stored. The unique indexes on (EventId, Seat) and (EventId, WaitlistPosition) stand behind it.
/// </remarks>
public sealed class SignUpForEvent(AppDbContext db, SignupNotices notices, TimeProvider clock, ILogger<SignUpForEvent> logger)
{
    private const int Attempts = 3;

    public async Task<SignupOutcome> HandleAsync(int eventId, string userId, string siteBase, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.SaveAtomicallyAsync(ct => SignUpAsync(eventId, userId, siteBase, ct), ct);
            }
            catch (DbUpdateException e) when (attempt < Attempts && e.Classify() == DatabaseError.UniqueViolation)
            {
                // A ticket code drawn twice (one in 31^8): sign up again with a new one.
                logger.LogInformation(e, "Sign-up of {UserId} for event {EventId} met a unique index on attempt {Attempt}", userId, eventId, attempt);
            }
        }
    }

    /// <summary>
    /// Takes the event's row until the unit commits. Whatever changes an event's seats or waitlist takes it first, so they
    /// queue on that row, and each reads what the one before it committed: no count goes stale and none has to be run
    /// again. (SQLite's single writer lock already queues every unit; the servers lock the row.)
    /// </summary>
    /// <returns>0 when there is no such event.</returns>
    internal static Task<int> TakeEventAsync(AppDbContext db, int eventId, CancellationToken ct) =>
        db.ActivityEvents.Where(e => e.Id == eventId).ExecuteUpdateAsync(s => s.SetProperty(e => e.Capacity, e => e.Capacity), ct);

    private async Task<SignupOutcome> SignUpAsync(int eventId, string userId, string siteBase, CancellationToken ct)
    {
        if (await TakeEventAsync(db, eventId, ct) == 0) return new(SignupResult.NotFound, null);
        var ev = await db.ActivityEvents.AsNoTracking().SingleAsync(e => e.Id == eventId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (!ev.IsPublished || !ev.RequiresSignup || ev.EndsAt <= now) return new(SignupResult.NotOpen, null);

        var signups = db.Set<EventSignup>();
        var mine = await signups.AsNoTracking()
            .SingleOrDefaultAsync(s => s.EventId == eventId && s.UserId == userId && s.Status != SignupStatus.Cancelled, ct);
        if (mine is not null) return new(SignupResult.AlreadySignedUp, mine);

        var confirmed = await signups.CountAsync(s => s.EventId == eventId && s.Status == SignupStatus.Confirmed, ct);
        var signup = new EventSignup
        {
            EventId = eventId, UserId = userId, CreatedAt = now,
            TicketToken = Tickets.NewToken(), TicketCode = Tickets.NewCode(),
        };
        if (ev.Capacity is not { } capacity || confirmed < capacity)
        {
            signup.Status = SignupStatus.Confirmed;
            signup.ConfirmedAt = now;
            signup.Seat = (await signups.Where(s => s.EventId == eventId).MaxAsync(s => s.Seat, ct) ?? 0) + 1;
        }
        else
        {
            signup.Status = SignupStatus.Waitlisted;
            signup.WaitlistPosition = (await signups.Where(s => s.EventId == eventId).MaxAsync(s => s.WaitlistPosition, ct) ?? 0) + 1;
        }
        signups.Add(signup);
        await db.SaveChangesAsync(ct);

        // Saved first so the reminders can name the sign-up; still one transaction, so the mail and the place go together.
        var person = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, ct);
        if (signup.Status == SignupStatus.Confirmed) notices.Ticket(signup, ev, person, siteBase, promoted: false);
        else notices.Waitlisted(signup, ev, person, siteBase);
        await db.SaveChangesAsync(ct);

        logger.LogInformation("User {UserId} signed up for event {EventId}: {Status} (seat {Seat}, waitlist {Position})",
            userId, eventId, signup.Status, signup.Seat, signup.WaitlistPosition);
        return new(signup.Status == SignupStatus.Confirmed ? SignupResult.Confirmed : SignupResult.Waitlisted, signup);
    }
}
