using CompetitionHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Notifications;

/// <summary>How much mail is waiting, gone and given up on: what organizers watch to know mail is getting out.</summary>
public sealed record OutboxCounts(int Pending, int Sent, int Failed)
{
    public static async Task<OutboxCounts> ReadAsync(AppDbContext db, CancellationToken ct)
    {
        var byStatus = await db.Notifications.AsNoTracking()
            .GroupBy(n => n.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, ct);
        return new OutboxCounts(
            byStatus.GetValueOrDefault(NotificationStatus.Pending),
            byStatus.GetValueOrDefault(NotificationStatus.Sent),
            byStatus.GetValueOrDefault(NotificationStatus.Failed));
    }
}

/// <summary>The outbox counts as the organizer dashboard hears them live; <see cref="Version"/> lets a page drop an older one.</summary>
public sealed record OutboxStatus(int Pending, int Sent, int Failed, long Version);
