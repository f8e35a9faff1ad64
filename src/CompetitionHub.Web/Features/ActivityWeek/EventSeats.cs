using CompetitionHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.ActivityWeek;

/// <summary>
/// Changes to one event's seats and waitlist (a sign-up, a cancellation, a capacity change) run one after another, on
/// every provider and across app instances: each begins, inside its <see cref="AtomicSave"/> unit, by claiming the
/// event's row, and the database holds that row lock until the unit commits.
/// </summary>
/// <remarks>
/// The claim comes before the reads that decide, so they see whatever the previous holder committed: on SQLite the unit
/// holds the writer lock from its start anyway (BEGIN IMMEDIATE); on PostgreSQL and SQL Server the units run at READ
/// COMMITTED, where every statement after the claim reads afresh. Serializable isolation would settle the same races by
/// aborting all but one of the sign-ups that counted at once, and 200 people asking for 50 seats together then retry
/// each other into the ground; a queue on one row costs each of them a few milliseconds instead.
/// </remarks>
internal static class EventSeats
{
    /// <summary>Takes the event's row lock for the rest of the unit; false when there is no such event.</summary>
    public static async Task<bool> ClaimAsync(AppDbContext db, int eventId, CancellationToken ct) =>
        await db.ActivityEvents.Where(e => e.Id == eventId)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.SignupRevision, e => e.SignupRevision + 1), ct) == 1;
}
