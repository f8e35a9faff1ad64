using System.Net;
using CompetitionHub.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Contests;

/// <summary>What organizers type for the public in both languages: English pages read the English text, or the Chinese when none was given.</summary>
public sealed class EnglishTrackTextTests(EnglishTrackTextTests.Host host) : IClassFixture<EnglishTrackTextTests.Host>
{
    public sealed class Host : AppFactory;

    private static Task<HttpResponseMessage> SaveTrackAsync(HttpClient organizer, int contestId, string trackUrl, string code,
        string description, string descriptionEn) =>
        organizer.PostFormAsync(trackUrl,
        [
            new("Form.Code", code), new("Form.Name", "组别" + code), new("Form.NameEn", "Group " + code), new("Form.SortOrder", "1"),
            new("Form.Description", description), new("Form.DescriptionEn", descriptionEn),
        ], formPage: trackUrl);

    private static async Task<string> PageAsync(HttpClient client, string url) => WebUtility.HtmlDecode(await client.GetStringAsync(url));

    [Fact]
    public async Task ContestPage_ShowsTheEnglishTrackDescription_WhenGiven_AndTheChineseOne_WhenEmpty()
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();
        var newTrack = $"/manage/contests/{id}/tracks/new";
        Assert.Equal(HttpStatusCode.Redirect, (await SaveTrackAsync(admin, id, newTrack, "startup", "面向成立三年内的企业", "For companies founded in the last three years")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveTrackAsync(admin, id, newTrack, "growth", "面向成长期企业", "")).StatusCode);

        var english = await PageAsync(host.CreateFormClient("en"), $"/contests/{id}");
        var chinese = await PageAsync(host.CreateFormClient(), $"/contests/{id}");

        Assert.Contains("For companies founded in the last three years", english);
        Assert.DoesNotContain("面向成立三年内的企业", english);
        Assert.Contains("面向成长期企业", english);
        Assert.Contains("面向成立三年内的企业", chinese);
        Assert.DoesNotContain("For companies founded in the last three years", chinese);
    }

    [Fact]
    public async Task TrackForm_RoundTripsTheEnglishDescription_WhenTheOrganizerSavesAndReopensIt()
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();
        await SaveTrackAsync(admin, id, $"/manage/contests/{id}/tracks/new", "startup", "初创", "Start-ups only");
        var trackId = await host.WithDbAsync(db => db.ContestTracks.Where(t => t.ContestId == id).Select(t => t.Id).SingleAsync());
        var trackUrl = $"/manage/contests/{id}/tracks/{trackId}";

        var form = await PageAsync(admin, trackUrl);

        Assert.Contains("for=\"Form_DescriptionEn\"", form);
        Assert.Contains("id=\"Form_DescriptionEn\"", form);
        Assert.Contains("Start-ups only</textarea>", form);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveTrackAsync(admin, id, trackUrl, "startup", "初创", "  ")).StatusCode);
        Assert.Null(await host.WithDbAsync(db => db.ContestTracks.Where(t => t.Id == trackId).Select(t => t.DescriptionEn).SingleAsync()));
    }
}
