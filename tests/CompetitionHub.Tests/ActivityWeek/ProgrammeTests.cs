using System.Net;
using System.Text.Json;
using CompetitionHub.Tests.Contests;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.ActivityWeek;
using Ical.Net;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.ActivityWeek;

public sealed class ProgrammeTests(ProgrammeTests.Host host) : IClassFixture<ProgrammeTests.Host>
{
    public sealed class Host : ActivityHost;

    [Fact]
    public async Task Programme_ListsPublishedEventsOnly_AndFiltersByTypeAndTag()
    {
        var contest = await host.AddActivityWeekAsync();
        var forum = await host.AddEventAsync(contest, host.Now.AddDays(3), title: "融资论坛", tags: "融资");
        var training = await host.AddEventAsync(contest, host.Now.AddDays(4), type: ActivityEventType.Training, title: "创业培训课", tags: "培训");
        var hidden = await host.AddEventAsync(contest, host.Now.AddDays(4), published: false, title: "未发布活动");
        var client = host.CreateClient();

        var all = await client.GetStringAsync($"/activity-weeks/{contest}");
        var trainings = await client.GetStringAsync($"/activity-weeks/{contest}?view=type&type=Training");
        var tagged = await client.GetStringAsync($"/activity-weeks/{contest}?tag={Uri.EscapeDataString("融资")}");

        Assert.Contains($"data-event-id=\"{forum}\"", all);
        Assert.Contains($"data-event-id=\"{training}\"", all);
        Assert.DoesNotContain($"data-event-id=\"{hidden}\"", all);
        Assert.Contains($"data-event-id=\"{training}\"", trainings);
        Assert.DoesNotContain($"data-event-id=\"{forum}\"", trainings);
        Assert.Contains($"data-event-id=\"{forum}\"", tagged);
        Assert.DoesNotContain($"data-event-id=\"{training}\"", tagged);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/activity-events/{hidden}")).StatusCode);
    }

    [Fact]
    public async Task ActivityWeekLink_LeadsToTheNewestPublishedProgramme_AndTheContestPageLinksItToo()
    {
        var newest = await host.AddContestAsync(configure: c => { c.Kind = Web.Features.Contests.ContestKind.ActivityWeek; c.EditionYear = 2099; });
        await host.AddContestAsync(published: false,
            configure: c => { c.Kind = Web.Features.Contests.ContestKind.ActivityWeek; c.EditionYear = 2100; });
        var client = host.CreateClient(new() { AllowAutoRedirect = false });

        var home = await client.GetStringAsync("/");
        var response = await client.GetAsync("/activity-week");
        var contestPage = await client.GetStringAsync($"/contests/{newest}");

        Assert.Contains("id=\"nav-activity-week\"", home);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/activity-weeks/{newest}", response.Headers.Location?.OriginalString);
        Assert.Contains($"href=\"/activity-weeks/{newest}\" id=\"contest-programme-link\"", contestPage);
    }

    [Fact]
    public async Task EventPage_ShowsSeatsLeft()
    {
        var contest = await host.AddActivityWeekAsync();
        var ev = await host.AddEventAsync(contest, host.Now.AddDays(3), capacity: 3);
        await (await host.PersonAsync()).Client.SignUpAsync(ev);

        var page = await host.CreateClient().GetStringAsync($"/activity-events/{ev}");

        Assert.Contains("剩余名额 2 / 3", page);
        Assert.Contains("id=\"signup-login\"", page);
    }

    [Fact]
    public async Task CalendarFeeds_ParseBack_WithStableUidsAndUtcTimes()
    {
        var contest = await host.AddActivityWeekAsync();
        var startsAt = new DateTime(2027, 9, 13, 1, 0, 0, DateTimeKind.Utc);
        var first = await host.AddEventAsync(contest, startsAt, title: "双创论坛");
        var second = await host.AddEventAsync(contest, startsAt.AddDays(1), title: "创业培训");
        await host.AddEventAsync(contest, startsAt, published: false);
        var client = host.CreateClient();

        var response = await client.GetAsync($"/activity-weeks/{contest}/programme.ics");
        var feed = Calendar.Load(await response.Content.ReadAsStringAsync())!;
        var single = Calendar.Load(await client.GetStringAsync($"/activity-events/{first}.ics"))!;
        var again = Calendar.Load(await client.GetStringAsync($"/activity-weeks/{contest}/programme.ics"))!;

        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([ProgrammeCalendar.Uid(first), ProgrammeCalendar.Uid(second)], feed.Events.Select(e => e.Uid));
        Assert.Equal(feed.Events.Select(e => e.Uid), again.Events.Select(e => e.Uid));
        var parsed = feed.Events.First();
        Assert.StartsWith("双创论坛", parsed.Summary);
        Assert.Equal("长春国际会展中心 A 厅", parsed.Location);
        Assert.True(parsed.DtStart!.IsUtc);
        Assert.Equal(startsAt, parsed.DtStart.AsUtc);
        Assert.Equal(startsAt.AddHours(2), parsed.DtEnd!.AsUtc);
        Assert.Equal(ProgrammeCalendar.Uid(first), Assert.Single(single.Events).Uid);
    }

