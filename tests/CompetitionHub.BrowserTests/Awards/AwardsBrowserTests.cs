using CompetitionHub.TestSupport;
using CompetitionHub.TestSupport.Scenario;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace CompetitionHub.BrowserTests.Awards;

/// <summary>
/// The organizer hands out a contest's prizes and honours in the browser: sets how many prizes the idea group gives, takes
/// the proposal as it stands, confirms it, and gives an honour; the winning teams hear of it by mail, through a real SMTP
/// listener.
/// </summary>
public sealed class AwardsBrowserTests(AwardsBrowserTests.Host host) : IClassFixture<AwardsBrowserTests.Host>
{
    public sealed class Host : ScenarioMailHost;

    private SmtpListener Mail => host.Mail;

    private static readonly string[] Titles = ["校园助农直播平台", "少数民族刺绣文创", "智能助残导盲杖"];

    /// <summary>
    /// The seeded 女大学生创新创业大赛 with its roadshow taken out, so its online review is the final round: three idea-group
    /// entries scored 90, 80 and 70 there, closed.
    /// </summary>
    private async Task<ScoredEntries> FinalRoundAsync()
    {
        using var culture = ScenarioSteps.ChineseCulture();
        var steps = new ScenarioSteps(host.App, host.BaseAddress);
        var contestId = await steps.ContestAsync("female-students-jilin");
        var rounds = await steps.RoundsAsync(contestId);
        await steps.UseAsync<CompetitionHub.Web.Features.Contests.SaveRound>(async r => ScenarioSteps.Check(await r.RemoveAsync(contestId, rounds[1], default)));
        return await steps.ScoredEntriesAsync("female-students-jilin", Titles, EntryKind.Idea);
    }

    [Fact]
    public async Task Awards_ConfirmsThePrizesAndGivesAnHonour_WhenTheOrganizerClicksThroughThem()
    {
        var (contestId, _, trackId, leaders, entries) = await FinalRoundAsync();
        var page = await host.NewPageAsync();
        await page.SignInAsync(TestUsers.DemoOrganizer);

        await page.GotoAsync($"/manage/contests/{contestId}/awards");
        await page.Locator($"#FirstPrizes-{trackId}").FillAsync("1");
        await page.Locator($"#SecondPrizes-{trackId}").FillAsync("1");
        await page.Locator($"#plan-save-{trackId}").ClickAsync();
        var rows = page.Locator($"#awards-ranking-{trackId} tr.award-row");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(page.Locator($"#grade-{entries[0]}")).ToHaveValueAsync("First");
        await Expect(page.Locator($"#grade-{entries[1]}")).ToHaveValueAsync("Second");
        await Expect(page.Locator($"#grade-{entries[2]}")).ToHaveValueAsync("");
        await BrowserHost.ScreenshotAsync(page, "awards-plan");

        await page.Locator($"#awards-confirm-{trackId}").ClickAsync();
        await Expect(page.Locator($"#awards-confirmed-{trackId}")).ToBeVisibleAsync();
        await Expect(page.Locator($"#awards-ranking-{trackId} tr[data-entry-id='{entries[0]}'] .prize")).ToHaveAttributeAsync("data-grade", "First");
        await MailToAsync(leaders[0], $"“{Titles[0]}”获得一等奖");
        await MailToAsync(leaders[1], $"“{Titles[1]}”获得二等奖");

        // Honours: the contest's titles first, then one given to the third entry.
        await page.Locator("#honour-titles").FillAsync("创业新锐\n创新尖兵");
        await page.Locator("#honour-titles-save").ClickAsync();
        await Expect(page.Locator("#honour-title option")).ToHaveCountAsync(2);
        await page.Locator("#honour-entry").FillAsync(entries[2].ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#honour-title").SelectOptionAsync("创新尖兵");
        await page.Locator("#honour-give").ClickAsync();
        await Expect(page.Locator("#honour-list .honour-row")).ToContainTextAsync("创新尖兵");
        await BrowserHost.ScreenshotAsync(page, "awards-honours");
        await MailToAsync(leaders[2], $"“{Titles[2]}”获得“创新尖兵”称号");
        await page.Context.CloseAsync();
    }

    private async Task<MimeMessage> MailToAsync(string email, string subject) =>
        (await Mail.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == email) && (m.Subject ?? "").Contains(subject, StringComparison.Ordinal)))[0];
}
