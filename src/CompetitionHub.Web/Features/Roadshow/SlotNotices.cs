using System.Text.Json;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Roadshow;

/// <summary>
/// Tells each team of a session its place and time (<c>roadshow-slot</c>) whenever that time is set or changes, and keeps
/// one reminder per slot (<c>roadshow-reminder</c>) due 24 hours before it. A moved slot moves its waiting reminder (same
/// row, new due time and text) rather than adding a second; a slot that is gone, or already less than 24 hours away,
/// has no waiting reminder. Rows are only added or changed in the caller's DbContext; the caller saves.
/// </summary>
public sealed class SlotNotices(AppDbContext db, Outbox outbox, TimeProvider clock, ILogger<SlotNotices> logger)
{
    public const string SlotTemplate = "roadshow-slot";
    public const string ReminderTemplate = "roadshow-reminder";
    public static readonly TimeSpan ReminderLead = TimeSpan.FromHours(24);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Reference(int slotId) => $"roadshow-slot:{slotId}";

    /// <param name="previous">Each slot's start before the change, by slot id; a slot missing here is new.</param>
    public async Task SyncAsync(RoadshowSession session, IReadOnlyDictionary<int, DateTime?> previous, CancellationToken ct)
    {
        var slots = session.Slots.Where(s => s.StartsAt is not null && s.Position is not null).ToList();
        if (slots.Count == 0) return;

        var names = await db.Rounds.AsNoTracking().Where(r => r.Id == session.RoundId)
            .Join(db.Contests, r => r.ContestId, c => c.Id, (r, c) => new { r.Name, r.NameEn, Contest = c.Name, ContestEn = c.NameEn })
            .SingleAsync(ct);
        var entryIds = slots.Select(s => s.EntryId).ToList();
        var leaders = await db.Entries.AsNoTracking().Where(e => entryIds.Contains(e.Id))
            .Select(e => new
            {
                e.Id, e.Title,
                Leader = db.TeamMembers.Where(m => m.TeamId == e.TeamId && m.IsLeader)
                    .Select(m => new { m.User.Email, m.User.DisplayName, m.User.PreferredCulture }).FirstOrDefault(),
            })
            .ToDictionaryAsync(e => e.Id, ct);
        var references = slots.Select(s => Reference(s.Id)).ToList();
        var waiting = await db.Notifications
            .Where(n => n.Reference != null && references.Contains(n.Reference) && n.Status == NotificationStatus.Pending)
            .ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;

        foreach (var slot in slots)
        {
            var startsAt = slot.StartsAt!.Value;
            var mine = waiting.Where(n => n.Reference == Reference(slot.Id)).ToList();
            if (!leaders.TryGetValue(slot.EntryId, out var entry) || entry.Leader?.Email is not { Length: > 0 } email)
            {
                logger.LogWarning("Entry {EntryId} in roadshow session {SessionId} has no team leader to notify", slot.EntryId, session.Id);
                continue;
            }
            var culture = entry.Leader.PreferredCulture is { Length: > 0 } c ? c : "zh-CN";
            var english = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase);
            var model = new
            {
                displayName = entry.Leader.DisplayName,
                contestName = english ? names.ContestEn : names.Contest,
                roundName = english ? names.NameEn : names.Name,
                sessionName = session.Name,
                venue = session.Venue,
                title = entry.Title,
                position = slot.Position!.Value,
                startsAt = ChinaTime.Format(startsAt),
                pitchMinutes = session.PitchMinutes,
                qaMinutes = session.QaMinutes,
            };

            var moved = !previous.TryGetValue(slot.Id, out var before) || before != startsAt;
            if (moved)
                outbox.Queue(email, entry.Leader.DisplayName, SlotTemplate, culture, model);

            var dueAt = startsAt - ReminderLead;
            if (dueAt <= now)
            {
                // Too late for a 24-hour reminder: one still waiting would arrive after its moment, or with a stale time.
                db.Notifications.RemoveRange(mine);
                continue;
            }
            if (mine.Count > 0)
            {
                var reminder = mine[0];
                db.Notifications.RemoveRange(mine.Skip(1));
                reminder.Recipient = email;
                reminder.RecipientName = entry.Leader.DisplayName;
                reminder.Culture = culture;
                reminder.PayloadJson = JsonSerializer.Serialize(model, Json);
                reminder.DueAt = dueAt;
                reminder.NextAttemptAt = dueAt;
            }
            else if (moved)
            {
                // Only for a new or moved slot: an unchanged slot whose reminder already went out needs no second one.
                outbox.Queue(email, entry.Leader.DisplayName, ReminderTemplate, culture, model, dueAt, Reference(slot.Id));
            }
        }
    }

    /// <summary>Marks the waiting reminders of slots that are gone for deletion in the caller's SaveChanges.</summary>
    public async Task CancelAsync(IEnumerable<int> slotIds, CancellationToken ct)
    {
        var references = slotIds.Select(Reference).ToList();
        if (references.Count == 0) return;
        var waiting = await db.Notifications
            .Where(n => n.Reference != null && references.Contains(n.Reference) && n.Status == NotificationStatus.Pending)
            .ToListAsync(ct);
        db.Notifications.RemoveRange(waiting);
    }
}