    [Fact]
    public async Task Api_ListsAndGetsPublishedEvents_AndIsInTheOpenApiDocument()
    {
        var contest = await host.AddActivityWeekAsync();
        var ev = await host.AddEventAsync(contest, host.Now.AddDays(3), capacity: 10, tags: "融资");
        var hidden = await host.AddEventAsync(contest, host.Now.AddDays(3), published: false);
        await (await host.PersonAsync()).Client.SignUpAsync(ev);
        var client = host.CreateClient();

        using var list = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/activity-weeks/{contest}/events"));
        using var one = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/events/{ev}"));
        var openApi = await client.GetStringAsync("/api/v1/openapi.json");

        Assert.Equal([ev], list.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetInt32()));
        Assert.Equal(9, one.RootElement.GetProperty("seatsLeft").GetInt32());
        Assert.Equal("Forum", one.RootElement.GetProperty("type").GetString());
        Assert.Equal(["融资"], one.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/events/{hidden}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/activity-weeks/{await host.AddContestOfOtherKindAsync()}/events")).StatusCode);
        Assert.Contains("/api/v1/activity-weeks/{contestId}/events", openApi);
        Assert.Contains("/api/v1/events/{id}", openApi);
    }

    [Fact]
    public async Task SaveEvent_ShowsLocalizedError_WhenEndIsBeforeStart()
    {
        var (organizer, _, organizerId) = await host.OrganizerAsync();
        var contest = await host.AddActivityWeekAsync(organizerId);

        var response = await organizer.PostFormAsync($"/manage/activity-weeks/{contest}/events/new",
            ("Type", "Forum"), ("Title", "新论坛"), ("Venue", "长春"), ("StartsAt", "2027-09-13T10:00"), ("EndsAt", "2027-09-13T09:00"),
            ("RequiresSignup", "true"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("结束时间须晚于开始时间。", await response.Content.ReadAsStringAsync());
        Assert.False(await host.WithDbAsync(db => db.ActivityEvents.AnyAsync(e => e.ContestId == contest)));
    }

    [Fact]
    public async Task SaveEvent_RefusesAStaleForm_WhenSomeoneElseSavedMeanwhile()
    {
        var (organizer, _, organizerId) = await host.OrganizerAsync();
        var contest = await host.AddActivityWeekAsync(organizerId);
        var ev = await host.AddEventAsync(contest, host.Now.AddDays(3));
        var form = await organizer.FillFormAsync($"/manage/activity-weeks/{contest}/events/{ev}",
            [new("Type", "Forum"), new("Title", "我的名称"), new("Venue", "长春"),
             new("StartsAt", "2027-09-13T09:00"), new("EndsAt", "2027-09-13T10:00"), new("RequiresSignup", "true")]);
        await host.WithDbAsync(async db =>
        {
            var entity = await db.ActivityEvents.SingleAsync(e => e.Id == ev);
            entity.Title = "别人改过的名称";
            await db.SaveChangesAsync();
        });

        var response = await form.SubmitAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("该活动已被他人修改", await response.Content.ReadAsStringAsync());
        Assert.Equal("别人改过的名称", await host.WithDbAsync(db => db.ActivityEvents.Where(e => e.Id == ev).Select(e => e.Title).SingleAsync()));
    }

    [Fact]
    public async Task CreateAndPublish_PutsTheEventOnTheProgramme_AndOtherOrganizersAreRefused()
    {
        var (organizer, _, organizerId) = await host.OrganizerAsync();
        var (other, _, _) = await host.OrganizerAsync();
        var contest = await host.AddActivityWeekAsync(organizerId);

        var created = await organizer.PostFormAsync($"/manage/activity-weeks/{contest}/events/new",
            ("Type", "Exhibition"), ("Title", "成果展览"), ("Venue", "会展中心"), ("StartsAt", "2027-09-13T09:00"), ("EndsAt", "2027-09-13T17:00"),
            ("Capacity", "100"), ("Tags", "成果, 展览"), ("RequiresSignup", "true"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var ev = await host.WithDbAsync(db => db.ActivityEvents.SingleAsync(e => e.ContestId == contest));
        Assert.False(ev.IsPublished);
        Assert.Equal(["成果", "展览"], ev.Tags);
        var publish = await organizer.PostFormAsync($"/manage/activity-weeks/{contest}/events/{ev.Id}/publish",
            [new("version", ev.Version.ToString())], $"/manage/activity-weeks/{contest}/events/{ev.Id}");

        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        Assert.Contains($"data-event-id=\"{ev.Id}\"", await host.CreateClient().GetStringAsync($"/activity-weeks/{contest}"));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/manage/activity-weeks/{contest}/events")).StatusCode);
    }
}

internal static class ProgrammeArrange
{
    public static Task<int> AddContestOfOtherKindAsync(this AppFactory host) => Contests.ContestArrange.AddContestAsync(host);
}
