using System.Net;
using AngleSharp.Html.Parser;
using CompetitionHub.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.ActivityWeek;

/// <summary>Every refusal of the event form and its publish button reaches the organizer as a refusal.</summary>
public sealed class EventRefusalMessageTests(EventRefusalMessageTests.Host host) : IClassFixture<EventRefusalMessageTests.Host>
{
    public sealed class Host : ActivityHost;

    [Fact]
    public async Task UpdateEvent_ShowsTheLengthMessageUnderTheEnglishDescription_WhenItIsTooLong()
    {
        var (organizer, _, organizerId) = await host.OrganizerAsync();
        var contest = await host.AddActivityWeekAsync(organizerId);
        var ev = await host.AddEventAsync(contest, ActivityArrange.Minute(host.Now.AddDays(5)));
        var page = $"/manage/activity-weeks/{contest}/events/{ev}";

        // The textarea's maxlength stops a browser at 4,000; a pasted-in request does not stop there.
        var response = await organizer.PostTamperedAsync(page, await organizer.FormOfAsync(contest, ev, ("DescriptionEn", new string('x', 4001))), page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        var underField = html.QuerySelector("#event-description-en ~ .text-danger")?.TextContent.Trim();
        Assert.False(string.IsNullOrEmpty(underField));
        Assert.Equal("", await host.WithDbAsync(db => db.ActivityEvents.Where(e => e.Id == ev).Select(e => e.DescriptionEn).SingleAsync()));
    }

    [Theory]
    [InlineData("unpublish")]
    [InlineData("publish")]
    public async Task Publish_ShowsTheRefusalAsAnError_WhenTheVersionIsNotAGuid(string action)
    {
        var (organizer, _, organizerId) = await host.OrganizerAsync();
        var contest = await host.AddActivityWeekAsync(organizerId);
        var ev = await host.AddEventAsync(contest, ActivityArrange.Minute(host.Now.AddDays(5)));
        var page = $"/manage/activity-weeks/{contest}/events/{ev}";
        var published = await host.WithDbAsync(db => db.ActivityEvents.Where(e => e.Id == ev).Select(e => e.IsPublished).SingleAsync());

        var response = await organizer.PostTamperedAsync($"{page}/{action}", [new("version", "not-a-guid")], page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = await organizer.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Empty(PageMessages.Successes(html));
        Assert.Contains(PageMessages.Errors(html), e => e.Contains("该活动已被他人修改", StringComparison.Ordinal));
        Assert.Equal(published, await host.WithDbAsync(db => db.ActivityEvents.Where(e => e.Id == ev).Select(e => e.IsPublished).SingleAsync()));
    }
}
