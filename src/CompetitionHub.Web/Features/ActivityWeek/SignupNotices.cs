using System.Text.Json;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.ActivityWeek;

/// <summary>
/// The mail around a sign-up: the ticket (on confirmation or promotion from the waitlist), the waitlist notice, the
/// change notice when an event moves, and two reminders per confirmed seat, 24 hours and 1 hour before the start.
/// Reminders are outbox rows with a due time and a reference (<see cref="Reference"/>), the same mechanism as
/// <see cref="Registration.DeadlineReminders"/>: a moved event moves them, a cancellation deletes the waiting ones.
/// A withdrawn (unpublished) event has no waiting reminders: withdrawal drops them and publishing again restores them.
/// Rows are only added or changed in the caller's DbContext; the caller saves.
/// </summary>
public sealed class SignupNotices(AppDbContext db, Outbox outbox, TimeProvider clock)
{
    public const string ConfirmedTemplate = "activity-signup-confirmed";
    public const string WaitlistedTemplate = "activity-signup-waitlisted";
    public const string PromotedTemplate = "activity-signup-promoted";
    public const string ChangedTemplate = "activity-event-changed";
    public const string ReminderTemplate = "activity-reminder";
    public const string WithdrawnTemplate = "activity-event-withdrawn";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly (string Suffix, TimeSpan Before)[] Schedule = [("24h", TimeSpan.FromHours(24)), ("1h", TimeSpan.FromHours(1))];

    public static string Reference(int signupId, string suffix) => $"activity-reminder:{signupId}:{suffix}";

    private static IEnumerable<string> References(int signupId) => Schedule.Select(s => Reference(signupId, s.Suffix));

    /// <summary>
    /// The ticket mail (confirmed now, or promoted from the waitlist, because someone cancelled or, with
    /// <paramref name="capacityRaised"/>, because the organizer added seats) and the reminders of the seat.
    /// </summary>
    public void Ticket(EventSignup signup, ActivityEvent ev, AppUser person, string siteBase, bool promoted, bool capacityRaised = false)
    {
        var culture = CultureOf(person);
        var model = Model(signup, ev, person, culture, siteBase);
        outbox.Queue(person.Email!, person.DisplayName, promoted ? PromotedTemplate : ConfirmedTemplate, culture,
            new Dictionary<string, object?>(model) { ["capacityRaised"] = capacityRaised });
        QueueReminders(signup, ev, person, culture, model, pending: []);
    }

