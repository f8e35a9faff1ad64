using System.Net;
using CompetitionHub.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Contests;

/// <summary>Round descriptions and rubric guidance in both languages: English pages read the English text, or the Chinese when none was given.</summary>
public sealed class EnglishRoundTextTests(EnglishRoundTextTests.Host host) : IClassFixture<EnglishRoundTextTests.Host>
{
    public sealed class Host : AppFactory;

    private static async Task<string> PageAsync(HttpClient client, string url) => WebUtility.HtmlDecode(await client.GetStringAsync(url));

    private static List<KeyValuePair<string, string>> Line(int i, string name, string description, string descriptionEn) =>
    [
        new($"Criteria[{i}].Name", name), new($"Criteria[{i}].NameEn", name + " (en)"), new($"Criteria[{i}].MaxPoints", "50"),
        new($"Criteria[{i}].Description", description), new($"Criteria[{i}].DescriptionEn", descriptionEn),
    ];

    [Fact]
    public async Task ContestPage_ShowsTheEnglishRoundDescription_WhenGiven_AndTheChineseOne_WhenEmpty()
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();
        var first = await host.AddRoundAsync(id);
        var second = await host.AddRoundAsync(id);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/manage/contests/{id}/rounds/{first}",
            [new("Form.Description", "网络评审，择优晋级"), new("Form.DescriptionEn", "Reviewed online; the best go on")])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/manage/contests/{id}/rounds/{second}",
            [new("Form.Description", "现场路演答辩"), new("Form.DescriptionEn", "")])).StatusCode);

        var english = await PageAsync(host.CreateFormClient("en"), $"/contests/{id}");
        var chinese = await PageAsync(host.CreateFormClient(), $"/contests/{id}");

        Assert.Contains("Reviewed online; the best go on", english);
        Assert.DoesNotContain("网络评审，择优晋级", english);
        Assert.Contains("现场路演答辩", english);
        Assert.Contains("网络评审，择优晋级", chinese);
        Assert.DoesNotContain("Reviewed online; the best go on", chinese);
    }

    [Fact]
    public async Task RoundForm_RoundTripsTheEnglishDescription_WhenTheOrganizerSavesAndReopensIt()
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();
        var roundId = await host.AddRoundAsync(id);
        var page = $"/manage/contests/{id}/rounds/{roundId}";
        await admin.PostFormAsync(page, [new("Form.Description", "初赛"), new("Form.DescriptionEn", "Online review only")]);

        var form = await PageAsync(admin, page);

        Assert.Contains("for=\"Form_DescriptionEn\"", form);
        Assert.Contains("Online review only</textarea>", form);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(page, [new("Form.DescriptionEn", "  ")])).StatusCode);
        Assert.Null(await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == roundId).Select(r => r.DescriptionEn).SingleAsync()));
    }

    [Fact]
    public async Task ContestPage_ShowsTheEnglishCriterionGuidance_WhenGiven_AndTheChineseOne_WhenEmpty()
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();
        var roundId = await host.AddRoundAsync(id, criteria: 2);
        var page = $"/manage/contests/{id}/rounds/{roundId}";

        var saved = await admin.PostFormAsync($"{page}/rubric",
            [.. Line(0, "创新性", "技术先进、知识产权", "Advanced technology and IP"), .. Line(1, "团队", "成员互补", "")], formPage: page);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var reopened = await PageAsync(admin, page);
        Assert.Contains("Advanced technology and IP</textarea>", reopened);
        var english = await PageAsync(host.CreateFormClient("en"), $"/contests/{id}");
        Assert.Contains("Advanced technology and IP", english);
        Assert.DoesNotContain("技术先进、知识产权", english);
        Assert.Contains("成员互补", english);
        var chinese = await PageAsync(host.CreateFormClient(), $"/contests/{id}");
        Assert.Contains("技术先进、知识产权", chinese);
        Assert.DoesNotContain("Advanced technology and IP", chinese);
    }
}
