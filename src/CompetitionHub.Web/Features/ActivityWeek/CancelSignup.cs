using CompetitionHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.ActivityWeek;

public enum CancelResult { Cancelled, NotFound, AlreadyCancelled, CheckedIn }

/// <summary>What a cancellation did; <see cref="PromotedUserId"/> is who moved up from the waitlist into the freed seat.</summary>
public sealed record CancelOutcome(CancelResult Result, string? PromotedUserId = null);

/// <summary>
/// A person gives up their sign-up. A freed seat goes to the first on the waitlist (emailed their ticket); with nobody
/// waiting, the last seat moves into the gap so seats stay 1..n. Waitlist places close up behind whoever left.
/// The waiting reminders of the cancelled sign-up are deleted in the same transaction.
/// </summary>
/// <remarks>
/// Positions are shifted in two statements (negated, then flipped back) because SQLite and PostgreSQL check a unique index
/// row by row during an UPDATE: moving 3→2 while 2 is still taken would fail; SQL Server checks at statement end.
/// </remarks>
public sealed class CancelSignup(AppDbContext db, SignupNotices notices, TimeProvider clock, ILogger<CancelSignup> logger)
{
    public Task<CancelOutcome> HandleAsync(int signupId, string userId, string siteBase, CancellationToken ct) =>
        db.SaveAtomicallyAsync(ct => CancelAsync(signupId, userId, siteBase, ct), ct);

    private async Task<CancelOutcome> CancelAsync(int signupId, string userId, string siteBase, CancellationToken ct)
    {
        var signups = db.Set<EventSignup>();
        var mine = signups.Where(s => s.Id == signupId && s.UserId == userId);
        if (await mine.Select(s => (int?)s.EventId).SingleOrDefaultAsync(ct) is not { } ofEvent) return new(CancelResult.NotFound);
        // The event's row first, as every change to its seats: the sign-up is then read as the last change left it.
        await SignUpForEvent.TakeEventAsync(db, ofEvent, ct);
        var signup = await mine.Include(s => s.Event).SingleAsync(ct);
        if (signup.Status == SignupStatus.Cancelled) return new(CancelResult.AlreadyCancelled);
        if (signup.CheckedInAt is not null) return new(CancelResult.CheckedIn);

        var now = clock.GetUtcNow().UtcDateTime;
        var eventId = signup.EventId;
        var (seat, position) = (signup.Seat, signup.WaitlistPosition);
        // Conditional, because the door admits without taking the event's row (CheckIn): a ticket used since the read
        // above stays used, and the person is told so.
        var cancelled = await mine.Where(s => s.CheckedInAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SignupStatus.Cancelled).SetProperty(s => s.CancelledAt, now)
                .SetProperty(s => s.Seat, (int?)null).SetProperty(s => s.WaitlistPosition, (int?)null), ct);
        if (cancelled == 0) return new(CancelResult.CheckedIn);
        await notices.DropRemindersAsync(signup.Id, ct);
        await db.SaveChangesAsync(ct);

        string? promotedUserId = null;
        if (seat is { } freed)
        {
            var first = await signups.Include(s => s.User)
                .SingleOrDefaultAsync(s => s.EventId == eventId && s.Status == SignupStatus.Waitlisted && s.WaitlistPosition == 1, ct);
            var capacityLeft = signup.Event.Capacity is not { } capacity
                || await signups.CountAsync(s => s.EventId == eventId && s.Status == SignupStatus.Confirmed, ct) < capacity;
            if (first is not null && capacityLeft)
            {
                first.Status = SignupStatus.Confirmed;
                first.ConfirmedAt = now;
                first.Seat = freed;
                first.WaitlistPosition = null;
                await db.SaveChangesAsync(ct);
                await CloseUpWaitlistAsync(db, eventId, after: 1, by: 1, ct);
                notices.Ticket(first, signup.Event, first.User, siteBase, promoted: true);
                await db.SaveChangesAsync(ct);
                promotedUserId = first.UserId;
            }
            else
            {
                var last = await signups.Where(s => s.EventId == eventId).MaxAsync(s => s.Seat, ct);
                if (last > freed)
                {
                    await signups.Where(s => s.EventId == eventId && s.Seat == last)
                        .ExecuteUpdateAsync(u => u.SetProperty(s => s.Seat, freed), ct);
                }
            }
        }
        else if (position is { } left)
        {
            await CloseUpWaitlistAsync(db, eventId, left, by: 1, ct);
        }

        logger.LogInformation("Sign-up {SignupId} for event {EventId} cancelled; promoted {PromotedUserId}", signupId, eventId, promotedUserId);
        return new(CancelResult.Cancelled, promotedUserId);
    }

    /// <summary>Moves every waitlist place behind <paramref name="after"/> forward by <paramref name="by"/>.</summary>
    internal static async Task CloseUpWaitlistAsync(AppDbContext db, int eventId, int after, int by, CancellationToken ct)
    {
        var behind = db.Set<EventSignup>().Where(s => s.EventId == eventId && s.WaitlistPosition != null);
        await behind.Where(s => s.WaitlistPosition > after)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.WaitlistPosition, s => -(s.WaitlistPosition - by)), ct);
        await behind.Where(s => s.WaitlistPosition < 0)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.WaitlistPosition, s => -s.WaitlistPosition), ct);
    }
}
