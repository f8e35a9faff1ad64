using System.Net;
using CompetitionHub.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.ActivityWeek;

/// <summary>Event times out of any sensible range, typed into the event form.</summary>
public sealed class EventDateTests(EventDateTests.Host host) : IClassFixture<EventDateTests.Host>
{
    public sealed class Host : ActivityHost;

    private const string OutOfRange = "日期须在 2000-01-01 到 2100-12-31 之间。";

    [Theory]
    [InlineData("0001-01-01T10:00", "0001-01-01T12:00")]
    [InlineData("1899-12-31T10:00", "1899-12-31T12:00")]
    [InlineData("9999-12-31T10:00", "9999-12-31T12:00")]
    public async Task CreateEvent_IsRefusedWithAMessage_WhenTheYearIsOutOfRange(string starts, string ends)
    {
        var (organizer, _, organizerId) = await host.OrganizerAsync();
        var contest = await host.AddActivityWeekAsync(organizerId);

        var response = await organizer.PostFormAsync($"/manage/activity-weeks/{contest}/events/new",
            ("Type", "Forum"), ("Title", "远古论坛"), ("Venue", "长春"), ("StartsAt", starts), ("EndsAt", ends), ("RequiresSignup", "true"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(OutOfRange, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.False(await host.WithDbAsync(db => db.ActivityEvents.AnyAsync(e => e.ContestId == contest)));
    }

    [Fact]
    public async Task EditEvent_IsRefusedWithAMessage_WhenAnEventWithSignupsIsMovedToYearOne()
    {
        var (organizer, _, organizerId) = await host.OrganizerAsync();
        var contest = await host.AddActivityWeekAsync(organizerId);
        var ev = await host.AddEventAsync(contest, ActivityArrange.Minute(host.Now.AddDays(5)));
        var (visitor, _, _) = await host.PersonAsync();
        await visitor.SignUpAsync(ev);
        var before = await host.WithDbAsync(db => db.ActivityEvents.AsNoTracking().SingleAsync(e => e.Id == ev));

        var response = await organizer.PostFormAsync($"/manage/activity-weeks/{contest}/events/{ev}",
            await organizer.FormOfAsync(contest, ev, ("StartsAt", "0001-01-01T00:00"), ("EndsAt", "0001-01-01T02:00")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(OutOfRange, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        var after = await host.WithDbAsync(db => db.ActivityEvents.AsNoTracking().SingleAsync(e => e.Id == ev));
        Assert.Equal(before.StartsAt, after.StartsAt);
    }
}
