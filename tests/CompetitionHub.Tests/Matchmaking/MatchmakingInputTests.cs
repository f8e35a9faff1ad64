using System.Net;
using CompetitionHub.TestSupport;
using CompetitionHub.Tests.Registration;
using CompetitionHub.Web.Features.Matchmaking;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Matchmaking;

/// <summary>The investor profile and the visibility form posted with values no browser sends.</summary>
public sealed class MatchmakingInputTests(MatchmakingInputTests.Host host) : IClassFixture<MatchmakingInputTests.Host>
{
    public sealed class Host : RegistrationHost;

    private const string Profile = "/matchmaking/profile";

    [Fact]
    public async Task Profile_DropsEmptyIndustries_WhenAnEmptyItemIsPosted()
    {
        var investor = await host.NewInvestorAsync(withProfile: false);

        var response = await investor.Client.PostTamperedAsync(Profile, Profile,
            ("FundName", "长白山天使基金"), ("Industries", ""), ("Industries", "电子信息"), ("Industries", " "),
            ("Stages", "Angel"), ("TicketMinWan", "50"), ("TicketMaxWan", "300"), ("Version", Guid.Empty.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await host.WithDbAsync(db => db.InvestorProfiles.AsNoTracking().SingleAsync(p => p.UserId == investor.UserId));
        Assert.Equal(["电子信息"], stored.Industries);
    }

    [Fact]
    public async Task Profile_AsksForAnIndustry_WhenOnlyAnEmptyItemIsPosted()
    {
        var investor = await host.NewInvestorAsync(withProfile: false);

        var response = await investor.Client.PostTamperedAsync(Profile, Profile,
            ("FundName", "长白山天使基金"), ("Industries", ""), ("Stages", "Angel"), ("TicketMinWan", "50"), ("TicketMaxWan", "300"),
            ("Version", Guid.Empty.ToString()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("请至少选择一个关注行业。", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.False(await host.WithDbAsync(db => db.InvestorProfiles.AnyAsync(p => p.UserId == investor.UserId)));
    }

    [Theory]
    [InlineData("Stage", "SeriesZ")]
    [InlineData("Stage", "99")]
    [InlineData("VisibleToInvestors", "perhaps")]
    public async Task Visibility_IsRefusedWithAMessageAndNothingChanges_WhenAValueIsUnknown(string field, string value)
    {
        var entry = await host.NewEntryAsync(visible: true, stage: InvestmentStage.SeriesA);
        var action = $"/matchmaking/entries/{entry.Id}";
        (string, string)[] fields = [("VisibleToInvestors", "true"), ("Stage", "SeriesA")];

        var response = await entry.Leader.PostTamperedAsync(action, action, [.. fields.Where(f => f.Item1 != field), (field, value)]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("输入的值无效。", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        var stored = await host.WithDbAsync(db => db.EntryVisibilities.AsNoTracking().SingleAsync(v => v.EntryId == entry.Id));
        Assert.Equal((true, InvestmentStage.SeriesA), (stored.VisibleToInvestors, stored.Stage));
    }
}
