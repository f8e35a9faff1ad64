using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace CompetitionHub.Web.Features.ActivityWeek;

/// <summary>
/// iCalendar (RFC 5545) for the programme and for single events. Times are written in UTC, so every calendar shows them
/// in its own zone without needing a VTIMEZONE for Asia/Shanghai. The UID is fixed per event, so a subscribed calendar
/// updates a moved event instead of adding a second one; SEQUENCE rises with each change.
/// </summary>
public static class ProgrammeCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Uid(int eventId) => $"activity-event-{eventId}@competitionhub";

    public static string Serialize(string name, IEnumerable<ActivityEvent> events, string siteBase, DateTime now)
    {
        var calendar = new Calendar { ProductId = "-//CompetitionHub//Activity Week//ZH", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", "Asia/Shanghai");
        foreach (var e in events)
        {
            var item = new CalendarEvent
            {
                Uid = Uid(e.Id),
                Summary = e.TitleEn.Length > 0 ? $"{e.Title} / {e.TitleEn}" : e.Title,
                Description = e.Description,
                Location = e.Venue,
                DtStart = new CalDateTime(DateTime.SpecifyKind(e.StartsAt, DateTimeKind.Utc), hasTime: true),
                DtEnd = new CalDateTime(DateTime.SpecifyKind(e.EndsAt, DateTimeKind.Utc), hasTime: true),
                DtStamp = new CalDateTime(DateTime.SpecifyKind(now, DateTimeKind.Utc), hasTime: true),
                LastModified = new CalDateTime(DateTime.SpecifyKind(e.UpdatedAt == default ? e.CreatedAt : e.UpdatedAt, DateTimeKind.Utc), hasTime: true),
                Url = new Uri($"{siteBase.TrimEnd('/')}/activity-events/{e.Id}"),
                // Seconds since creation only ever grow, so each edit gets a higher sequence without a counter column.
                Sequence = (int)Math.Max(0, Math.Min(int.MaxValue, ((e.UpdatedAt == default ? e.CreatedAt : e.UpdatedAt) - e.CreatedAt).TotalSeconds)),
            };
            item.Categories.Add(e.Type.ToString());
            // Chinese only, like the description and venue: one file serves every reader, and adding the English name would
            // make one tag two categories in calendar apps that filter by category.
            foreach (var tag in e.Tags) item.Categories.Add(tag);
            calendar.Events.Add(item);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
