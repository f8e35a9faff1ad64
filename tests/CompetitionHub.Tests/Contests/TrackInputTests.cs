using System.Net;
using CompetitionHub.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Contests;

/// <summary>The track form posted with values no browser sends.</summary>
public sealed class TrackInputTests(TrackInputTests.Host host) : IClassFixture<TrackInputTests.Host>
{
    public sealed class Host : AppFactory;

    [Theory]
    [InlineData("Form.RequireJilinRegistration")]
    [InlineData("Form.BarPreviousWinners")]
    [InlineData("Form.LeaderMustBeFemale")]
    [InlineData("Form.RequireRuralAttestation")]
    public async Task SaveTrack_ShowsTheFormAgainWithAFieldMessage_WhenAYesNoFieldIsNotABoolean(string field)
    {
        var (organizer, userId) = await host.NewOrganizerAsync();
        var contestId = await host.AddContestAsync(organizerUserId: userId);
        var action = $"/manage/contests/{contestId}/tracks/new";

        var response = await organizer.PostTamperedAsync(action, action,
            ("Form.Code", "growth"), ("Form.Name", "成长组"), ("Form.NameEn", "Growth group"), ("Form.SortOrder", "1"), (field, "abc"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("id=\"track-form\"", html);
        Assert.Contains("输入的值无效。", html);
        Assert.False(await host.WithDbAsync(db => db.ContestTracks.AnyAsync(t => t.ContestId == contestId && t.Code == "growth")));
    }
}
