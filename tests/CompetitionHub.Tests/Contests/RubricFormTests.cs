using System.Net;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Contests;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Contests;

/// <summary>The organizer's rubric editor (weights, steps, rubrics per track) and what the public contest page then states.</summary>
public sealed class RubricFormTests(RubricFormTests.Host host) : IClassFixture<RubricFormTests.Host>
{
    public sealed class Host : AppFactory;

    private static List<KeyValuePair<string, string>> Line(int i, string name, string max, string step, string? weight, string prefix = "")
    {
        List<KeyValuePair<string, string>> fields =
        [
            new($"{prefix}Criteria[{i}].Name", name), new($"{prefix}Criteria[{i}].NameEn", name + " (en)"),
            new($"{prefix}Criteria[{i}].MaxPoints", max), new($"{prefix}Criteria[{i}].StepHundredths", step),
        ];
        if (weight is not null) fields.Add(new($"{prefix}Criteria[{i}].WeightPercent", weight));
        return fields;
    }

    private Task<List<RubricCriterion>> CriteriaAsync(int roundId) =>
        host.WithDbAsync(db => db.RubricCriteria.AsNoTracking().Where(c => c.RoundId == roundId).OrderBy(c => c.Sequence).ToListAsync());

    [Fact]
    public async Task SaveRubric_RefusesEachWeightlessLine_WhenSomeLinesHaveWeights()
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();
        var roundId = await host.AddRoundAsync(id, criteria: 3);
        var page = $"/manage/contests/{id}/rounds/{roundId}";

