using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CompetitionHub.BrowserTests.Home;

public sealed class HomePageBrowserTests(HomePageBrowserTests.Host host) : IClassFixture<HomePageBrowserTests.Host>
{
    public sealed class Host : BrowserHost;

    [Fact]
    public async Task HomePage_ShowsContestsInTheChosenLanguage_WhenLanguageSwitched()
    {
        var page = await host.NewPageAsync();
        var contests = page.Locator("#contestList");

        await page.GotoAsync("/");
        await Expect(contests).ToContainTextAsync("中国创新创业大赛（吉林赛区）");
        await Expect(contests).ToContainTextAsync("吉林省大众创业万众创新活动周");
        await BrowserHost.ScreenshotAsync(page, "home-zh");

        await page.SwitchLanguageAsync("en");
        await Expect(contests).ToContainTextAsync("China Innovation & Entrepreneurship Competition (Jilin Division)");
        await Expect(contests).Not.ToContainTextAsync("中国创新创业大赛（吉林赛区）");
        await BrowserHost.ScreenshotAsync(page, "home-en");

        await page.SwitchLanguageAsync("zh-CN");
        await Expect(contests).ToContainTextAsync("中国创新创业大赛（吉林赛区）");
        await Expect(contests).Not.ToContainTextAsync("China Innovation & Entrepreneurship Competition (Jilin Division)");
        await BrowserHost.ScreenshotAsync(page, "home-zh-again");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task HomePage_HasNoHorizontalScroll_WhenViewedOnAPhone()
    {
        var page = await host.NewPageAsync(width: 390, height: 844);

        await page.GotoAsync("/");
        await Expect(page.Locator("#contestList")).ToContainTextAsync("中国创新创业大赛（吉林赛区）");
        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        await BrowserHost.ScreenshotAsync(page, "home-phone");

        Assert.True(widths[0] <= widths[1], $"page is {widths[0]}px wide in a {widths[1]}px viewport");
        await page.Context.CloseAsync();
    }
}
