using System.Net;
using CompetitionHub.Tests.Contests;
using CompetitionHub.Tests.Judging;
using CompetitionHub.Tests.Registration;
using CompetitionHub.Tests.Review;
using CompetitionHub.Tests.Roadshow;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Rankings;
using CompetitionHub.Web.Features.Roadshow;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Publication;

/// <summary>
/// The public re-check of lot draws: running orders once drawn, tie draws once the round's results are published, nothing
/// of an unpublished contest; read by a visitor with no account.
/// </summary>
public sealed class PublicDrawsTests(PublicDrawsTests.Host host) : IClassFixture<PublicDrawsTests.Host>
{
    public sealed class Host : RegistrationHost;

    private DateTime TenDaysAhead => new DateTime(host.Now.Ticks - host.Now.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc).AddDays(10);

    private Task<int> CieAsync() => host.WithDbAsync(db => db.Contests.Where(c => c.Slug == ReviewData.Contest).Select(c => c.Id).SingleAsync());

    private static async Task<string> TextOfAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Draws_ShowEveryRunningOrderDrawRecomputed_ToAVisitorWithoutAnAccount()
    {
        var contestId = await CieAsync();
        var roundId = await host.CreateRoundAsync();
        var entries = await host.CreateApprovedEntriesAsync(4);
        var ids = entries.Select(e => e.Id).ToList();
        var organizer = await host.DemoOrganizerAsync();
        var sessionName = "公开抽签场" + ReviewData.Tag();
        var sessionId = await organizer.CreateSessionAsync(roundId, sessionName, TenDaysAhead, ids);
        Assert.Equal(HttpStatusCode.Redirect, (await organizer.DrawAsync(host, roundId, sessionId, "20261125")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await organizer.DrawAsync(host, roundId, sessionId, "7", reason: "主持人宣布的种子有误")).StatusCode);
        var visitor = host.CreateFormClient();

        var page = await TextOfAsync(visitor, $"/contests/{contestId}/draws");

        Assert.Contains(sessionName, page);
        Assert.Contains("data-seed=\"20261125\" data-match=\"true\"", page);
        Assert.Contains("data-seed=\"7\" data-match=\"true\"", page);
        Assert.Contains("原因：主持人宣布的种子有误", page);
        Assert.Contains($"class=\"col-sm-9 draw-recomputed\">{string.Join(", ", LotDraw.Draw(ids, 7))}<", page);
        Assert.Contains($"class=\"col-sm-9 draw-input\">{string.Join(", ", ids.Order())}<", page);
        Assert.Contains("SplitMix64", page);
        Assert.DoesNotContain("session-changed", page);

        // From the session's live page, and from the contest page.
        Assert.Contains($"href=\"/live/sessions/{sessionId}/draw\"", await TextOfAsync(visitor, $"/live/sessions/{sessionId}"));
        Assert.Contains($"href=\"/contests/{contestId}/draws\"", await TextOfAsync(visitor, $"/contests/{contestId}"));
        var live = await visitor.GetAsync($"/live/sessions/{sessionId}/draw");
        Assert.Equal(HttpStatusCode.Redirect, live.StatusCode);
        Assert.Equal($"/contests/{contestId}/draws/sessions/{sessionId}", live.Headers.Location?.OriginalString);
        var one = await TextOfAsync(visitor, live.Headers.Location!.OriginalString);
        Assert.Contains("data-seed=\"7\" data-match=\"true\"", one);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(one, "class=\"card mb-3 draws-session\""));

