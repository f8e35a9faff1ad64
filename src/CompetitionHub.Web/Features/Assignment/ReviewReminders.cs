using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Assignment;

/// <summary>
/// One reminder per judge and online round (<c>review-reminder</c>), due <see cref="Lead"/> before the round ends. It is
/// (re)queued when the round's assignments are committed and withdrawn once the judge has submitted every assigned entry.
/// Changes are tracked only: the caller's SaveChanges stores them with its own change.
/// </summary>
public sealed class ReviewReminders(AppDbContext db, Outbox outbox, IJudgeProgress progress, TimeProvider clock)
{
    public const string Template = "review-reminder";
    public static readonly TimeSpan Lead = TimeSpan.FromDays(2);

    public static string Reference(int roundId, string judgeUserId) => $"review-reminder:{roundId}:{judgeUserId}";

    /// <summary>Replaces every judge's pending reminder of the round after the assignments changed.</summary>
    public async Task ScheduleAsync(Round round, Contest contest, IReadOnlyCollection<ReviewAssignment> assignments, string link, CancellationToken ct)
    {
        var prefix = $"review-reminder:{round.Id}:";
        var pending = await db.Notifications.Where(n => n.Status == NotificationStatus.Pending && n.Reference != null && n.Reference.StartsWith(prefix))
            .ToListAsync(ct);
        db.Notifications.RemoveRange(pending);

        if (round.EndsAt is not { } ends || ends - Lead <= clock.GetUtcNow().UtcDateTime) return;
        var submitted = await progress.SubmittedAsync(round.Id, null, ct);
        var open = assignments.Where(a => !submitted.Contains((a.JudgeUserId, a.EntryId))).GroupBy(a => a.JudgeUserId)
            .ToDictionary(g => g.Key, g => g.Count());
        if (open.Count == 0) return;
        var ids = open.Keys.ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.PreferredCulture }).ToListAsync(ct);
        foreach (var person in people.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            if (string.IsNullOrEmpty(person.Email)) continue;
            var culture = string.IsNullOrWhiteSpace(person.PreferredCulture) ? EmailTemplates.DefaultCulture : person.PreferredCulture;
            var english = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase);
            outbox.Queue(person.Email, person.DisplayName, Template, culture, new
            {
                displayName = person.DisplayName,
                contestName = english && contest.NameEn.Length > 0 ? contest.NameEn : contest.Name,
                roundName = english && round.NameEn.Length > 0 ? round.NameEn : round.Name,
                deadline = ChinaTime.Format(ends),
                link,
            }, ends - Lead, Reference(round.Id, person.Id));
        }
    }

    /// <summary>Withdraws the judge's pending reminder once every entry assigned to them in the round is submitted.</summary>
    public async Task WithdrawIfDoneAsync(int roundId, string judgeUserId, CancellationToken ct)
    {
        var assigned = await db.ReviewAssignments.Where(a => a.RoundId == roundId && a.JudgeUserId == judgeUserId).Select(a => a.EntryId).ToListAsync(ct);
        var done = await progress.SubmittedAsync(roundId, judgeUserId, ct);
        if (assigned.Any(entryId => !done.Contains((judgeUserId, entryId)))) return;
        var reference = Reference(roundId, judgeUserId);
        db.Notifications.RemoveRange(await db.Notifications.Where(n => n.Reference == reference && n.Status == NotificationStatus.Pending).ToListAsync(ct));
    }
}
