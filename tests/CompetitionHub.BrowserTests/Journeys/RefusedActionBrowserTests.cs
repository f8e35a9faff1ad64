using CompetitionHub.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CompetitionHub.BrowserTests.Journeys;

/// <summary>
/// A refusal reads as one: a button the rules refuse brings the person back to the page with the reason in one red
/// message (never green, never twice), and the page read again does not repeat it.
/// </summary>
public sealed class RefusedActionBrowserTests(RefusedActionBrowserTests.Host host) : IClassFixture<RefusedActionBrowserTests.Host>
{
    public sealed class Host : BrowserHost
    {
        protected override AppFactory CreateApp() => new SmtpAppFactory { Kestrel = true };
    }

    [Fact]
    public async Task StalePublishToggle_ShowsOneRedMessageOnce_WhenAnotherOrganizerChangedTheEventFirst()
    {
        var (contestId, eventId) = await host.App.WithDbAsync(async db =>
        {
            var ev = await db.ActivityEvents.AsNoTracking().Where(e => e.IsPublished && e.Contest.Slug == "shuangchuang-week-jilin")
                .OrderBy(e => e.Id).FirstAsync();
            return (ev.ContestId, ev.Id);
        });
        var url = $"/manage/activity-weeks/{contestId}/events/{eventId}";
        var mine = await host.NewPageAsync(390, 844);
        var theirs = await host.NewPageAsync();
        foreach (var page in new[] { mine, theirs })
        {
            await page.SignInAsync(TestUsers.DemoOrganizer);
            await page.GotoAsync(url);
            // Withdrawing asks first (it mails everyone signed up); both organizers say yes.
            page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        }

        await theirs.Locator("#event-publish-toggle").ClickAsync();
        await Expect(theirs.Locator("#status-message")).ToBeVisibleAsync();
        await mine.Locator("#event-publish-toggle").ClickAsync();

        await Expect(mine.Locator("#status-error")).ToContainTextAsync("该活动已被他人修改");
        await Expect(mine.Locator(".alert-danger")).ToHaveCountAsync(1);
        await Expect(mine.Locator("#status-error")).ToHaveAttributeAsync("role", "alert");
        await Expect(mine.Locator(".alert-success")).ToHaveCountAsync(0);
        await BrowserHost.ScreenshotAsync(mine, "refused-publish-phone");
        await mine.ReloadAsync();
        await Expect(mine.Locator("#event-published")).ToBeVisibleAsync();
        await Expect(mine.Locator(".alert-danger")).ToHaveCountAsync(0);
    }
}