        var english = await TextOfAsync(host.CreateFormClient("en"), $"/contests/{contestId}/draws/sessions/{sessionId}");
        Assert.Contains("Running-order draw", english);
        Assert.Contains("Verified: recomputing with seed 7 gives the published order.", english);
    }

    [Fact]
    public async Task Draws_ShowNoSeed_WhenTheSessionIsNotDrawnYet()
    {
        var contestId = await CieAsync();
        var roundId = await host.CreateRoundAsync();
        var entries = await host.CreateApprovedEntriesAsync(2);
        var organizer = await host.DemoOrganizerAsync();
        var sessionId = await organizer.CreateSessionAsync(roundId, "未抽签场" + ReviewData.Tag(), TenDaysAhead, entries.Select(e => e.Id));

        var page = await TextOfAsync(host.CreateFormClient(), $"/contests/{contestId}/draws/sessions/{sessionId}");

        Assert.Contains("该场次尚未抽签。", page);
        Assert.DoesNotContain("data-seed=", page);
    }

    [Fact]
    public async Task Draws_ShowATieDrawOnlyOnceTheRoundsResultsArePublished()
    {
        var a = await host.ScoredRoundAsync(host.Now);
        var organizer = await host.DemoOrganizerAsync();
        // The lot an organizer drew for two entries tied at 45.50 (recorded as the ties page records it).
        int[] tied = [.. new[] { a.High.Id, a.Middle.Id }.Order()];
        await host.WithDbAsync(async db =>
        {
            var userId = await db.Users.Where(u => u.Email == TestUsers.DemoOrganizer).Select(u => u.Id).SingleAsync();
            db.TieDraws.Add(new TieDraw
            {
                RoundId = a.Round.Id, ScoreHundredths = 4550, EntryIds = TieDraw.Join(tied), Seed = 424242,
                DrawnOrder = TieDraw.Join(LotDraw.Draw(tied, 424242)), DrawnAt = host.Now, DrawnByUserId = userId,
            });
            // A record whose order the seed does not give (altered after the fact): the page must say so, not repeat it.
            db.TieDraws.Add(new TieDraw
            {
                RoundId = a.Round.Id, ScoreHundredths = 4200, EntryIds = TieDraw.Join(tied), Seed = 515151,
                DrawnOrder = TieDraw.Join(LotDraw.Draw(tied, 515151).Reverse()), DrawnAt = host.Now, DrawnByUserId = userId,
            });
            return await db.SaveChangesAsync();
        });
        var visitor = host.CreateFormClient();

        Assert.DoesNotContain("data-seed=\"424242\"", await TextOfAsync(visitor, $"/contests/{a.ContestId}/draws"));

        await organizer.FollowAsync(await organizer.PostFromAsync($"{a.ManageUrl}/publish", a.ManageUrl, ("Days", "7"), ("Current", "0"), ("Note", "")));
        var page = await TextOfAsync(visitor, $"/contests/{a.ContestId}/draws");

        Assert.Contains("data-seed=\"424242\" data-match=\"true\"", page);
        Assert.Contains("data-seed=\"515151\" data-match=\"false\"", page);
        Assert.Contains("验证未通过：用种子 515151 重新计算的顺序与记录不一致。", page);
        Assert.Contains("并列抽签（并列得分 45.50）", page);
        Assert.Contains(a.HighTitle, page);
    }

    [Fact]
    public async Task Draws_Return404_WhenTheContestIsNotPublished()
    {
        var organizerId = await host.WithDbAsync(db => db.Users.Where(u => u.Email == TestUsers.DemoOrganizer).Select(u => u.Id).SingleAsync());
        var contestId = await host.AddContestAsync(published: false, organizerUserId: organizerId);
        var roundId = await host.AddRoundAsync(contestId);
        var sessionId = await host.WithDbAsync(async db =>
        {
            var session = new RoadshowSession { RoundId = roundId, Name = "内部场", Venue = "会议室", StartsAt = host.Now, DrawSeed = 5, DrawnAt = host.Now };
            db.RoadshowSessions.Add(session);
            await db.SaveChangesAsync();
            return session.Id;
        });
        var visitor = host.CreateFormClient();

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/contests/{contestId}/draws")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/contests/{contestId}/draws/sessions/{sessionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/live/sessions/{sessionId}/draw")).StatusCode);

        // Its organizer sees a preview, marked as one.
        var organizer = await host.DemoOrganizerAsync();
        Assert.Contains("id=\"draws-preview\"", await TextOfAsync(organizer, $"/contests/{contestId}/draws"));
        Assert.Equal(HttpStatusCode.Redirect, (await organizer.GetAsync($"/live/sessions/{sessionId}/draw")).StatusCode);
    }

    [Fact]
    public async Task Draws_Return404_WhenTheSessionBelongsToAnotherContest()
    {
        var contestId = await host.AddContestAsync();
        var roundId = await host.CreateRoundAsync();
        var entries = await host.CreateApprovedEntriesAsync(2);
        var organizer = await host.DemoOrganizerAsync();
        var sessionId = await organizer.CreateSessionAsync(roundId, "别的赛事" + ReviewData.Tag(), TenDaysAhead, entries.Select(e => e.Id));

        Assert.Equal(HttpStatusCode.NotFound, (await host.CreateFormClient().GetAsync($"/contests/{contestId}/draws/sessions/{sessionId}")).StatusCode);
    }
}
