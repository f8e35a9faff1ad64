using System.Net;
using CompetitionHub.Tests.Contests;
using CompetitionHub.Tests.Infrastructure;
using CompetitionHub.Tests.Review;
using CompetitionHub.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CompetitionHub.Tests.Publication;

/// <summary>The organizer's publication forms and the audit page, sent values no browser sends.</summary>
public sealed class PublicationInputTests(PublicationInputTests.Host host) : IClassFixture<PublicationInputTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host() => With("Hangfire:Server", "false").WithClock(Clock);

        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2027, 6, 1, 2, 0, 0, TimeSpan.Zero));
    }

    /// <summary>Well under one cookie (4 KB): a message never carries what was posted.</summary>
    private const int SmallCookies = 3000;

    private static readonly string Huge = new('9', 100_000);

    [Fact]
    public async Task Publish_KeepsTheTempDataCookieSmall_WhenAHugeValueIsPosted()
    {
        var a = await host.ScoredRoundAsync(host.Clock.GetUtcNow().UtcDateTime);
        var organizer = await host.DemoOrganizerAsync();

        var response = await organizer.PostTamperedAsync($"{a.ManageUrl}/publish", a.ManageUrl, ("Days", Huge), ("Current", "0"), ("Note", ""));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(response.SetCookieLength() < SmallCookies, $"{response.SetCookieLength()} characters of cookies");
        var page = WebUtility.HtmlDecode(await organizer.GetStringAsync(a.ManageUrl));
        Assert.DoesNotContain(Huge[..1000], page);
        Assert.Contains("输入的值无效。", page);
    }

    [Fact]
    public async Task Finalize_KeepsTheTempDataCookieSmall_WhenAHugeValueIsPosted()
    {
        var a = await host.ScoredRoundAsync(host.Clock.GetUtcNow().UtcDateTime);
        var organizer = await host.DemoOrganizerAsync();
        await organizer.FollowAsync(await organizer.PostFormAsync($"{a.ManageUrl}/publish", [new("Days", "7"), new("Current", "0"), new("Note", "")], a.ManageUrl));

        var response = await organizer.PostTamperedAsync($"{a.ManageUrl}/finalize", a.ManageUrl, ("Number", Huge), ("Version", Huge));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(response.SetCookieLength() < SmallCookies, $"{response.SetCookieLength()} characters of cookies");
        Assert.DoesNotContain(Huge[..1000], await organizer.GetStringAsync(a.ManageUrl));
    }

    [Theory]
    [InlineData("To=9999-12-31")]
    [InlineData("From=0001-01-01")]
    [InlineData("From=1899-12-31&To=9999-12-31")]
    public async Task Audit_AnswersThePageWithAMessage_WhenADateIsOutOfRange(string query)
    {
        var contestId = await host.ContestIdAsync();
        var organizer = await host.DemoOrganizerAsync();

        var response = await organizer.GetAsync($"/manage/contests/{contestId}/audit?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("id=\"audit-total\"", html);
        Assert.Contains("日期须在 2000-01-01 到 2100-12-31 之间。", html);
    }
}
