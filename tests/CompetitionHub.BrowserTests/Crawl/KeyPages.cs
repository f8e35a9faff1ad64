using CompetitionHub.TestSupport;
using CompetitionHub.TestSupport.Scenario;
using Microsoft.Playwright;

namespace CompetitionHub.BrowserTests.Crawl;

/// <summary>
/// Pictures of the pages people use most, on a phone (390 px) and a desktop (1280 px), in Chinese and in English, taken
/// before the crawl changes anything: tests/results/screenshots/key-{page}-{width}-{culture}.png. A page wider than the
/// phone's screen is noted as a problem (it scrolls sideways).
/// </summary>
public static class KeyPages
{
    public static async Task ScreenshotsAsync(CrawlHost host, CrawlReport report)
    {
        var s = host.Scenario;
        (string Name, string? Email, string Url)[] pages =
        [
            ("home", null, "/"),
            ("results-announcement", null, $"/contests/{s.Cie}/rounds/{s.CieSemi}/results"),
            ("activity-week", null, $"/activity-weeks/{s.Week}"),
            ("entry", EveryPageScenario.Contestant, $"/entries/{s.ContestantDraft}"),
            ("judge-stage", EveryPageScenario.Judge, $"/judging/sessions/{s.FinalSession}"),
            ("advancement", EveryPageScenario.Organizer, $"/manage/contests/{s.Cie}/rounds/{s.CieSemi}/advancement"),
            ("admin-mail", EveryPageScenario.Admin, "/admin/mail"),
        ];
        foreach (var width in new[] { 390, 1280 })
        {
            foreach (var culture in new[] { "zh-CN", "en" })
            {
                foreach (var group in pages.GroupBy(p => p.Email))
                {
                    var page = await host.NewPageAsync(width, width == 390 ? 844 : 900);
                    await page.Context.AddCookiesAsync([new Cookie
                    {
                        Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = host.BaseAddress.ToString(),
                    }]);
                    if (group.Key is { } email) await page.SignInAsync(email);
                    foreach (var (name, _, url) in group)
                    {
                        var response = await page.GotoAsync(url);
                        var role = group.Key ?? "anonymous";
                        if (response?.Status is not 200)
                            report.Problem(new CrawlProblem(role, culture, url, "status", $"{response?.Status} for a key page"));
                        await BrowserHost.ScreenshotAsync(page, $"key-{name}-{width}-{culture}");
                        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
                        if (widths[0] > widths[1])
                            report.Problem(new CrawlProblem(role, culture, url, "layout", $"{widths[0]} px wide in a {widths[1]} px screen"));
                    }
                    await page.Context.CloseAsync();
                }
            }
        }
    }
}
