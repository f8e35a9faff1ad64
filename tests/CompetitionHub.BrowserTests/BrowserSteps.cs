using Microsoft.Playwright;

namespace CompetitionHub.BrowserTests;

/// <summary>What a person does on every page: switch the language, sign in.</summary>
public static class BrowserSteps
{
    public const string DemoPassword = "Demo2026!";

    static BrowserSteps()
    {
        // Two shared cores and a cold JIT: give pages time to arrive. This is patience, not a speed assertion.
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    /// <summary>Picks a language in the header; the select submits itself (site.js) and the page comes back translated.</summary>
    public static async Task SwitchLanguageAsync(this IPage page, string culture)
    {
        await page.SelectOptionAsync("#cultureSelect", culture);
        // The page that comes back after the post declares its language; until then the old page is still showing.
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture == "en" ? "en" : "zh-CN");
    }

    public static async Task SignInAsync(this IPage page, string email, string password = DemoPassword)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("input[name=Email]").FillAsync(email);
        await page.Locator("input[name=Password]").FillAsync(password);
        await page.Locator("#login-submit").ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }
}
