using System.Globalization;
using CompetitionHub.BrowserTests.Crawl;
using CompetitionHub.TestSupport.Scenario;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CompetitionHub.BrowserTests.Scoring;

/// <summary>
/// A judge who scores with a keyboard alone (a tablet's keyboard, a switch, a screen reader): from the top of the live
/// sheet of the <see cref="EveryPageScenario"/>'s final (scoring open, the demo judge still to score) to a stored sheet,
/// every key counted.
/// </summary>
public sealed class ScoreSheetKeyboardBrowserTests(CrawlHost host, ITestOutputHelper output) : IClassFixture<CrawlHost>
{
    /// <summary>Skip link, one Tab and a few digits per criterion, Tab to the button and Enter twice, with room to spare.</summary>
    private const int MaxKeys = 40;

    [Fact]
    public async Task LiveSheet_IsFilledAndSubmittedInFewKeys_WhenJudgeUsesOnlyTheKeyboard()
    {
        var scenario = await host.ScenarioAsync();
        var page = await host.NewPageAsync(390, 844);
        await page.SignInAsync(EveryPageScenario.Judge);
        await page.GotoAsync($"/judging/sessions/{scenario.FinalSession}");
        await Expect(page.Locator("#scoreForm")).ToBeVisibleAsync();
        var keys = 0;
        async Task PressAsync(string key)
        {
            await page.Keyboard.PressAsync(key);
            keys++;
        }
        // One keyboard stop per criterion: the slider and −/+ beside the number field are for thumbs, not Tab.
        async Task TabToAsync(string id, int tabs)
        {
            for (var i = 0; i < tabs; i++) await PressAsync("Tab");
            Assert.Equal(id, await FocusedAsync(page));
        }

        await TabToAsync("skip-link", 1);
        await BrowserHost.ScreenshotAsync(page, "a11y/Judge/live-sheet-skip-link-390");
        await PressAsync("Enter");
        var criteria = page.Locator("#scoreForm fieldset[data-criterion-id]:visible");
        var count = await criteria.CountAsync();
        Assert.True(count >= 2, $"the seeded rubric has {count} criteria");
        for (var i = 0; i < count; i++)
        {
            var criterion = criteria.Nth(i);
            var id = await criterion.GetAttributeAsync("data-criterion-id");
            var max = int.Parse((await criterion.GetAttributeAsync("data-max-hundredths"))!, CultureInfo.InvariantCulture);
            var step = int.Parse((await criterion.GetAttributeAsync("data-step-hundredths"))!, CultureInfo.InvariantCulture);
            await TabToAsync($"criterion-{id}-number", 1);
            // Most of full marks, on the step grid, typed as a judge types it; the first criterion then a tenth more by PageUp.
            var hundredths = max * 7 / 10 / step * step;
            foreach (var key in Points(hundredths)) await PressAsync(key.ToString());
            if (i == 0)
            {
                await PressAsync("PageUp");
                hundredths = Math.Min(hundredths + Math.Max(1, (int)Math.Round(max / 10m / step)) * step, max);
                // What the judge sees mid-sheet: the focus ring on the field being typed in.
                await BrowserHost.ScreenshotAsync(page, "a11y/Judge/live-sheet-keyboard-focus-390");
            }
            await Expect(page.Locator($"#criterion-{id}-value")).ToHaveTextAsync(Points(hundredths));
        }
        var total = await page.Locator("#scoreTotal").TextContentAsync();
        await TabToAsync("scoreComment", 1);
        await TabToAsync("submitScore", 1);
        await PressAsync("Enter");
        await Expect(page.Locator("#scoreConfirm")).ToBeVisibleAsync();
        Assert.Equal("confirmSubmit", await FocusedAsync(page));
        await Expect(page.Locator("#scoreConfirmTotal")).ToHaveTextAsync(total!);
        await PressAsync("Enter");

        await Expect(page.Locator("#sheetList .sheet-state")).ToHaveAttributeAsync("data-state", "saved");
        await Expect(page.Locator("#judgeNotice")).ToHaveTextAsync("您已提交该项目的评分。");
        output.WriteLine($"{count} criteria scored and the sheet submitted in {keys} key presses (total {total}).");
        Assert.True(keys <= MaxKeys, $"{keys} key presses for {count} criteria");
    }

    private static string Points(int hundredths) => (hundredths / 100m).ToString("0.##", CultureInfo.InvariantCulture);

    private static Task<string> FocusedAsync(IPage page) => page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''");
}
