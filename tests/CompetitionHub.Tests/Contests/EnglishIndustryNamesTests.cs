using System.Net;
using CompetitionHub.Tests.Review;
using CompetitionHub.Tests.Scoring;
using CompetitionHub.TestSupport;
using CompetitionHub.Tests.Judging;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Contests;

/// <summary>
/// A contest's industry fields in English, typed by the organizer beside the Chinese ones: English pages read them (or the
/// Chinese name where none was given), while entries, filters and groups keep the Chinese name as their key.
/// </summary>
public sealed class EnglishIndustryNamesTests(EnglishIndustryNamesTests.Host host) : IClassFixture<EnglishIndustryNamesTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host() => With("Hangfire:Server", "false");
    }

    private static async Task<string> PageAsync(HttpClient client, string url) => WebUtility.HtmlDecode(await client.GetStringAsync(url));

    private static Task<HttpResponseMessage> SaveIndustriesAsync(HttpClient admin, int contestId, string chinese, string english) =>
        admin.PostFormAsync($"/manage/contests/{contestId}",
            [new("Form.IndustryFields", chinese), new("Form.IndustryFieldsEn", english)], formPage: $"/manage/contests/{contestId}");

    [Fact]
    public async Task ContestForm_StoresTheEnglishNamesByPosition_AndEnglishPagesShowThem_FallingBackToChinese()
    {
        var admin = await host.AdminAsync();
        var contestId = await host.AddContestAsync();
        await host.AddTrackAsync(contestId, "startup");
        var slug = await host.WithDbAsync(db => db.Contests.Where(c => c.Id == contestId).Select(c => c.Slug).SingleAsync());

        // The second line is left blank: 生物医药 has no English name and keeps its Chinese one.
        var saved = await SaveIndustriesAsync(admin, contestId, "电子信息、生物医药、新材料", "Electronic information\n\nNew materials");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var contest = await host.WithDbAsync(db => db.Contests.AsNoTracking().SingleAsync(c => c.Id == contestId));
        Assert.Equal(["电子信息", "生物医药", "新材料"], contest.IndustryFields);
        Assert.Equal(["Electronic information", "", "New materials"], contest.IndustryFieldsEn);
        Assert.Contains("Electronic information\n\nNew materials</textarea>", await PageAsync(admin, $"/manage/contests/{contestId}"));

        var electronics = await host.CreateEntryAsync(EntryStatus.Submitted, "双语行业项目" + ReviewData.Tag(), slug: slug, leaderCulture: "en",
            configure: e => e.Industry = "电子信息");
        var leader = host.CreateFormClient("en");
        await leader.SignInOrThrowAsync(electronics.LeaderEmail!, "Secret123");
        var entryForm = await PageAsync(leader, $"/entries/{electronics.Id}");
        Assert.Contains("<option value=\"电子信息\" selected=\"selected\">Electronic information</option>", entryForm);
        Assert.Contains("<option value=\"生物医药\">生物医药</option>", entryForm);
        Assert.Contains("<option value=\"新材料\">New materials</option>", entryForm);

        var englishAdmin = await host.AdminAsync("en");
        var englishList = await PageAsync(englishAdmin, $"/manage/contests/{contestId}/entries");
        var chineseList = await PageAsync(admin, $"/manage/contests/{contestId}/entries");
        Assert.Contains("<option value=\"电子信息\">Electronic information</option>", englishList);
        Assert.Contains("<option value=\"生物医药\">生物医药</option>", englishList);
        Assert.Contains("<option value=\"电子信息\">电子信息</option>", chineseList);
        Assert.DoesNotContain("Electronic information", chineseList);
        // The filter still works on the stored Chinese name.
        var filtered = await PageAsync(englishAdmin, $"/manage/contests/{contestId}/entries?industry={Uri.EscapeDataString("电子信息")}");
        Assert.Contains(electronics.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), filtered);
    }

    [Fact]
    public async Task DraftRanking_NamesIndustryGroupsInEnglish_OnAnEnglishPage_AndInChinese_OnAChinesePage()
    {
        var contestId = await host.AddContestAsync();
        await host.AddTrackAsync(contestId, "startup");
        await SaveIndustriesAsync(await host.AdminAsync(), contestId, "电子信息、生物医药", "Electronic information");
        var slug = await host.WithDbAsync(db => db.Contests.Where(c => c.Id == contestId).Select(c => c.Slug).SingleAsync());
        var round = await host.OnlineRoundAsync(contestId, DateTime.UtcNow.AddDays(10));
        await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == round.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.RankByIndustry, true)));
        List<int> entries = [];
        foreach (var industry in new[] { "电子信息", "生物医药" })
            entries.Add((await host.CreateEntryAsync(EntryStatus.Approved, "分组项目" + ReviewData.Tag(), slug: slug, withLeader: false,
                configure: e => e.Industry = industry)).Id);
        await ScoreAsync(round, entries);

        var url = $"/manage/contests/{contestId}/rounds/{round.Id}/results";
        var english = await PageAsync(await host.AdminAsync("en"), url);
        var chinese = await PageAsync(await host.AdminAsync(), url);

        Assert.Contains("<h3 class=\"h6\">Track startup · Electronic information</h3>", english);
        Assert.Contains("<h3 class=\"h6\">Track startup · 生物医药</h3>", english);
        Assert.Contains("<h3 class=\"h6\">组别startup · 电子信息</h3>", chinese);
        Assert.DoesNotContain("Electronic information", chinese);
    }

    [Fact]
    public async Task ContestForm_RefusesMoreEnglishNamesThanFields_KeepingWhatWasTyped()
    {
        var contestId = await host.AddContestAsync(configure: c => c.IndustryFields = ["电子信息"]);
        var admin = await host.AdminAsync("en");

        var refused = await SaveIndustriesAsync(admin, contestId, "电子信息、生物医药", "Electronic information\nBiomedicine\nNew materials");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("There are 3 English industry names but only 2 industry fields", page);
        Assert.Contains("value=\"电子信息、生物医药\"", page);
        Assert.Contains("Electronic information\nBiomedicine\nNew materials</textarea>", page);
        var contest = await host.WithDbAsync(db => db.Contests.AsNoTracking().SingleAsync(c => c.Id == contestId));
        Assert.Equal(["电子信息"], contest.IndustryFields);
        Assert.Empty(contest.IndustryFieldsEn);
    }

    [Fact]
    public async Task JudgePool_ShowsAJudgesExpertiseInTheReadersLanguage()
    {
        var contestId = await host.AddContestAsync();
        await SaveIndustriesAsync(await host.AdminAsync(), contestId, "电子信息、生物医药", "Electronic information");
        var judge = await host.PoolJudgeAsync(contestId);
        await host.WithDbAsync(async db =>
        {
            db.JudgeProfiles.Add(new JudgeProfile { UserId = judge.UserId, Expertise = ["电子信息", "生物医药"], Affiliation = "吉林大学", UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

        var url = $"/manage/contests/{contestId}/judges";
        var english = await PageAsync(await host.AdminAsync("en"), url);
        var chinese = await PageAsync(await host.AdminAsync(), url);

        Assert.Contains("<div class=\"text-muted\">Electronic information, 生物医药</div>", english);
        Assert.Contains("<div class=\"text-muted\">电子信息、生物医药</div>", chinese);
    }

    /// <summary>Three judges' submitted sheets for each entry, so every industry group has a ranking.</summary>
    private async Task ScoreAsync(TestRound round, List<int> entries)
    {
        List<string> judges = [];
        for (var j = 0; j < 3; j++)
            judges.Add((await host.CreateUserAsync(TestUsers.NewEmail("judge"), TestUsers.DemoPassword, $"行业评委{j + 1}", roles: Roles.Judge)).Id);
        await host.WithDbAsync(async db =>
        {
            foreach (var judge in judges)
                foreach (var entry in entries)
                    db.ScoreSheets.Add(new ScoreSheet
                    {
                        RoundId = round.Id, EntryId = entry, JudgeUserId = judge, SubmissionId = Guid.NewGuid(), Status = SheetStatus.Submitted,
                        Lines = [new ScoreLine { CriterionId = round.Innovation, PointsHundredths = 2500 }, new ScoreLine { CriterionId = round.Market, PointsHundredths = 1500 }],
                        TotalHundredths = 4000, EffectiveTotalHundredths = 4000, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, SubmittedAt = DateTime.UtcNow,
                    });
            await db.SaveChangesAsync();
        });
    }
}
