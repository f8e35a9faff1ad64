using System.Text.Json;
using CompetitionHub.Web.Data;

namespace CompetitionHub.Web.Features.Notifications;

/// <summary>
/// Where use cases put email. <see cref="Queue"/> only adds the row to the caller's DbContext: it is saved by the
/// caller's own SaveChanges, in the same transaction as the change that caused it, and sent after that commits.
/// </summary>
public sealed class Outbox(AppDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="template">Template name, e.g. <c>account-confirm</c>; its files are per culture.</param>
    /// <param name="model">Values the template shows; serialized to JSON now, rendered when sent.</param>
    /// <param name="dueAt">For reminders: not sent before this UTC time.</param>
    /// <param name="reference">For reminders: a key to find the row again and move or cancel it.</param>
    public Notification Queue(string to, string? toName, string template, string culture, object model,
        DateTime? dueAt = null, string? reference = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = dueAt ?? now;
        var notification = new Notification
        {
            Recipient = to,
            RecipientName = toName,
            Template = template,
            Culture = culture,
            PayloadJson = JsonSerializer.Serialize(model, Json),
            Reference = reference,
            Status = NotificationStatus.Pending,
            CreatedAt = now,
            DueAt = due,
            NextAttemptAt = due,
        };
        db.Notifications.Add(notification);
        return notification;
    }
}
