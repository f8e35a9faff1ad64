using CompetitionHub.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CompetitionHub.Web.Features.Notifications;

/// <summary>Which undelivered mail a list shows: everything that needs a look, only the given-up, or only the waiting.</summary>
public enum UndeliveredFilter { All, Failed, Overdue }

public sealed record UndeliveredRow(long Id, string Recipient, string? RecipientName, string Template, string Culture, string? Subject,
    NotificationStatus Status, int Attempts, string? LastError, DateTime CreatedAt, DateTime DueAt, DateTime NextAttemptAt);

public sealed record UndeliveredPage(UndeliveredFilter Filter, int Failed, int Overdue, int Total, int Page, int PageCount,
    IReadOnlyList<UndeliveredRow> Rows);

/// <summary>
/// Mail that has not gone out and wants a person's eye: rows given up as Failed, and rows still pending that were tried
/// more than once or are <see cref="NotificationOptions.OverdueAfter"/> past their due time. Newest first, 20 to a page,
/// each with the subject it will carry (in its recipient's language) and the reason the last attempt failed.
/// </summary>
public sealed class ListUndeliveredMail(AppDbContext db, EmailTemplates templates, IOptions<NotificationOptions> options, TimeProvider clock)
{
    public const int PageSize = 20;

    /// <summary>"failed", "overdue", anything else all: a hand-edited link shows the wider list rather than an error.</summary>
    public static UndeliveredFilter Filter(string? show) => show switch
    {
        "failed" => UndeliveredFilter.Failed,
        "overdue" => UndeliveredFilter.Overdue,
        _ => UndeliveredFilter.All,
    };

    public static string? QueryValue(UndeliveredFilter filter) => filter switch
    {
        UndeliveredFilter.Failed => "failed",
        UndeliveredFilter.Overdue => "overdue",
        _ => null,
    };

    public async Task<UndeliveredPage> HandleAsync(UndeliveredFilter filter, int page, CancellationToken ct)
    {
        var overdueBefore = OverdueBefore(options.Value, clock);
        var failed = await Matching(db.Notifications, UndeliveredFilter.Failed, overdueBefore).CountAsync(ct);
        var overdue = await Matching(db.Notifications, UndeliveredFilter.Overdue, overdueBefore).CountAsync(ct);
        var total = filter switch { UndeliveredFilter.Failed => failed, UndeliveredFilter.Overdue => overdue, _ => failed + overdue };

        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var found = await Matching(db.Notifications.AsNoTracking(), filter, overdueBefore)
            .OrderByDescending(n => n.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .ToListAsync(ct);

        var rows = new List<UndeliveredRow>(found.Count);
        foreach (var n in found)
        {
            rows.Add(new UndeliveredRow(n.Id, n.Recipient, n.RecipientName, n.Template, n.Culture, await SubjectAsync(n),
                n.Status, n.Attempts, n.LastError, n.CreatedAt, n.DueAt, n.NextAttemptAt));
        }
        return new UndeliveredPage(filter, failed, overdue, total, page, pageCount, rows);
    }

    /// <summary>The rows a filter means; what "resend all" resends is exactly what the list shows.</summary>
    internal static IQueryable<Notification> Matching(IQueryable<Notification> rows, UndeliveredFilter filter, DateTime overdueBefore) => filter switch
    {
        UndeliveredFilter.Failed => rows.Where(n => n.Status == NotificationStatus.Failed),
        UndeliveredFilter.Overdue => rows.Where(n => n.Status == NotificationStatus.Pending && (n.Attempts > 1 || n.DueAt <= overdueBefore)),
        _ => rows.Where(n => n.Status == NotificationStatus.Failed
                             || n.Status == NotificationStatus.Pending && (n.Attempts > 1 || n.DueAt <= overdueBefore)),
    };

    internal static DateTime OverdueBefore(NotificationOptions settings, TimeProvider clock) =>
        clock.GetUtcNow().UtcDateTime - settings.OverdueAfter;

    /// <summary>The subject as the mail will carry it; none when the row cannot be rendered (its reason is its last error).</summary>
    private async Task<string?> SubjectAsync(Notification row)
    {
        try
        {
            return (await templates.RenderAsync(row.Template, row.Culture, row.PayloadJson)).Subject;
        }
        catch (Exception e) when (e is InvalidOperationException or System.Text.Json.JsonException or ArgumentException)
        {
            return null;
        }
    }
}
