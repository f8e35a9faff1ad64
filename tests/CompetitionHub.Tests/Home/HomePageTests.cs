using CompetitionHub.TestSupport;

namespace CompetitionHub.Tests.Home;

public sealed class HomePageTests(HomePageTests.Host host) : IClassFixture<HomePageTests.Host>
{
    public sealed class Host : AppFactory;

    [Fact]
    public async Task Index_ListsTheSeededContestsInChinese_ByDefault()
    {
        var html = await host.CreateClient().GetStringAsync("/");

        Assert.Contains("中国创新创业大赛（吉林赛区）", html);
        Assert.Contains("“创客中国”吉林省创新创业区域赛", html);
        Assert.Contains("吉林省农村创新创业项目创意大赛", html);
        Assert.Contains("吉林省女大学生创新创业大赛", html);
        Assert.Contains("吉林省大众创业万众创新活动周", html);
        Assert.Contains("吉林省科学技术厅", html);
        Assert.Contains("初创组", html);
    }
}
