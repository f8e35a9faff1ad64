using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CompetitionHub.BrowserTests.Home;

/// <summary>
/// The header for every kind of person at the widths people use (phone, tablet, small and common laptops, desktop), in
/// both languages: nothing in it reaches past the window, from 1200 px it is one line with 退出 on screen, and
/// below it everything is behind the menu button and fits when opened.
/// </summary>
public sealed class NavigationBrowserTests(NavigationBrowserTests.Host host) : IClassFixture<NavigationBrowserTests.Host>
{
    public sealed class Host : BrowserHost;

    private static readonly int[] Widths = [360, 768, 1024, 1366, 1920];

    public static TheoryData<string?, string> People => new()
    {
        { null, "zh-CN" }, { null, "en" },
        { "contestant@demo.competitionhub.cn", "zh-CN" }, { "contestant@demo.competitionhub.cn", "en" },
        { "judge@demo.competitionhub.cn", "zh-CN" }, { "judge@demo.competitionhub.cn", "en" },
        { "investor@demo.competitionhub.cn", "zh-CN" }, { "investor@demo.competitionhub.cn", "en" },
        { "organizer@demo.competitionhub.cn", "zh-CN" }, { "organizer@demo.competitionhub.cn", "en" },
        { "admin@demo.competitionhub.cn", "zh-CN" }, { "admin@demo.competitionhub.cn", "en" },
    };

    [Theory]
    [MemberData(nameof(People))]
    public async Task Navbar_FitsTheWindow_AtEveryCommonWidth(string? email, string culture)
    {
        var page = await host.NewPageAsync(1366, 800);
        if (email is not null) await page.SignInAsync(email);
        await page.GotoAsync("/");
        if (culture == "en") await page.SwitchLanguageAsync("en");
        var who = $"{email ?? "anonymous"}, {culture}";

        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 800);
            await page.ReloadAsync();
            if (width < 1200)
            {
                await Expect(page.Locator(".navbar-toggler")).ToBeVisibleAsync();
                await page.Locator(".navbar-toggler").ClickAsync();
                await Expect(page.Locator("#mainNav")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bshow\b"));
            }
            var problems = await page.EvaluateAsync<string[]>("""
                (wide) => {
                  const problems = [];
                  const within = document.documentElement.clientWidth;
                  if (document.documentElement.scrollWidth > within) problems.push(`the page is ${document.documentElement.scrollWidth} px wide`);
                  for (const item of document.querySelectorAll(".navbar .nav-link, .navbar button, .navbar select")) {
                    const box = item.getBoundingClientRect();
                    if (box.width === 0) continue; // inside a closed menu
                    if (box.left < 0 || box.right > within) problems.push(`"${item.textContent.trim() || item.id}" reaches ${Math.round(box.right)} px`);
                  }
                  const bar = document.querySelector(".navbar").getBoundingClientRect();
                  if (wide && bar.height > 72) problems.push(`the bar is ${Math.round(bar.height)} px high (two lines)`);
                  return problems;
                }
                """, width >= 1200);
            Assert.True(problems.Length == 0, $"{who} at {width} px: {string.Join("; ", problems)}");
            if (email is not null) await Expect(page.Locator("form[action='/account/logout'] button")).ToBeInViewportAsync();
        }
        if (email is "organizer@demo.competitionhub.cn" or "admin@demo.competitionhub.cn")
            await BrowserHost.ScreenshotAsync(page, $"navbar-{email.Split('@')[0]}-{culture}-1920");
    }
}
