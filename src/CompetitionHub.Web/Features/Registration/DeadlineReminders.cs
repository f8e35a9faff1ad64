using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>
/// Two reminders to the team leader before the registration deadline (3 days and 1 day before), as outbox rows with a
/// due time: the sweeper sends them when the clock passes it. Submitting or withdrawing deletes the ones still waiting.
/// </summary>
public sealed class DeadlineReminders(AppDbContext db, Outbox outbox, TimeProvider clock)
{
    public const string Template = "entry-deadline-reminder";
    private static readonly (string Suffix, TimeSpan Before)[] Schedule = [("3d", TimeSpan.FromDays(3)), ("1d", TimeSpan.FromDays(1))];

    public static string Reference(int entryId, string suffix) => $"entry-deadline:{entryId}:{suffix}";

    /// <summary>Adds the reminders to the DbContext (the caller saves); those already due are skipped.</summary>
    public void Queue(Entry entry, Contest contest, string leaderEmail, string leaderName, string culture, string link)
    {
        if (contest.RegistrationClosesAt is not { } closes) return;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (suffix, before) in Schedule)
        {
            var dueAt = closes - before;
            if (dueAt <= now) continue;
            outbox.Queue(leaderEmail, leaderName, Template, culture, new
            {
                displayName = leaderName,
                contestName = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? contest.NameEn : contest.Name,
                title = entry.Title,
                deadline = ChinaTime.Format(closes),
                link,
            }, dueAt, Reference(entry.Id, suffix));
        }
    }

    /// <summary>Marks the still-pending reminders of the entry for deletion in the caller's SaveChanges.</summary>
    public async Task CancelAsync(int entryId, CancellationToken ct)
    {
        var references = Schedule.Select(s => Reference(entryId, s.Suffix)).ToList();
        var pending = await db.Notifications
            .Where(n => n.Reference != null && references.Contains(n.Reference) && n.Status == NotificationStatus.Pending)
            .ToListAsync(ct);
        db.Notifications.RemoveRange(pending);
    }
}
