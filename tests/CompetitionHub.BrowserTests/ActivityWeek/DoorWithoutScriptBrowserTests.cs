using CompetitionHub.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CompetitionHub.BrowserTests.ActivityWeek;

/// <summary>
/// The door page on a browser with JavaScript switched off (a locked-down staff phone, a script that failed to load):
/// the ticket code typed into the plain form still checks the ticket in, and the page says so once.
/// </summary>
public sealed class DoorWithoutScriptBrowserTests(DoorWithoutScriptBrowserTests.Host host) : IClassFixture<DoorWithoutScriptBrowserTests.Host>
{
    public sealed class Host : BrowserHost;

    [Fact]
    public async Task DoorPage_ChecksTheTypedTicketIn_WhenJavaScriptIsOff()
    {
        var ticket = await DoorTicket.SignUpAsync(host, "林晓雨");
        var (contestId, eventId, email, code) = (ticket.ContestId, ticket.EventId, ticket.Email, ticket.Code);

        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(), Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 }, JavaScriptEnabled = false,
        });
        var door = await context.NewPageAsync();
        await door.SignInAsync(TestUsers.DemoOrganizer);
        await door.GotoAsync($"/manage/activity-weeks/{contestId}/events/{eventId}/door");
        await door.Locator("#ticket-code").FillAsync(code.ToLowerInvariant());
        await door.Locator("#check-in-submit").ClickAsync();

        await Expect(door.Locator("#check-in-result")).ToHaveAttributeAsync("data-result", "Admitted");
        await Expect(door.Locator("#check-in-result")).ToContainTextAsync("林晓雨");
        await BrowserHost.ScreenshotAsync(door, "activity-door-no-script");
        // The answer came after a redirect: a refresh reads the page again instead of checking the ticket a second time.
        await door.ReloadAsync();
        await Expect(door.Locator("#check-in-result")).ToHaveAttributeAsync("data-result", "");
        await door.Locator("#ticket-code").FillAsync(code);
        await door.Locator("#check-in-submit").ClickAsync();
        await Expect(door.Locator("#check-in-result")).ToHaveAttributeAsync("data-result", "AlreadyUsed");
        Assert.NotNull(await host.App.WithDbAsync(db => db.EventSignups.Where(s => s.EventId == eventId && s.User.Email == email)
            .Select(s => s.CheckedInAt).SingleAsync()));
        await context.CloseAsync();
    }
}
