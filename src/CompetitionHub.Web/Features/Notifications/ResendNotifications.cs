using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CompetitionHub.Web.Features.Notifications;

/// <summary>What an Admin's resend did, and the sentence that tells them.</summary>
public sealed record ResendResult(int Resent, string Message);

/// <summary>
/// An Admin sends undelivered mail again, one row or all a list shows. The row goes back to Pending, due now, with a
/// fresh retry horizon (its attempts count from zero again); a row still pending is simply tried now. Each row is
/// changed by a conditional update that a row sent meanwhile does not match, so a mail that has gone out is never sent
/// again from here; each change is saved with its audit record, and the sender is asked for at once.
/// </summary>
public sealed class ResendNotifications(AppDbContext db, AuditLog audit, SenderDispatcher sender, IOptions<NotificationOptions> options,
    TimeProvider clock, IStringLocalizer<SharedResource> t, ILogger<ResendNotifications> logger)
{
    public const string AuditAction = "Resent";

    public async Task<ResendResult> OneAsync(long id, CancellationToken ct)
    {
        var resent = await ResendAsync(db.Notifications.Where(n => n.Id == id), ct);
        if (resent == 1)
            return new ResendResult(1, t["已重新发送这封邮件。"]);
        var exists = await db.Notifications.AnyAsync(n => n.Id == id, ct);
        return new ResendResult(0, exists ? t["这封邮件已经发出，无需重发。"] : t["未找到这封邮件。"]);
    }

    public async Task<ResendResult> AllAsync(UndeliveredFilter filter, CancellationToken ct)
    {
        var overdueBefore = ListUndeliveredMail.OverdueBefore(options.Value, clock);
        var resent = await ResendAsync(ListUndeliveredMail.Matching(db.Notifications, filter, overdueBefore), ct);
        return new ResendResult(resent, resent == 0 ? t["没有需要重发的邮件。"] : t["已重新发送 {0} 封邮件。", resent]);
    }

    private async Task<int> ResendAsync(IQueryable<Notification> rows, CancellationToken ct)
    {
        var resent = await db.SaveAtomicallyAsync(async attemptCt =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var found = await rows.AsNoTracking()
                .Where(n => n.Status != NotificationStatus.Sent)
                .OrderBy(n => n.Id)
                .Select(n => new { n.Id, n.Recipient, n.Template, n.Status, n.Attempts, n.LastError })
                .ToListAsync(attemptCt);
            var count = 0;
            foreach (var row in found)
            {
                var changed = await db.Notifications
                    .Where(n => n.Id == row.Id && n.Status != NotificationStatus.Sent)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(n => n.Status, NotificationStatus.Pending)
                        .SetProperty(n => n.NextAttemptAt, now)
                        .SetProperty(n => n.Attempts, 0)
                        .SetProperty(n => n.FirstAttemptAt, (DateTime?)null), attemptCt);
                if (changed == 0)
                    continue;
                audit.Record(null, nameof(Notification), row.Id, AuditAction,
                    before: new { row.Recipient, row.Template, Status = row.Status.ToString(), row.Attempts, row.LastError },
                    after: new { Status = nameof(NotificationStatus.Pending), NextAttemptAt = now });
                count++;
            }
            await db.SaveChangesAsync(attemptCt);
            return count;
        }, ct);

        if (resent > 0)
        {
            logger.LogInformation("Admin resent {Count} notification(s)", resent);
            sender.Request();
        }
        return resent;
    }
}
