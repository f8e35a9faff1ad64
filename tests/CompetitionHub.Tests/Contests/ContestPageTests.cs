using System.Globalization;
using System.Net;
using CompetitionHub.TestSupport;
using CompetitionHub.Web;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Tests.Contests;

public sealed class ContestPageTests(ContestPageTests.Host host) : IClassFixture<ContestPageTests.Host>
{
    public sealed class Host : AppFactory;

    private static readonly EligibilityRules StartupRules = new()
    {
        ApplicantTypes = [ApplicantType.Enterprise], RequireJilinRegistration = true, FoundedWithinYears = 3,
        RevenueCapYuan = 20_000_000, BarPreviousWinners = true,
    };

    [Fact]
    public async Task Show_ListsEverythingAContestantNeeds_WhenContestIsPublished()
    {
        var id = await host.AddContestAsync(configure: c =>
        {
            c.RulesText = "参赛项目须拥有自主知识产权。";
            c.IndustryFields = ["电子信息", "生物医药"];
            c.MinTeamSize = 2;
            c.MaxTeamSize = 8;
        });
        await host.AddTrackAsync(id, "startup", StartupRules, MaterialKind.BusinessPlan, MaterialKind.PitchDeck);
        await host.AddRoundAsync(id, criteria: 2);

        var html = await host.CreateClient().GetStringAsync($"/contests/{id}");

        Assert.Contains("id=\"contest-name\"", html);
        Assert.Contains("参赛项目须拥有自主知识产权。", html);
        Assert.Contains("创新创业大赛", html);
        Assert.Contains("2027 年度", html);
        // Stored 2026-10-31 16:00 UTC: the page speaks China time.
        Assert.Contains("2026-11-01 00:00", html);
        Assert.Contains("2027-01-31 23:59", html);
        Assert.Contains("须在吉林省注册（统一社会信用代码以 22 开头）", html);
        Assert.Contains("成立不超过 3 年", html);
        Assert.Contains("上一年度营业收入不超过 2,000 万元", html);
        Assert.Contains("往届获奖企业不得参赛", html);
        Assert.Contains("商业计划书、路演材料", html);
        Assert.Contains("评分项1", html);
        Assert.Contains("<th class=\"text-end rubric-total\">20</th>", html);
        Assert.Contains("2–8 人", html);
        Assert.Contains("电子信息、生物医药", html);
    }

    [Fact]
    public async Task Show_Returns404ForThePublicAndAPreviewForItsOrganizer_WhenContestIsUnpublished()
    {
        var (organizer, organizerId) = await host.NewOrganizerAsync();
        var (stranger, _) = await host.NewOrganizerAsync();
        var id = await host.AddContestAsync(published: false, organizerUserId: organizerId);

        var anonymous = await host.CreateClient().GetAsync($"/contests/{id}");
        var other = await stranger.GetAsync($"/contests/{id}");
        var preview = await organizer.GetAsync($"/contests/{id}");

        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("id=\"contest-preview\"", await preview.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await host.CreateClient().GetAsync("/contests/987654")).StatusCode);
    }

    [Fact]
    public async Task HomePage_LinksEachCardToItsContestPage_WhenContestsArePublished()
    {
        var seededId = await host.WithDbAsync(db => db.Contests.Where(c => c.Slug == "cie-jilin").Select(c => c.Id).SingleAsync());

        var home = await host.CreateClient().GetStringAsync("/");
        var page = await host.CreateClient().GetAsync($"/contests/{seededId}");

        Assert.Contains($"href=\"/contests/{seededId}\"", home);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("中国创新创业大赛（吉林赛区）", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Describe_WritesOneSentencePerRule_InChineseAndEnglish()
    {
        var t = host.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var rules = new EligibilityRules
        {
            RequireJilinRegistration = true, FoundedWithinYears = 3, FoundedAtLeastYears = 1, RevenueCapYuan = 20_000_000,
            LeaderMustBeFemale = true, LeaderStudentOrGraduatedWithinYears = 5, RequireRuralAttestation = true,
        };
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            var zh = EligibilityText.Describe(rules, t);
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            var en = EligibilityText.Describe(rules, t);
            var none = EligibilityText.Describe(new EligibilityRules(), t);

            Assert.Equal(
            [
                "须在吉林省注册（统一社会信用代码以 22 开头）", "成立不超过 3 年", "成立满 1 年", "上一年度营业收入不超过 2,000 万元",
                "团队负责人须为女性", "团队负责人须为在校学生或毕业不超过 5 年", "项目须扎根农村（需提供相关证明）",
            ], zh);
            Assert.Equal(7, en.Count);
            Assert.Contains("Founded no more than 3 years ago", en);
            Assert.Contains("Last year's revenue no more than 2,000 × 10,000 yuan", en);
            Assert.Empty(none);
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }
}
