using System.Data;
using CompetitionHub.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.ActivityWeek;

public enum SignupResult { Confirmed, Waitlisted, AlreadySignedUp, NotOpen, NotFound }

/// <summary>What a sign-up attempt came to; <see cref="Signup"/> is the person's sign-up whenever they have one.</summary>
public sealed record SignupOutcome(SignupResult Result, EventSignup? Signup);

/// <summary>
/// Signs a person up for an event: a seat while seats are left, otherwise the end of the waitlist.
/// </summary>
/// <remarks>
/// Capacity is kept by the database, so it holds across app instances. The count, the new row and its mail are one
/// serializable transaction: on SQLite that is BEGIN IMMEDIATE, which takes the single writer lock before counting, so
/// the count cannot go stale; on SQL Server the unique indexes on (EventId, Seat) and (EventId, WaitlistPosition) make
/// the second of two racing inserts for the same seat or place fail, and deadlock victims are retried by the execution
/// strategy. Either way the loser is retried from a fresh read and lands on the next free place.
/// </remarks>
public sealed class SignUpForEvent(AppDbContext db, SignupNotices notices, TimeProvider clock, ILogger<SignUpForEvent> logger)
{
    private const int Attempts = 20;

    public async Task<SignupOutcome> HandleAsync(int eventId, string userId, string siteBase, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            try
            {
                return await db.Database.CreateExecutionStrategy().ExecuteAsync(() => TryAsync(eventId, userId, siteBase, ct));
            }
            catch (Exception e) when (attempt < Attempts && IsRace(e))
            {
                // Someone took the place we counted (or the lock wait ran out): read again and take the next one.
                logger.LogDebug(e, "Sign-up of {UserId} for event {EventId} lost a race on attempt {Attempt}", userId, eventId, attempt);
                await Task.Delay(Random.Shared.Next(1, 10 * attempt), ct);
            }
        }
    }

    private async Task<SignupOutcome> TryAsync(int eventId, string userId, string siteBase, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        var ev = await db.ActivityEvents.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, ct);
        if (ev is null) return new(SignupResult.NotFound, null);
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
        await tx.CommitAsync(ct);

        logger.LogInformation("User {UserId} signed up for event {EventId}: {Status} (seat {Seat}, waitlist {Position})",
            userId, eventId, signup.Status, signup.Seat, signup.WaitlistPosition);
        return new(signup.Status == SignupStatus.Confirmed ? SignupResult.Confirmed : SignupResult.Waitlisted, signup);
    }

    /// <summary>A unique index refused the row (a seat, a waitlist place or a ticket code taken meanwhile), or SQLite stayed busy.</summary>
    internal static bool IsRace(Exception e) => e switch
    {
        DbUpdateException { InnerException: SqliteException s } => s.SqliteErrorCode is 19 or 5 or 6,
        DbUpdateException { InnerException: Microsoft.Data.SqlClient.SqlException q } => q.Number is 2601 or 2627 or 1205,
        SqliteException s => s.SqliteErrorCode is 5 or 6,
        Microsoft.Data.SqlClient.SqlException q => q.Number is 1205,
        _ => false,
    };
}
