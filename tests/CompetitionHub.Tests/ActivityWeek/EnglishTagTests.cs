using System.Net;
using System.Text.Json;
using CompetitionHub.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.ActivityWeek;

/// <summary>An event's tags in English beside the Chinese ones: shown in the reader's language, filtered and keyed by the Chinese tag.</summary>
public sealed class EnglishTagTests(EnglishTagTests.Host host) : IClassFixture<EnglishTagTests.Host>
{
    public sealed class Host : ActivityHost;

    private static async Task<string> PageAsync(HttpClient client, string url) => WebUtility.HtmlDecode(await client.GetStringAsync(url));

    private static Task<HttpResponseMessage> CreateAsync(HttpClient organizer, int contest, DateTime starts, string tags, string tagsEn) =>
        organizer.PostFormAsync($"/manage/activity-weeks/{contest}/events/new",
            ("Type", "Forum"), ("Title", "双语标签论坛"), ("Venue", "长春国际会展中心 C 厅"),
            ("StartsAt", starts.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture)),
            ("EndsAt", starts.AddHours(2).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture)),
            ("Tags", tags), ("TagsEn", tagsEn), ("RequiresSignup", "true"));

    [Fact]
    public async Task Programme_ShowsTagsInEnglish_WithTheChineseTagAsFilterValue_AndTheApiCarriesBoth()
    {
        var (organizer, _, organizerId) = await host.OrganizerAsync();
        var contest = await host.AddActivityWeekAsync(organizerId);

        // 融资 has no English name (the second item is blank) and falls back; 路演 is given one.
        var created = await CreateAsync(organizer, contest, host.Now.AddDays(20), "成果转化, 融资, 路演", "Technology transfer, , Roadshow");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var ev = await host.WithDbAsync(db => db.ActivityEvents.AsNoTracking().SingleAsync(e => e.ContestId == contest));
        Assert.Equal(["成果转化", "融资", "路演"], ev.Tags);
        Assert.Equal(["Technology transfer", "", "Roadshow"], ev.TagsEn);
        Assert.Contains("value=\"Technology transfer, , Roadshow\"", await PageAsync(organizer, $"/manage/activity-weeks/{contest}/events/{ev.Id}"));
        // Published as the organizer's publish button leaves it; the form above is what is under test.
        await host.WithDbAsync(db => db.ActivityEvents.Where(e => e.Id == ev.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.IsPublished, true)));

        var english = await PageAsync(host.CreateFormClient("en"), $"/activity-weeks/{contest}");
        var chinese = await PageAsync(host.CreateFormClient(), $"/activity-weeks/{contest}");
        var filtered = await PageAsync(host.CreateFormClient("en"), $"/activity-weeks/{contest}?tag={Uri.EscapeDataString("成果转化")}");
        var eventPage = await PageAsync(host.CreateFormClient("en"), $"/activity-events/{ev.Id}");

        Assert.Contains("<option value=\"成果转化\">Technology transfer</option>", english);
        Assert.Contains("<option value=\"融资\">融资</option>", english);
        Assert.Contains("<option value=\"路演\">Roadshow</option>", english);
        Assert.Contains("event-tag\">Technology transfer</span>", english);
        Assert.Contains("<option value=\"成果转化\">成果转化</option>", chinese);
        Assert.DoesNotContain("Technology transfer", chinese);
        Assert.Contains("<option value=\"成果转化\" selected=\"selected\">Technology transfer</option>", filtered);
        Assert.Contains($"data-event-id=\"{ev.Id}\"", filtered);
        Assert.Contains("event-tag\" href=\"/activity-weeks/" + contest + "?tag=%E6%88%90%E6%9E%9C%E8%BD%AC%E5%8C%96\">Technology transfer</a>", eventPage);

        using var api = JsonDocument.Parse(await host.CreateClient().GetStringAsync($"/api/v1/events/{ev.Id}"));
        Assert.Equal(["成果转化", "融资", "路演"], api.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["Technology transfer", "融资", "Roadshow"], api.RootElement.GetProperty("tagsEn").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task EventForm_RefusesMoreEnglishTagsThanTags_KeepingWhatWasTyped()
    {
        var (organizer, _, organizerId) = await host.OrganizerAsync();
        var contest = await host.AddActivityWeekAsync(organizerId);

        var refused = await CreateAsync(organizer, contest, host.Now.AddDays(21), "融资", "Financing, Roadshow");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("英文标签有 2 个，多于标签的 1 个", page);
        Assert.Contains("value=\"Financing, Roadshow\"", page);
        Assert.False(await host.WithDbAsync(db => db.ActivityEvents.AnyAsync(e => e.ContestId == contest)));
    }
}
