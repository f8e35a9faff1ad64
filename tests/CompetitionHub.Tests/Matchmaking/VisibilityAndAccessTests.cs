using System.Net;
using CompetitionHub.TestSupport;
using CompetitionHub.Tests.Registration;
using CompetitionHub.Tests.Review;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Matchmaking;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Matchmaking;

public sealed class VisibilityAndAccessTests(VisibilityAndAccessTests.Host host) : IClassFixture<VisibilityAndAccessTests.Host>
{
    public sealed class Host : RegistrationHost;

    [Fact]
    public async Task ProjectPage_IsNotFound_WhenTeamHasNotOpenedEntry()
    {
        var investor = await host.NewInvestorAsync();
        var hidden = await host.NewEntryAsync(visible: false);

        var page = await investor.Client.GetAsync($"/matchmaking/projects/{hidden.Id}");
        var list = await (await investor.Client.GetAsync("/matchmaking/projects")).TextAsync();

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain($"data-entry-id=\"{hidden.Id}\"", list);
    }

    [Fact]
    public async Task ProjectPage_IsNotFound_WhenOpenedEntryIsStillDraft()
    {
        var investor = await host.NewInvestorAsync();
        var draft = await host.NewEntryAsync(status: EntryStatus.Draft);

        Assert.Equal(HttpStatusCode.NotFound, (await investor.Client.GetAsync($"/matchmaking/projects/{draft.Id}")).StatusCode);
    }

    [Fact]
    public async Task Visibility_OpensAndClosesEntry_WhenTeamMemberTogglesIt()
    {
        var investor = await host.NewInvestorAsync();
        var entry = await host.NewEntryAsync(visible: false);

        var opened = await entry.Leader.PostFormAsync($"/matchmaking/entries/{entry.Id}",
            [new("VisibleToInvestors", "true"), new("Stage", "SeriesA")]);

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var page = await investor.Client.GetAsync($"/matchmaking/projects/{entry.Id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("A轮", await page.TextAsync());
        var filtered = await (await investor.Client.GetAsync("/matchmaking/projects?Stage=SeriesA")).TextAsync();
        Assert.Contains($"data-entry-id=\"{entry.Id}\"", filtered);
        var otherStage = await (await investor.Client.GetAsync("/matchmaking/projects?Stage=Seed")).TextAsync();
        Assert.DoesNotContain($"data-entry-id=\"{entry.Id}\"", otherStage);

        await entry.Leader.PostFormAsync($"/matchmaking/entries/{entry.Id}", [new("VisibleToInvestors", "false"), new("Stage", "")]);

        Assert.Equal(HttpStatusCode.NotFound, (await investor.Client.GetAsync($"/matchmaking/projects/{entry.Id}")).StatusCode);
        Assert.True(await host.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(EntryVisibility) && a.EntityId == entry.Id.ToString())));
    }

    [Fact]
    public async Task Projects_ListsOnlyMatches_WhenFilteredByIndustryContestOrText()
    {
        var investor = await host.NewInvestorAsync();
        var tag = ReviewData.Tag();
        var match = await host.NewEntryAsync(title: "北斗农机" + tag);
        var other = await host.NewEntryAsync(title: "冰雪旅游" + ReviewData.Tag());
        var contestId = await host.ContestIdAsync();

        var byText = await (await investor.Client.GetAsync($"/matchmaking/projects?Q={tag}")).TextAsync();
        var byContest = await (await investor.Client.GetAsync($"/matchmaking/projects?ContestId={contestId}&Industry=%E7%94%B5%E5%AD%90%E4%BF%A1%E6%81%AF")).TextAsync();
        var byOtherIndustry = await (await investor.Client.GetAsync("/matchmaking/projects?Industry=%E7%94%9F%E7%89%A9%E5%8C%BB%E8%8D%AF")).TextAsync();

        Assert.Contains($"data-entry-id=\"{match.Id}\"", byText);
        Assert.DoesNotContain($"data-entry-id=\"{other.Id}\"", byText);
        Assert.Contains($"data-entry-id=\"{match.Id}\"", byContest);
        Assert.Contains($"data-entry-id=\"{other.Id}\"", byContest);
        Assert.DoesNotContain($"data-entry-id=\"{match.Id}\"", byOtherIndustry);
    }

    [Fact]
    public async Task RequestMeeting_IsForbidden_WhenUserIsNotAnInvestor()
    {
        var eventId = await host.AddMatchmakingEventAsync();
        var entry = await host.NewEntryAsync();
        var other = await host.NewEntryAsync();

        // A contestant of another team, who has no way to the investor pages.
        var response = await other.Leader.RequestMeetingByHandAsync(entry.Id, eventId, "/matchmaking/meetings");

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.Forbidden });
        if (response.StatusCode == HttpStatusCode.Redirect)
            Assert.Contains("/account/access-denied", response.Headers.Location!.OriginalString);
        Assert.False(await host.WithDbAsync(db => db.MeetingRequests.AnyAsync(m => m.EntryId == entry.Id)));
    }

    [Fact]
    public async Task Answer_IsNotFound_WhenUserIsNotOnEntrysTeam()
    {
        var eventId = await host.AddMatchmakingEventAsync();
        var investor = await host.NewInvestorAsync();
        var entry = await host.NewEntryAsync();
        var foreign = await host.NewEntryAsync();
        var meetingId = await host.RequestedMeetingAsync(investor, entry.Id, eventId);

        var accept = await foreign.Leader.AnswerByHandAsync(meetingId, "accept");
        var decline = await foreign.Leader.AnswerByHandAsync(meetingId, "decline");
        var byInvestor = await investor.Client.AnswerByHandAsync(meetingId, "accept");

        Assert.Equal(HttpStatusCode.NotFound, accept.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, decline.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byInvestor.StatusCode);
        var meeting = await host.MeetingAsync(meetingId);
        Assert.Equal(MeetingStatus.Pending, meeting.Status);
        Assert.Null(meeting.Slot);
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.Leader.GetAsync($"/matchmaking/entries/{entry.Id}")).StatusCode);
        var foreignMeetings = await (await foreign.Leader.GetAsync("/matchmaking/meetings")).TextAsync();
        Assert.DoesNotContain($"id=\"meeting-{meetingId}\"", foreignMeetings);
    }

    [Fact]
    public async Task Visibility_IsNotFound_WhenUserIsNotOnEntrysTeam()
    {
        var entry = await host.NewEntryAsync(visible: false);
        var (stranger, _, _) = await host.SignedInAsync(Roles.Contestant);

        var response = await stranger.PostTamperedAsync($"/matchmaking/entries/{entry.Id}", [new("VisibleToInvestors", "true")], "/matchmaking/meetings");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await host.WithDbAsync(db => db.EntryVisibilities.AnyAsync(v => v.EntryId == entry.Id)));
    }
}
