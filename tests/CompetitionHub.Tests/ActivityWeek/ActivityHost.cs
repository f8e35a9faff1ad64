using System.Net;
using System.Text.Json;
using CompetitionHub.Tests.Contests;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.ActivityWeek;
using CompetitionHub.Web.Features.Contests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CompetitionHub.Tests.ActivityWeek;

/// <summary>
/// The real app with a fake clock (starting at the real time, so cookies behave), mail to a real SMTP listener and no
/// Hangfire server: tests run the sender themselves. Each test makes its own Activity Week contest and events.
/// </summary>
public class ActivityHost : SmtpAppFactory
{
    public ActivityHost() => With("Hangfire:Server", "false").WithClock(Clock);

    // From a whole second: PostgreSQL keeps times to the microsecond, so a time of finer ticks would not read back equal.
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;
}

internal static class ActivityArrange
{
    /// <summary>A published Activity Week contest, managed by <paramref name="organizerUserId"/> when given.</summary>
    public static Task<int> AddActivityWeekAsync(this AppFactory host, string? organizerUserId = null) =>
        host.AddContestAsync(organizerUserId: organizerUserId, configure: c => c.Kind = ContestKind.ActivityWeek);

    public static Task<int> AddEventAsync(this AppFactory host, int contestId, DateTime startsAt, int? capacity = 50,
        bool published = true, ActivityEventType type = ActivityEventType.Forum, string title = "测试论坛", params string[] tags) =>
        host.WithDbAsync(async db =>
        {
            var ev = new ActivityEvent
            {
                ContestId = contestId, Type = type, Title = title, TitleEn = "Test forum", Venue = "长春国际会展中心 A 厅",
                StartsAt = startsAt, EndsAt = startsAt.AddHours(2), Capacity = capacity, Tags = [.. tags],
                IsPublished = published, CreatedAt = startsAt.AddDays(-30), UpdatedAt = startsAt.AddDays(-30),
            };
            db.ActivityEvents.Add(ev);
            await db.SaveChangesAsync();
            return ev.Id;
        });

    /// <summary>A new confirmed account and a client signed in as it.</summary>
    public static async Task<(HttpClient Client, string Email, string UserId)> PersonAsync(this AppFactory host, string prefix = "visitor",
        params string[] roles)
    {
        var email = TestUsers.NewEmail(prefix);
        var user = await host.CreateUserAsync(email, TestUsers.DemoPassword, roles: roles);
        var client = host.CreateFormClient();
        await client.SignInOrThrowAsync(email, TestUsers.DemoPassword);
        return (client, email, user.Id);
    }

    public static Task<(HttpClient Client, string Email, string UserId)> OrganizerAsync(this AppFactory host) =>
        host.PersonAsync("org", Roles.Organizer);

    public static async Task<HttpResponseMessage> SignUpAsync(this HttpClient client, int eventId)
    {
        var response = await client.PostFormAsync($"/activity-events/{eventId}/signup", [], $"/activity-events/{eventId}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    public static Task<EventSignup?> SignupOfAsync(this AppFactory host, int eventId, string userId) =>
        host.WithDbAsync(db => db.EventSignups.AsNoTracking()
            .Where(s => s.EventId == eventId && s.UserId == userId).OrderByDescending(s => s.Id).FirstOrDefaultAsync());

    public static Task<List<EventSignup>> SignupsAsync(this AppFactory host, int eventId) =>
        host.WithDbAsync(db => db.EventSignups.AsNoTracking().Where(s => s.EventId == eventId).OrderBy(s => s.Id).ToListAsync());

    public static async Task<HttpResponseMessage> CancelAsync(this HttpClient client, int eventId, int signupId) =>
        await client.PostFormAsync($"/activity-events/signups/{signupId}/cancel", [], $"/activity-events/{eventId}");

    /// <summary>Checks a ticket in at the door as the page's script does; returns the JSON answer.</summary>
    public static async Task<JsonElement> CheckInAsync(this HttpClient staff, int contestId, int eventId, string ticket) =>
        await (await staff.DoorFormAsync(contestId, eventId, ticket)).ScanAsync();

    /// <summary>The door page's form with a ticket typed or scanned in, not yet sent.</summary>
    public static Task<FilledForm> DoorFormAsync(this HttpClient staff, int contestId, int eventId, string ticket) =>
        staff.FillFormAsync($"/manage/activity-weeks/{contestId}/events/{eventId}/door", [new("ticket", ticket)]);

    /// <summary>Sends the door's form as the page's script does; returns the JSON answer.</summary>
    public static async Task<JsonElement> ScanAsync(this FilledForm door)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, door.Action)
        {
            Content = new FormUrlEncodedContent(door.Fields),
        };
        request.Headers.Accept.ParseAdd("application/json");
        var response = await door.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    public static DateTime Minute(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);

    /// <summary>The event's edit form as it stands, with some fields changed.</summary>
    public static async Task<List<KeyValuePair<string, string>>> FormOfAsync(this HttpClient organizer, int contest, int ev, params (string Name, string Value)[] changes)
    {
        var page = await organizer.GetStringAsync($"/manage/activity-weeks/{contest}/events/{ev}");
        string Value(string name) => System.Net.WebUtility.HtmlDecode(
            System.Text.RegularExpressions.Regex.Match(page, $"name=\"{name}\"[^>]*value=\"([^\"]*)\"").Groups[1].Value);
        var fields = new Dictionary<string, string>
        {
            ["Version"] = Value("Version"), ["Type"] = "Forum", ["Title"] = Value("Title"), ["TitleEn"] = Value("TitleEn"),
            ["Venue"] = Value("Venue"), ["StartsAt"] = Value("StartsAt"), ["EndsAt"] = Value("EndsAt"), ["Capacity"] = Value("Capacity"),
            ["Tags"] = Value("Tags"), ["TagsEn"] = Value("TagsEn"), ["RequiresSignup"] = "true",
        };
        foreach (var (name, value) in changes) fields[name] = value;
        return [.. fields];
    }
}
