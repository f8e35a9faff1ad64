using System.Net;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Contests;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Contests;

public sealed class RoundScoringSettingsTests(RoundScoringSettingsTests.Host host) : IClassFixture<RoundScoringSettingsTests.Host>
{
    public sealed class Host : AppFactory;

    private async Task<(HttpClient Client, string Page)> ContestAsync()
    {
        var (client, organizerId) = await host.NewOrganizerAsync();
        var id = await host.AddContestAsync(organizerUserId: organizerId);
        return (client, $"/manage/contests/{id}");
    }

    /// <remarks>A method the list does not offer ("Mode") can only be sent by hand.</remarks>
    private static Task<HttpResponseMessage> CreateAsync(HttpClient client, string page, string aggregation, string trimMin)
    {
        KeyValuePair<string, string>[] fields =
            [new("Form.Name", "初赛"), new("Form.NameEn", "First round"), new("Form.Kind", "OnlineReview"),
             new("Form.Aggregation", aggregation), new("Form.TrimMinJudges", trimMin)];
        return Enum.TryParse<Web.Features.Contests.AggregationMethod>(aggregation, out _)
            ? client.PostFormAsync($"{page}/rounds/new", fields, formPage: $"{page}/rounds/new")
            : client.PostTamperedAsync($"{page}/rounds/new", fields, formPage: $"{page}/rounds/new");
    }

    [Fact]
    public async Task SaveRound_StoresTheScoringMethodAndTrimThreshold_WhenValid()
    {
        var (client, page) = await ContestAsync();

        var response = await CreateAsync(client, page, "Mean", "7");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var roundId = int.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
        var round = await host.WithDbAsync(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId));
        Assert.Equal(AggregationMethod.Mean, round.Aggregation);
        Assert.Equal(7, round.TrimMinJudges);
        var form = await client.GetStringAsync($"{page}/rounds/{roundId}");
        Assert.Contains("id=\"round-aggregation\"", form);
        Assert.Contains("<option selected=\"selected\" value=\"Mean\">", form);
        Assert.Matches("id=\"round-trim-min-judges\"[^>]*value=\"7\"|value=\"7\"[^>]*id=\"round-trim-min-judges\"", form);
    }

    [Theory]
    [InlineData("TrimmedMean", "2", "去掉最高分和最低分所需的最少评委数须在 3 到 15 之间。")]
    [InlineData("TrimmedMean", "16", "去掉最高分和最低分所需的最少评委数须在 3 到 15 之间。")]
    [InlineData("Mode", "5", "输入的值无效。")]
    [InlineData("TrimmedMean", "abc", "输入的值无效。")]
    public async Task SaveRound_RefusesWithoutSaving_WhenTheScoringSettingsAreInvalid(string aggregation, string trimMin, string expected)
    {
        var (client, page) = await ContestAsync();
        var before = await host.WithDbAsync(db => db.Rounds.CountAsync());

        var response = await CreateAsync(client, page, aggregation, trimMin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(before, await host.WithDbAsync(db => db.Rounds.CountAsync()));
    }
}
