using System.Net;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Contests;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Contests;

/// <summary>The public jury weight, the minimum score and the industry groups on the round settings form.</summary>
public sealed class RoundJurySettingsTests(RoundJurySettingsTests.Host host) : IClassFixture<RoundJurySettingsTests.Host>
{
    public sealed class Host : AppFactory;

    private async Task<(HttpClient Client, string Page)> ContestAsync(string? culture = null)
    {
        var email = TestUsers.NewEmail("org");
        var organizer = await host.CreateUserAsync(email, "Secret123", "组织者", roles: Web.Features.Accounts.Roles.Organizer);
        var client = host.CreateFormClient(culture);
        await client.SignInOrThrowAsync(email, "Secret123");
        var id = await host.AddContestAsync(organizerUserId: organizer.Id);
        return (client, $"/manage/contests/{id}");
    }

    private static Task<HttpResponseMessage> CreateAsync(HttpClient client, string page, string kind, params (string Name, string Value)[] more)
    {
        List<KeyValuePair<string, string>> fields =
            [new("Form.Name", "决赛"), new("Form.NameEn", "Final"), new("Form.Kind", kind), new("Form.Aggregation", "Mean")];
        fields.AddRange(more.Select(m => new KeyValuePair<string, string>(m.Name, m.Value)));
        return client.PostFormAsync($"{page}/rounds/new", fields, formPage: $"{page}/rounds/new");
    }

    [Fact]
    public async Task SaveRound_StoresThePublicJuryMinimumAndGroupsAndAuditsThem_WhenValid()
    {
        var (client, page) = await ContestAsync();

        var response = await CreateAsync(client, page, "Roadshow",
            ("Form.PublicJuryWeightPercent", "10"), ("Form.MinScore", "60.5"), ("Form.RankByIndustry", "true"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var roundId = int.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
        var round = await host.WithDbAsync(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId));
        Assert.Equal((10, 6050, true), (round.PublicJuryWeightPercent, round.MinScoreHundredths, round.RankByIndustry));
        var audit = await host.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.EntityType == "Round" && a.EntityId == roundId.ToString()));
        Assert.Contains("\"publicJuryWeightPercent\":10", audit.After);
        Assert.Contains("\"minScoreHundredths\":6050", audit.After);
        Assert.Contains("\"rankByIndustry\":true", audit.After);

        var form = await client.GetStringAsync($"{page}/rounds/{roundId}");
        Assert.Matches("id=\"round-public-jury-weight\"[^>]*value=\"10\"|value=\"10\"[^>]*id=\"round-public-jury-weight\"", form);
        Assert.Matches("id=\"round-min-score\"[^>]*value=\"60.5\"|value=\"60.5\"[^>]*id=\"round-min-score\"", form);
        Assert.Matches("checked=\"checked\"[^>]*id=\"round-rank-by-industry\"|id=\"round-rank-by-industry\"[^>]*checked=\"checked\"", form);
    }

    [Fact]
    public async Task SaveRound_KeepsTodaysBehaviour_WhenTheNewFieldsAreLeftBlank()
    {
        var (client, page) = await ContestAsync();

        var response = await CreateAsync(client, page, "Roadshow");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var roundId = int.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
        var round = await host.WithDbAsync(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId));
        Assert.Equal((0, null, false), (round.PublicJuryWeightPercent, round.MinScoreHundredths, round.RankByIndustry));
    }

    [Theory]
    [InlineData(null, "OnlineReview", "10", "", "大众评审（人气分）只适用于路演赛段。")]
    [InlineData(null, "Roadshow", "51", "", "大众评审（人气分）权重须在 0 到 50 之间。")]
    [InlineData(null, "Roadshow", "", "60.005", "最低晋级（获奖）分数最多保留两位小数。")]
    [InlineData(null, "Roadshow", "", "0", "最低晋级（获奖）分数须在 0.01 到 1000 之间。")]
    [InlineData("en", "OnlineReview", "10", "", "A public jury can only be set for a roadshow round.")]
    [InlineData("en", "Roadshow", "", "1000.5", "The minimum score must be between 0.01 and 1000.")]
    public async Task SaveRound_RefusesWithALocalizedMessage_WhenTheJuryOrMinimumIsInvalid(string? culture, string kind, string weight,
        string minimum, string expected)
    {
        var (client, page) = await ContestAsync(culture);
        var before = await host.WithDbAsync(db => db.Rounds.CountAsync());

        var response = await CreateAsync(client, page, kind, ("Form.PublicJuryWeightPercent", weight), ("Form.MinScore", minimum));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(expected, html);
        Assert.Equal(before, await host.WithDbAsync(db => db.Rounds.CountAsync()));
        // What was typed is kept for correction.
        if (minimum.Length > 0) Assert.Contains($"value=\"{minimum}\"", html);
    }
}
