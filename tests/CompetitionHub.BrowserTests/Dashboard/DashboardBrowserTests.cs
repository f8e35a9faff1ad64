using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CompetitionHub.BrowserTests.Dashboard;

public sealed class DashboardBrowserTests(DashboardBrowserTests.Host host) : IClassFixture<DashboardBrowserTests.Host>
{
    public sealed class Host : BrowserHost;

    private const string Organizer = "organizer@demo.competitionhub.cn";

    [Fact]
    public async Task Dashboard_ShowsHeadingInBothLanguages_WhenOrganizerSignsIn()
    {
        var page = await host.NewPageAsync();
        await page.SignInAsync(Organizer);
        var heading = page.Locator("main h1");

        await page.GotoAsync("/organizer");
        await Expect(heading).ToHaveTextAsync("组织者工作台");
        await Expect(page.Locator("#contestTable")).ToContainTextAsync("中国创新创业大赛（吉林赛区）");

        await page.SwitchLanguageAsync("en");
        await Expect(heading).ToHaveTextAsync("Organizer dashboard");
        await Expect(page.Locator("#contestTable")).ToContainTextAsync("China Innovation & Entrepreneurship Competition (Jilin Division)");
        await BrowserHost.ScreenshotAsync(page, "organizer-en");

        await page.SwitchLanguageAsync("zh-CN");
        await Expect(heading).ToHaveTextAsync("组织者工作台");
        await Expect(page.Locator("#liveIndicator")).ToHaveAttributeAsync("data-state", "connected");
        await BrowserHost.ScreenshotAsync(page, "organizer-zh");

        await page.GotoAsync("/hangfire");
        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("CompetitionHub jobs"));
        await BrowserHost.ScreenshotAsync(page, "hangfire");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Dashboard_ShowsNewestMailCountsAndDropsOlderOnes_WhenOutboxChangesAreBroadcast()
    {
        var page = await host.NewPageAsync();
        await page.SignInAsync(Organizer);
        await page.GotoAsync("/organizer");
        await Expect(page.Locator("#liveIndicator")).ToHaveAttributeAsync("data-state", "connected");
        var events = host.App.Services.GetRequiredService<LiveEvents>();
        var card = page.Locator("#outboxStatus");

        await events.ToStaffAsync(LiveEvents.OutboxChanged, new OutboxStatus(Pending: 7, Sent: 42, Failed: 3, Version: 1_000));
        await events.ToStaffAsync(LiveEvents.OutboxChanged, new OutboxStatus(Pending: 9, Sent: 1, Failed: 9, Version: 999));

        // One connection receives messages in order: once 999 is marked stale, 1000 was shown before it.
        await Expect(card).ToHaveAttributeAsync("data-stale-version", "999");
        await Expect(card).ToHaveAttributeAsync("data-version", "1000");
        await Expect(card.Locator("[data-count=pending]")).ToHaveTextAsync("7");
        await Expect(card.Locator("[data-count=sent]")).ToHaveTextAsync("42");
        await Expect(card.Locator("[data-count=failed]")).ToHaveTextAsync("3");

        await events.ToStaffAsync(LiveEvents.OutboxChanged, new OutboxStatus(Pending: 6, Sent: 43, Failed: 3, Version: 1_001));

        await Expect(card).ToHaveAttributeAsync("data-version", "1001");
        await Expect(card.Locator("[data-count=pending]")).ToHaveTextAsync("6");
        await Expect(card.Locator("[data-count=sent]")).ToHaveTextAsync("43");
        await BrowserHost.ScreenshotAsync(page, "organizer-live");
        await page.Context.CloseAsync();
    }
}
