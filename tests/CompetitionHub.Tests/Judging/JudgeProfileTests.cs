using System.Net;
using System.Text.RegularExpressions;
using CompetitionHub.Tests.Review;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Judging;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Judging;

public sealed partial class JudgeProfileTests(JudgeProfileTests.Host host) : IClassFixture<JudgeProfileTests.Host>
{
    public sealed class Host : AppFactory;

    private async Task<TestJudge> JudgeAsync() => await host.PoolJudgeAsync(await host.ContestIdAsync());

    private static async Task<string> VersionOnPageAsync(HttpClient client) =>
        VersionInput().Match(await (await client.GetAsync("/judging/profile")).Content.ReadAsStringAsync()).Groups[1].Value;

    [Fact]
    public async Task Save_StoresExpertiseAffiliationAndHoldings_WhenTheCreditCodesAreValid()
    {
        var judge = await JudgeAsync();
        var employer = JudgingData.ValidCreditCode("12220000");
        var holding = JudgingData.ValidCreditCode();

        var response = await judge.Client.PostFormAsync("/judging/profile",
            ("Expertise", "先进制造"), ("Expertise", "电子信息"), ("OtherExpertise", "人工智能、医疗器械"),
            ("Affiliation", "吉林大学"), ("AffiliationCreditCode", employer.ToLowerInvariant()), ("Title", "教授"),
            ("Holdings[0].CompanyName", "长春某科技有限公司"), ("Holdings[0].CreditCode", holding), ("Holdings[0].Kind", "Shareholding"),
            ("Version", await VersionOnPageAsync(judge.Client)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var profile = await host.WithDbAsync(db => db.JudgeProfiles.AsNoTracking().SingleAsync(p => p.UserId == judge.UserId));
        Assert.Equal(["电子信息", "先进制造", "人工智能", "医疗器械"], profile.Expertise);
        Assert.Equal(employer, profile.AffiliationCreditCode);
        var h = Assert.Single(profile.Holdings);
        Assert.Equal((holding, HoldingKind.Shareholding), (h.CreditCode, h.Kind));
        Assert.True(await host.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "JudgeProfile" && a.EntityId == judge.UserId)));
        Assert.Contains("评委资料已保存", await (await judge.Client.GetAsync("/judging/profile")).TextAsync());
    }

    [Fact]
    public async Task Save_IsRefusedWithAMessage_WhenACodeCannotExist()
    {
        var judge = await JudgeAsync();

        var response = await judge.Client.PostFormAsync("/judging/profile",
            ("Affiliation", "吉林大学"), ("AffiliationCreditCode", "12220000MB1234567"),
            ("Holdings[0].CompanyName", "某公司"), ("Holdings[0].CreditCode", "123"), ("Holdings[0].Kind", "Position"),
            ("Version", await VersionOnPageAsync(judge.Client)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.TextAsync();
        Assert.Contains("统一社会信用代码应为 18 位，您填写了 17 位", html);
        Assert.Contains("统一社会信用代码应为 18 位，您填写了 3 位", html);
        Assert.False(await host.WithDbAsync(db => db.JudgeProfiles.AnyAsync(p => p.UserId == judge.UserId)));
    }

    [Fact]
    public async Task Save_StoresAnEarlyPilotEmployerCode_AndWarnsWithTheExpectedCheckCharacter()
    {
        var judge = await JudgeAsync();
        // 厦门 (350200) on a pre-2015 organization code: GB 32100 gives K as the 18th character, the licence says 0.
        const string earlyPilot = "913502006120032610";

        var response = await judge.Client.PostFormAsync("/judging/profile",
            ("Affiliation", "厦门某研究院"), ("AffiliationCreditCode", earlyPilot),
            ("Holdings[0].CompanyName", "厦门某科技有限公司"), ("Holdings[0].CreditCode", earlyPilot), ("Holdings[0].Kind", "Position"),
            ("Version", await VersionOnPageAsync(judge.Client)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var profile = await host.WithDbAsync(db => db.JudgeProfiles.AsNoTracking().SingleAsync(p => p.UserId == judge.UserId));
        Assert.Equal(earlyPilot, profile.AffiliationCreditCode);
        Assert.Equal(earlyPilot, Assert.Single(profile.Holdings).CreditCode);
        var page = await (await judge.Client.GetAsync("/judging/profile")).TextAsync();
        Assert.Contains("评委资料已保存", page);
        Assert.Contains("统一社会信用代码 913502006120032610 的第 18 位（校验位）按国家标准 GB 32100 应为 K，您填写的是 0。", page);
        Assert.Contains("试点地区赋予的早期代码", page);
        Assert.Equal(2, WarningId().Matches(page).Count);
    }

    [Fact]
    public async Task Save_ReportsAConflict_WhenTheProfileChangedSinceThePageWasShown()
    {
        var judge = await JudgeAsync();
        await judge.Client.PostFormAsync("/judging/profile", ("Affiliation", "吉林大学"), ("Version", await VersionOnPageAsync(judge.Client)));
        // Two tabs show the same profile; the second saves after the first.
        var firstTab = await judge.Client.FillFormAsync("/judging/profile", [new("Affiliation", "东北师范大学")]);
        var secondTab = await judge.Client.FillFormAsync("/judging/profile", [new("Affiliation", "长春理工大学")]);
        await firstTab.SubmitAsync();

        var response = await secondTab.SubmitAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("您的评委资料已在其他页面被修改", await response.TextAsync());
        Assert.Equal("东北师范大学", await host.WithDbAsync(db => db.JudgeProfiles.Where(p => p.UserId == judge.UserId).Select(p => p.Affiliation).SingleAsync()));
    }

    [Fact]
    public async Task AddRow_ShowsAnotherHoldingRow_WithoutSaving()
    {
        var judge = await JudgeAsync();

        var response = await judge.Client.PostFormAsync("/judging/profile",
            ("Affiliation", "吉林大学"), ("Holdings[0].CompanyName", "甲公司"), ("command", "add"), ("Version", await VersionOnPageAsync(judge.Client)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.TextAsync();
        Assert.Contains("Holdings[1].CompanyName", html);
        Assert.Contains("甲公司", html);
        Assert.False(await host.WithDbAsync(db => db.JudgeProfiles.AnyAsync(p => p.UserId == judge.UserId)));
    }

    [Fact]
    public async Task Profile_IsForbidden_ForAnAccountWithoutTheJudgeRole()
    {
        var email = TestUsers.NewEmail();
        await host.CreateUserAsync(email, TestUsers.DemoPassword);
        var client = host.CreateFormClient();
        await client.SignInOrThrowAsync(email, TestUsers.DemoPassword);

        var response = await client.GetAsync("/judging/profile");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.ToString());
    }

    [GeneratedRegex("name=\"Version\" value=\"([^\"]*)\"")]
    private static partial Regex VersionInput();

    [GeneratedRegex(@"class=""[^""]*credit-code-warning")]
    private static partial Regex WarningId();
}
