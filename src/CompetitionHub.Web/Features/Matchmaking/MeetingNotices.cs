using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Matchmaking;

/// <summary>
/// The emails of a meeting, to both sides: the investor, and every member of the entry's team (any of them may answer).
/// A request goes to the team with a receipt to the investor; an answer goes to the investor; a booked, moved or
/// cancelled slot goes to both, and a booked slot also queues a reminder to both an hour before it (moved with the slot,
/// dropped when it is cancelled). Rows are only added to the caller's DbContext; the caller's SaveChanges sends them.
/// </summary>
public sealed class MeetingNotices(AppDbContext db, Outbox outbox, TimeProvider clock)
{
    public const string RequestTemplate = "matchmaking-request";
    public const string DeclinedTemplate = "matchmaking-declined";
    public const string SlotTemplate = "matchmaking-slot";
    public const string CancelledTemplate = "matchmaking-cancelled";
    public const string ReminderTemplate = "matchmaking-reminder";

    private static readonly TimeSpan RemindBefore = TimeSpan.FromHours(1);

    public static string ReminderReference(int meetingId) => $"matchmaking-reminder:{meetingId}";

    private sealed record Person(string Email, string Name, string Culture);

    public Task RequestedAsync(MeetingRequest meeting, string link, CancellationToken ct) =>
        SendAsync(meeting, RequestTemplate, toInvestor: true, toTeam: true, link, null, false, null, ct);

    public Task DeclinedAsync(MeetingRequest meeting, string link, CancellationToken ct) =>
        SendAsync(meeting, DeclinedTemplate, toInvestor: true, toTeam: false, link, null, false, null, ct);

    /// <param name="slot">The slot as it will be saved (the caller's change is not in the database yet).</param>
    public async Task ScheduledAsync(MeetingRequest meeting, MeetingSlot slot, bool moved, string link, CancellationToken ct)
    {
        await DropRemindersAsync(meeting, ct);
        await SendAsync(meeting, SlotTemplate, toInvestor: true, toTeam: true, link, slot, moved, null, ct);
        if (slot.StartsAt - RemindBefore > clock.GetUtcNow().UtcDateTime)
            await SendAsync(meeting, ReminderTemplate, toInvestor: true, toTeam: true, link, slot, false, null, ct, slot.StartsAt - RemindBefore);
    }

    public async Task CancelledAsync(MeetingRequest meeting, string reason, string link, CancellationToken ct)
    {
        await DropRemindersAsync(meeting, ct);
        await SendAsync(meeting, CancelledTemplate, toInvestor: true, toTeam: true, link, null, false, reason, ct);
    }

    /// <summary>Marks the meeting's waiting reminders for deletion in the caller's SaveChanges.</summary>
    private async Task DropRemindersAsync(MeetingRequest meeting, CancellationToken ct)
    {
        if (meeting.Id == 0) return;
        var reference = ReminderReference(meeting.Id);
        db.Notifications.RemoveRange(await db.Notifications
            .Where(n => n.Reference == reference && n.Status == NotificationStatus.Pending).ToListAsync(ct));
    }

    private async Task SendAsync(MeetingRequest meeting, string template, bool toInvestor, bool toTeam, string link,
        MeetingSlot? slot, bool moved, string? reason, CancellationToken ct, DateTime? dueAt = null)
    {
        // Read by keys, not by the meeting's id: the caller may not have saved the meeting yet.
        var entry = await db.Entries.AsNoTracking().Where(e => e.Id == meeting.EntryId).Select(e => new { e.Title, e.TeamId }).SingleAsync(ct);
        var activity = await db.ActivityEvents.AsNoTracking().Where(a => a.Id == meeting.EventId)
            .Select(a => new { a.Title, a.TitleEn, a.Venue }).SingleAsync(ct);
        var investor = await db.Users.AsNoTracking().Where(u => u.Id == meeting.InvestorUserId)
            .Select(u => new Person(u.Email ?? "", u.DisplayName, u.PreferredCulture)).SingleAsync(ct);
        var fund = await db.InvestorProfiles.AsNoTracking().Where(p => p.UserId == meeting.InvestorUserId)
            .Select(p => p.FundName).FirstOrDefaultAsync(ct);
        var recipients = new List<(Person Who, bool IsInvestor)>();
        if (toInvestor) recipients.Add((investor, true));
        if (toTeam)
        {
            var members = await db.TeamMembers.AsNoTracking().Where(t => t.TeamId == entry.TeamId).OrderByDescending(t => t.IsLeader)
                .Select(t => new Person(t.User.Email ?? "", t.User.DisplayName, t.User.PreferredCulture)).ToListAsync(ct);
            recipients.AddRange(members.Select(p => (p, false)));
        }
        foreach (var (who, isInvestor) in recipients.Where(r => !string.IsNullOrEmpty(r.Who.Email)))
        {
            var culture = who.Culture is { Length: > 0 } c ? c : EmailTemplates.DefaultCulture;
            var english = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase);
            outbox.Queue(who.Email, who.Name, template, culture, new
            {
                displayName = who.Name,
                forInvestor = isInvestor,
                investorName = investor.Name,
                fundName = fund ?? "",
                title = entry.Title,
                eventTitle = english && activity.TitleEn.Length > 0 ? activity.TitleEn : activity.Title,
                venue = activity.Venue,
                message = meeting.Message,
                note = meeting.ResponseNote ?? "",
                startsAt = slot is null ? "" : ChinaTime.Format(slot.StartsAt),
                endsAt = slot is null ? "" : ChinaTime.Format(slot.EndsAt, "HH:mm"),
                table = slot?.TableNumber ?? 0,
                moved,
                reason = reason ?? "",
                link,
            }, dueAt, dueAt is null ? null : ReminderReference(meeting.Id));
        }
    }
}