        var response = await admin.PostFormAsync($"{page}/rubric",
            [.. Line(0, "创新性", "40", "50", "60"), .. Line(1, "商业模式", "30", "50", null), .. Line(2, "团队", "30", "50", "")], formPage: page);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Under the two blank weight fields, not under the one that is set.
        Assert.Equal(2, html.Split("其他评分项已设置权重：请为每一项填写权重，或全部留空。").Length - 1);
        Assert.Contains("value=\"60\"", html);
        Assert.Equal([1000, 1000, 1000], (await CriteriaAsync(roundId)).Select(c => c.MaxPointsHundredths));
    }

    [Fact]
    public async Task SaveRubric_RefusesWithTheSum_WhenWeightsDoNotAddUpTo100()
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin, TestUsers.DemoPassword);
        var id = await host.AddContestAsync();
        var roundId = await host.AddRoundAsync(id, criteria: 2);
        var page = $"/manage/contests/{id}/rounds/{roundId}";

        var response = await admin.PostFormAsync($"{page}/rubric",
            [.. Line(0, "创新性", "40", "50", "40"), .. Line(1, "商业模式", "30", "50", "50")], formPage: page);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"rubric-weights-error\">各项权重合计须为 100%，当前为 90%。</p>", html);
        Assert.All(await CriteriaAsync(roundId), c => Assert.Null(c.WeightPercent));
    }

    [Fact]
    public async Task SaveRubric_RefusesInEnglish_WhenTheOrganizerReadsEnglish()
    {
        var admin = host.CreateFormClient("en");
        await admin.SignInOrThrowAsync(TestUsers.DemoAdmin, TestUsers.DemoPassword);
        var id = await host.AddContestAsync();
        var roundId = await host.AddRoundAsync(id, criteria: 2);
        var page = $"/manage/contests/{id}/rounds/{roundId}";

        var html = await (await admin.PostFormAsync($"{page}/rubric",
            [.. Line(0, "创新性", "40", "50", "40"), .. Line(1, "商业模式", "27.5", "100", null)], formPage: page)).Content.ReadAsStringAsync();

        Assert.Contains("Other criteria have a weight: give every criterion a weight, or leave them all blank.", html);
        Assert.Contains("Full marks must be a whole number of scoring steps (1 pt).", html);
    }

    [Fact]
    public async Task SaveRubric_StoresWeightsAndStepsShownOnThePublicPage_WhenWeightsAddUpTo100()
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();
        var roundId = await host.AddRoundAsync(id, criteria: 5);
        var page = $"/manage/contests/{id}/rounds/{roundId}";

        var response = await admin.PostFormAsync($"{page}/rubric",
        [
            .. Line(0, "创新性", "20", "50", "40"), .. Line(1, "商业模式", "30", "50", "30"), .. Line(2, "团队", "10", "100", "10"),
            .. Line(3, "市场", "15", "10", "10"), .. Line(4, "社会效益", "15", "10", "10"),
        ], formPage: page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal([(2000, 50, (int?)40), (3000, 50, 30), (1000, 100, 10), (1500, 10, 10), (1500, 10, 10)],
            (await CriteriaAsync(roundId)).Select(c => (c.MaxPointsHundredths, c.StepHundredths, c.WeightPercent)));
        var editor = await admin.GetStringAsync(page);
        Assert.Contains("<option value=\"10\" selected=\"selected\">0.1 分</option>", editor);
        Assert.Contains("<th id=\"rubric-total\">100</th>", editor);

        var html = await host.CreateClient().GetStringAsync($"/contests/{id}");
        Assert.Contains("<th class=\"text-end rubric-total\">100</th>", html);
        Assert.Contains("<td class=\"text-end rubric-weight\">40%</td>", html);
        Assert.Contains("<td class=\"text-end rubric-step\">0.1</td>", html);
        Assert.Contains("每张评分表的总分 = Σ（该项得分 ÷ 该项满分 × 该项权重），满分 100 分，四舍五入保留两位小数。", html);
    }

    [Fact]
    public async Task SaveRubric_GivesATrackItsOwnLinesShownBesideTheSharedOnes_WhenPostedFromTheTracksForm()
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();
        var startup = await host.AddTrackAsync(id, "startup");
        var growth = await host.AddTrackAsync(id, "growth");
        var roundId = await host.AddRoundAsync(id, criteria: 2);
        var page = $"/manage/contests/{id}/rounds/{roundId}";

        var response = await admin.PostFormAsync($"{page}/rubric",
            [new("TrackId", growth.ToString()), .. Line(0, "营收增长", "60", "100", "70")], formPage: page);
        var html = await response.Content.ReadAsStringAsync();
        // One line of weight 70 is refused in the growth form; the shared form shows nothing of it.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"track-" + growth + "-rubric-weights-error\">各项权重合计须为 100%，当前为 70%。", html);
        Assert.Contains("id=\"rubric-weights-error\"></p>", html);

        await admin.PostFormAsync($"{page}/rubric", [new("TrackId", growth.ToString()), .. Line(0, "营收增长", "60", "100", null)], formPage: page);
        var afterOne = await admin.GetStringAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"{page}/rubric",
            [new("TrackId", growth.ToString()), .. Line(0, "营收增长", "60", "100", null), .. Line(1, "盈利能力", "40", "50", null)], formPage: page)).StatusCode);

        Assert.Contains("id=\"track-" + growth + "-criterion-1-name\"", afterOne);
        var criteria = await CriteriaAsync(roundId);
        Assert.Equal([(null, "评分项1"), (null, "评分项2"), ((int?)growth, "营收增长"), (growth, "盈利能力")], criteria.Select(c => (c.TrackId, c.Name)));
        Assert.Equal(["评分项1", "评分项2"], Rubric.ForTrack(criteria, startup).Select(c => c.Name));
        Assert.Equal(["营收增长", "盈利能力"], Rubric.ForTrack(criteria, growth).Select(c => c.Name));

        var publicPage = await host.CreateClient().GetStringAsync($"/contests/{id}");
        Assert.Contains("通用评分标准，适用于：组别startup", publicPage);
        Assert.Contains("组别“组别growth”的评分标准", publicPage);
        Assert.Contains("营收增长", publicPage);

        // Every line of the track removed: the track is back on the shared rubric.
        await admin.PostFormAsync($"{page}/rubric",
            [new("TrackId", growth.ToString()), new("Criteria[0].Remove", "true"), new("Criteria[1].Remove", "true")], formPage: page);
        Assert.Equal(["评分项1", "评分项2"], Rubric.ForTrack(await CriteriaAsync(roundId), growth).Select(c => c.Name));
    }

    [Fact]
    public async Task SaveRubric_IsRefused_WhenTheTrackIsNotThisContests()
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();
        var other = await host.AddTrackAsync(await host.AddContestAsync(), "other");
        var roundId = await host.AddRoundAsync(id, criteria: 1);
        var page = $"/manage/contests/{id}/rounds/{roundId}";

        var response = await admin.PostTamperedAsync($"{page}/rubric", [new("TrackId", other.ToString()), .. Line(0, "偷换", "10", "50", null)], page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("未找到该组别。", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(await CriteriaAsync(roundId), c => c.TrackId is not null);
    }

    [Theory]
    [InlineData("5", "评分步长须为 0.1、0.5 或 1 分。")]
    [InlineData("1000", "评分步长须为 0.1、0.5 或 1 分。")]
    public async Task SaveRubric_RefusesAStepNotOffered_WhenTampered(string step, string message)
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();
        var roundId = await host.AddRoundAsync(id, criteria: 1);
        var page = $"/manage/contests/{id}/rounds/{roundId}";

        var response = await admin.PostTamperedAsync($"{page}/rubric", Line(0, "创新性", "10", step, null), page);

        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Equal(50, Assert.Single(await CriteriaAsync(roundId)).StepHundredths);
    }
}
