using System.Net;
using CompetitionHub.TestSupport;
using CompetitionHub.Tests.Registration;
using CompetitionHub.Web.Features.Matchmaking;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Matchmaking;

public sealed class InvestorProfileTests(InvestorProfileTests.Host host) : IClassFixture<InvestorProfileTests.Host>
{
    public sealed class Host : RegistrationHost;

    private static List<KeyValuePair<string, string>> Fields(string fund = "长白山天使基金", string min = "50", string max = "300",
        params string[] stages) =>
    [
        new("FundName", fund), new("Industries", "电子信息"), new("Industries", "先进制造"),
        .. (stages.Length == 0 ? ["Angel", "SeriesA"] : stages).Select(s => new KeyValuePair<string, string>("Stages", s)),
        new("TicketMinWan", min), new("TicketMaxWan", max), new("Intro", "专注硬科技早期项目。"),
        new("Version", Guid.Empty.ToString()),
    ];

    [Fact]
    public async Task Profile_IsStored_WhenFormIsValid()
    {
        var investor = await host.NewInvestorAsync(withProfile: false);

        var saved = await investor.Client.PostFormAsync("/matchmaking/profile", Fields());

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var profile = await host.WithDbAsync(db => db.InvestorProfiles.AsNoTracking().SingleAsync(p => p.UserId == investor.UserId));
        Assert.Equal("长白山天使基金", profile.FundName);
        Assert.Equal(["电子信息", "先进制造"], profile.Industries);
        Assert.Equal([InvestmentStage.Angel, InvestmentStage.SeriesA], profile.Stages);
        Assert.Equal((50, 300), (profile.TicketMinWan, profile.TicketMaxWan));
        Assert.Contains("id=\"profile-saved\"", await investor.Client.GetStringAsync("/matchmaking/profile"));
    }

    [Theory]
    [InlineData("zh-CN", "请填写机构名称。", "金额上限不能低于下限。", "请至少选择一个投资阶段。")]
    [InlineData("en", "Please enter the fund's name.", "The largest ticket cannot be smaller than the smallest.", "Please choose at least one investment stage.")]
    public async Task Profile_ShowsLocalizedErrors_WhenFormIsInvalid(string culture, string noFund, string minAboveMax, string noStage)
    {
        var investor = await host.NewInvestorAsync(withProfile: false, culture: culture);
        var fields = Fields(fund: "", min: "500", max: "100").Where(f => f.Key != "Stages").ToList();

        var refused = await investor.Client.PostFormAsync("/matchmaking/profile", fields);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.TextAsync();
        Assert.Contains(noFund, html);
        Assert.Contains(minAboveMax, html);
        Assert.Contains(noStage, html);
        Assert.False(await host.WithDbAsync(db => db.InvestorProfiles.AnyAsync(p => p.UserId == investor.UserId)));
    }

    [Fact]
    public async Task RequestMeeting_ShowsLocalizedErrors_WhenMessageAndEventMissing()
    {
        var investor = await host.NewInvestorAsync(culture: "en");
        var entry = await host.NewEntryAsync();
        await host.AddMatchmakingEventAsync();

        var refused = await investor.Client.PostFormAsync($"/matchmaking/projects/{entry.Id}/request",
            [new("EventId", ""), new("Message", "")], $"/matchmaking/projects/{entry.Id}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.TextAsync();
        Assert.Contains("Please choose a matchmaking event.", html);
        Assert.Contains("Please write a message.", html);
    }

    [Fact]
    public async Task Profile_IsForbidden_WhenUserIsContestant()
    {
        var entry = await host.NewEntryAsync();

        var response = await entry.Leader.GetAsync("/matchmaking/profile");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Seed_GivesDemoInvestorAProfile_WhenAppStartsInDevelopment()
    {
        var profile = await host.WithDbAsync(db => db.InvestorProfiles.AsNoTracking()
            .SingleAsync(p => db.Users.Any(u => u.Id == p.UserId && u.Email == DemoInvestorSeed.Email)));

        Assert.NotEmpty(profile.FundName);
        Assert.NotEmpty(profile.Stages);
    }
}
