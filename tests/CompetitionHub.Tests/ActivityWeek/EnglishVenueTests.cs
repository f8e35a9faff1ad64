using System.Globalization;
using System.Net;
using CompetitionHub.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.ActivityWeek;

/// <summary>An event's venue as the organizer typed it for each language; English pages fall back to the Chinese one.</summary>
public sealed class EnglishVenueTests(EnglishVenueTests.Host host) : IClassFixture<EnglishVenueTests.Host>
{
    public sealed class Host : ActivityHost;

    private static async Task<string> PageAsync(HttpClient client, string url) => WebUtility.HtmlDecode(await client.GetStringAsync(url));

    [Fact]
    public async Task EventPage_ShowsTheEnglishVenue_WhenGiven_AndTheChineseOne_WhenEmpty()
    {
        var (organizer, _, organizerId) = await host.OrganizerAsync();
        var contest = await host.AddActivityWeekAsync(organizerId);
        var starts = host.Now.AddDays(20).AddHours(8);
        var created = await organizer.PostFormAsync($"/manage/activity-weeks/{contest}/events/new",
            ("Type", "Forum"), ("Title", "双语论坛"), ("Venue", "长春国际会展中心 B 厅"), ("VenueEn", "Changchun International Convention Center, Hall B"),
            ("StartsAt", starts.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)),
            ("EndsAt", starts.AddHours(2).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)), ("RequiresSignup", "true"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var translated = await host.WithDbAsync(db => db.ActivityEvents.Where(e => e.ContestId == contest).Select(e => e.Id).SingleAsync());
        await host.WithDbAsync(async db =>
        {
            // Published as the organizer's publish button leaves it; the form above is what is under test.
            await db.ActivityEvents.Where(e => e.Id == translated).ExecuteUpdateAsync(s => s.SetProperty(e => e.IsPublished, true));
        });
        var untranslated = await host.AddEventAsync(contest, starts.AddDays(1));

        var form = await PageAsync(organizer, $"/manage/activity-weeks/{contest}/events/{translated}");
        var english = await PageAsync(host.CreateFormClient("en"), $"/activity-events/{translated}");
        var chinese = await PageAsync(host.CreateFormClient(), $"/activity-events/{translated}");
        var fallback = await PageAsync(host.CreateFormClient("en"), $"/activity-events/{untranslated}");

        Assert.Contains("value=\"Changchun International Convention Center, Hall B\"", form);
        Assert.Contains("for=\"event-venue-en-input\"", form);
        Assert.Contains("Changchun International Convention Center, Hall B", english);
        Assert.DoesNotContain("长春国际会展中心 B 厅", english);
        Assert.Contains("长春国际会展中心 B 厅", chinese);
        Assert.Contains("长春国际会展中心 A 厅", fallback);
    }
}