    /// <summary>
    /// Queues the reminders of a confirmed seat that are still to come and not already waiting. Nothing for a withdrawn
    /// event: whoever is promoted while it is withdrawn gets their reminders when it is published again.
    /// </summary>
    private void QueueReminders(EventSignup signup, ActivityEvent ev, AppUser person, string culture, Dictionary<string, object?> model,
        IReadOnlyCollection<string> pending)
    {
        if (!ev.IsPublished) return;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (suffix, before) in Schedule)
        {
            var dueAt = ev.StartsAt - before;
            var reference = Reference(signup.Id, suffix);
            if (dueAt > now && !pending.Contains(reference))
                outbox.Queue(person.Email!, person.DisplayName, ReminderTemplate, culture, model, dueAt, reference);
        }
    }

    public void Waitlisted(EventSignup signup, ActivityEvent ev, AppUser person, string siteBase)
    {
        var culture = CultureOf(person);
        outbox.Queue(person.Email!, person.DisplayName, WaitlistedTemplate, culture, Model(signup, ev, person, culture, siteBase));
    }

    /// <summary>Marks the waiting reminders of a sign-up for deletion in the caller's SaveChanges.</summary>
    public async Task DropRemindersAsync(int signupId, CancellationToken ct)
    {
        var references = References(signupId).ToList();
        db.Notifications.RemoveRange(await db.Notifications
            .Where(n => n.Reference != null && references.Contains(n.Reference) && n.Status == NotificationStatus.Pending)
            .ToListAsync(ct));
    }

    /// <summary>
    /// After the organizer changed the time or the venue: tells everyone still signed up, and moves each confirmed seat's
    /// waiting reminders to the new time (same rows, new due time and text). A reminder whose moment has passed is
    /// dropped; one that had already gone out for the old time is added again for the new one.
    /// </summary>
    public async Task EventChangedAsync(ActivityEvent ev, string oldStartsAt, string oldVenue, string siteBase, CancellationToken ct)
    {
        var signups = await db.Set<EventSignup>().Include(s => s.User)
            .Where(s => s.EventId == ev.Id && s.Status != SignupStatus.Cancelled).ToListAsync(ct);
        if (signups.Count == 0) return;
        var references = signups.SelectMany(s => References(s.Id)).ToList();
        var waiting = await db.Notifications
            .Where(n => n.Reference != null && references.Contains(n.Reference) && n.Status == NotificationStatus.Pending)
            .ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;

        foreach (var signup in signups)
        {
            var culture = CultureOf(signup.User);
            var model = Model(signup, ev, signup.User, culture, siteBase);
            outbox.Queue(signup.User.Email!, signup.User.DisplayName, ChangedTemplate, culture,
                new Dictionary<string, object?>(model) { ["oldStartsAt"] = oldStartsAt, ["oldVenue"] = oldVenue });
            // A withdrawn event keeps no reminders (see EventWithdrawnAsync); publishing it again queues them for the new time.
            if (signup.Status != SignupStatus.Confirmed || !ev.IsPublished) continue;
            foreach (var (suffix, before) in Schedule)
            {
                var reference = Reference(signup.Id, suffix);
                var reminder = waiting.FirstOrDefault(n => n.Reference == reference);
                var dueAt = ev.StartsAt - before;
                if (dueAt <= now)
                {
                    if (reminder is not null) db.Notifications.Remove(reminder);
                }
                else if (reminder is not null)
                {
                    reminder.PayloadJson = JsonSerializer.Serialize(model, Json);
                    reminder.DueAt = dueAt;
                    reminder.NextAttemptAt = dueAt;
                }
                else
                {
                    outbox.Queue(signup.User.Email!, signup.User.DisplayName, ReminderTemplate, culture, model, dueAt, reference);
                }
            }
        }
    }

    /// <summary>
    /// The organizer withdrew the event: everyone confirmed or waitlisted is told (unless the event is already over, when
    /// withdrawing only tidies the programme), and the waiting reminders of every seat are dropped. The sign-ups stay.
    /// Returns how many people were told.
    /// </summary>
    public async Task<int> EventWithdrawnAsync(ActivityEvent ev, string siteBase, CancellationToken ct)
    {
        var signups = await ActiveSignupsAsync(ev.Id, ct);
        var references = signups.SelectMany(s => References(s.Id)).ToList();
        db.Notifications.RemoveRange(await db.Notifications
            .Where(n => n.Reference != null && references.Contains(n.Reference) && n.Status == NotificationStatus.Pending)
            .ToListAsync(ct));
        if (ev.EndsAt <= clock.GetUtcNow().UtcDateTime) return 0;
        foreach (var signup in signups)
        {
            var culture = CultureOf(signup.User);
            var model = Model(signup, ev, signup.User, culture, siteBase);
            // No QR code in a notice that the event is off: the ticket is not for use until it is published again.
            model.Remove(SendDueNotifications.InlineQrProperty);
            outbox.Queue(signup.User.Email!, signup.User.DisplayName, WithdrawnTemplate, culture, model);
        }
        return signups.Count;
    }

    /// <summary>The event is published again: every seat still held gets back the reminders still to come.</summary>
    public async Task RestoreRemindersAsync(ActivityEvent ev, string siteBase, CancellationToken ct)
    {
        var signups = (await ActiveSignupsAsync(ev.Id, ct)).Where(s => s.Status == SignupStatus.Confirmed).ToList();
        var references = signups.SelectMany(s => References(s.Id)).ToList();
        var pending = await db.Notifications
            .Where(n => n.Reference != null && references.Contains(n.Reference) && n.Status == NotificationStatus.Pending)
            .Select(n => n.Reference!).ToListAsync(ct);
        foreach (var signup in signups)
        {
            var culture = CultureOf(signup.User);
            QueueReminders(signup, ev, signup.User, culture, Model(signup, ev, signup.User, culture, siteBase), pending);
        }
    }

    private Task<List<EventSignup>> ActiveSignupsAsync(int eventId, CancellationToken ct) =>
        db.Set<EventSignup>().Include(s => s.User)
            .Where(s => s.EventId == eventId && s.Status != SignupStatus.Cancelled).OrderBy(s => s.Id).ToListAsync(ct);

    private static string CultureOf(AppUser person) => person.PreferredCulture is { Length: > 0 } c ? c : EmailTemplates.DefaultCulture;

    private static Dictionary<string, object?> Model(EventSignup signup, ActivityEvent ev, AppUser person, string culture, string siteBase)
    {
        var english = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var model = new Dictionary<string, object?>
        {
            ["displayName"] = person.DisplayName,
            ["eventTitle"] = english && ev.TitleEn.Length > 0 ? ev.TitleEn : ev.Title,
            ["startsAt"] = ChinaTime.Format(ev.StartsAt),
            ["endsAt"] = ChinaTime.Format(ev.EndsAt, "HH:mm"),
            ["venue"] = ev.Venue,
            ["ticketCode"] = signup.TicketCode,
            ["position"] = signup.WaitlistPosition,
            ["link"] = $"{siteBase.TrimEnd('/')}/activity-events/{ev.Id}",
            ["ticketsLink"] = $"{siteBase.TrimEnd('/')}/my/tickets",
        };
        // Only a seat has a ticket worth scanning; a waitlisted person gets theirs when promoted.
        if (signup.Status == SignupStatus.Confirmed)
            model[SendDueNotifications.InlineQrProperty] = signup.TicketToken;
        return model;
    }
}
