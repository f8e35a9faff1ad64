using CompetitionHub.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace CompetitionHub.BrowserTests.ActivityWeek;

/// <summary>A visitor's ticket for the seeded training event, got as a visitor gets one: signed in on a phone, one tap.</summary>
public sealed record DoorTicket(int ContestId, int EventId, string Email, string Code, string Token)
{
    public static async Task<DoorTicket> SignUpAsync(BrowserHost host, string visitorName)
    {
        var email = TestUsers.NewEmail("visitor");
        await host.App.CreateUserAsync(email, TestUsers.DemoPassword, visitorName);
        var ev = await host.App.WithDbAsync(db => db.ActivityEvents.Where(e => e.Title.Contains("创业融资实务培训"))
            .Select(e => new { e.ContestId, e.Id }).FirstAsync());
        var visitor = await host.NewPageAsync(390, 844);
        await visitor.SignInAsync(email);
        await visitor.GotoAsync($"/activity-events/{ev.Id}");
        await visitor.Locator("#signup-button").ClickAsync();
        await Expect(visitor.Locator("#signup-status")).ToHaveAttributeAsync("data-status", "Confirmed");
        var ticket = await host.App.WithDbAsync(db => db.EventSignups.Where(s => s.EventId == ev.Id && s.User.Email == email)
            .Select(s => new { s.TicketCode, s.TicketToken }).SingleAsync());
        return new DoorTicket(ev.ContestId, ev.Id, email, ticket.TicketCode, ticket.TicketToken);
    }
}
