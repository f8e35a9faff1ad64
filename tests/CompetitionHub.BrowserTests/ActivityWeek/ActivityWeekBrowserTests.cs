using System.Text.RegularExpressions;
using CompetitionHub.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace CompetitionHub.BrowserTests.ActivityWeek;

/// <summary>
/// The Activity Week from both sides of the door: a visitor finds an event in the seeded programme, signs up and gets the
/// ticket by mail (outbox → Hangfire → MailKit → a real SMTP listener); staff type the ticket code at the door page on a
/// phone, and the same code a second time is turned away as already used.
/// </summary>
public sealed partial class ActivityWeekBrowserTests(ActivityWeekBrowserTests.Host host) : IClassFixture<ActivityWeekBrowserTests.Host>
{
    public sealed class Host : BrowserHost
    {
        protected override AppFactory CreateApp() => new SmtpAppFactory { Kestrel = true };
    }

    private SmtpListener Mail => ((SmtpAppFactory)host.App).Smtp;

    [Fact]
    public async Task Visitor_SignsUpAndGetsTheTicket_AndStaffCheckItInOnceAtTheDoor()
    {
        var email = TestUsers.NewEmail("visitor");
        await host.App.CreateUserAsync(email, TestUsers.DemoPassword, "周明远");
        var contestId = await host.App.WithDbAsync(db => db.Contests.Where(c => c.Slug == "shuangchuang-week-jilin").Select(c => c.Id).SingleAsync());
        var visitor = await host.NewPageAsync(390, 844);
        await visitor.SignInAsync(email);

        await visitor.GotoAsync($"/activity-weeks/{contestId}");
        await visitor.Locator("#view-by-type").ClickAsync();
        await visitor.Locator("#filter-type").SelectOptionAsync("Training");
        await visitor.Locator("#filter-apply").ClickAsync();
        await Expect(visitor.Locator(".programme-event")).ToHaveCountAsync(1);
        await visitor.Locator(".programme-event").First.ClickAsync();
        await Expect(visitor.Locator("#event-title")).ToContainTextAsync("创业融资实务培训");
        await Expect(visitor.Locator("#event-seats")).ToContainTextAsync("40 / 40");
        await visitor.Locator("#signup-button").ClickAsync();
        await Expect(visitor.Locator("#signup-status")).ToHaveAttributeAsync("data-status", "Confirmed");
        await Expect(visitor.Locator("#event-seats")).ToContainTextAsync("39 / 40");
        var eventId = int.Parse(Regex.Match(visitor.Url, @"/activity-events/(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        var ticketMail = (await Mail.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email) && (m.Subject ?? "").Contains("报名成功"))).Last();
        var code = TicketCode().Match(ticketMail.TextBody ?? "").Groups[1].Value;
        Assert.Equal(8, code.Length);
        Assert.Contains(ticketMail.BodyParts.OfType<MimePart>(), p => p.ContentType.MimeType == "image/png");
        await visitor.GotoAsync("/my/tickets");
        await Expect(visitor.Locator(".ticket-code")).ToHaveTextAsync(code);
        await Expect(visitor.Locator("img.ticket-qr")).ToBeVisibleAsync();
        await BrowserHost.ScreenshotAsync(visitor, "activity-ticket-phone");

        var door = await host.NewPageAsync(390, 844);
        await door.SignInAsync(TestUsers.DemoOrganizer);
        await door.GotoAsync($"/manage/activity-weeks/{contestId}/events/{eventId}/door");
        await Expect(door.Locator("#liveIndicator")).ToHaveAttributeAsync("data-state", "connected");
        await door.Locator("#ticket-code").FillAsync(code.ToLowerInvariant());
        await door.Locator("#check-in-submit").ClickAsync();
        await Expect(door.Locator("#check-in-result")).ToHaveAttributeAsync("data-result", "Admitted");
        await Expect(door.Locator("#check-in-result")).ToContainTextAsync("周明远");
        await Expect(door.Locator("#attendance [data-count=checkedIn]")).ToHaveTextAsync("1");
        await BrowserHost.ScreenshotAsync(door, "activity-door-admitted");

        await door.Locator("#ticket-code").FillAsync(code);
        await door.Locator("#check-in-submit").ClickAsync();
        await Expect(door.Locator("#check-in-result")).ToHaveAttributeAsync("data-result", "AlreadyUsed");
        await Expect(door.Locator("#check-in-result")).ToContainTextAsync("已使用");
        await Expect(door.Locator("#attendance [data-count=checkedIn]")).ToHaveTextAsync("1");
        await BrowserHost.ScreenshotAsync(door, "activity-door-already-used");
    }

    [GeneratedRegex(@"票码：([A-Z0-9]{8})")]
    private static partial Regex TicketCode();
}
