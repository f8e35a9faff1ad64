using System.Net;
using System.Text.RegularExpressions;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.ActivityWeek;

namespace CompetitionHub.Tests.ActivityWeek;

public sealed partial class SignupPagingTests(SignupPagingTests.Host host) : IClassFixture<SignupPagingTests.Host>
{
    public sealed class Host : AppFactory;

    [GeneratedRegex("<td>(参会者\\d+)</td>")]
    private static partial Regex Name();

    private static List<string> Names(string html) => [.. Name().Matches(html).Select(m => m.Groups[1].Value)];

    [Fact]
    public async Task Event_ShowsTheNextSignupsOnPageTwo_AndNarrowsByStatusAndTicketOnTheServer()
    {
        var (organizer, _, organizerId) = await host.OrganizerAsync();
        var contestId = await host.AddActivityWeekAsync(organizerId);
        var eventId = await host.AddEventAsync(contestId, DateTime.UtcNow.AddDays(20), capacity: 40);
        var signups = await host.WithDbAsync(async db =>
        {
            var rows = Enumerable.Range(0, 55).Select(i =>
            {
                var email = $"guest{i:D2}-{Guid.NewGuid():N}@example.com";
                return new EventSignup
                {
                    EventId = eventId, CreatedAt = DateTime.UtcNow, TicketToken = Tickets.NewToken(), TicketCode = Tickets.NewCode(),
                    Status = i < 40 ? SignupStatus.Confirmed : SignupStatus.Waitlisted, Seat = i < 40 ? i + 1 : null,
                    WaitlistPosition = i < 40 ? null : i - 39, UserId = "",
                    User = new AppUser
                    {
                        UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                        DisplayName = $"参会者{i:D2}", CreatedAt = DateTime.UtcNow, SecurityStamp = Guid.NewGuid().ToString("N"),
                    },
                };
            }).ToList();
            db.EventSignups.AddRange(rows);
            await db.SaveChangesAsync();
            return rows;
        });
        var url = $"/manage/activity-weeks/{contestId}/events/{eventId}";

        var first = await organizer.GetStringAsync(url);
        Assert.Equal(signups.Take(50).Select(s => s.User.DisplayName), Names(first));
        var second = await organizer.GetStringAsync(url + "?Page=2");
        Assert.Equal(signups.Skip(50).Select(s => s.User.DisplayName), Names(second));
        var waiting = await organizer.GetStringAsync(url + "?Status=Waitlisted");
        Assert.Equal(signups.Skip(40).Select(s => s.User.DisplayName), Names(waiting));
        var byTicket = await organizer.GetStringAsync(url + "?Q=" + signups[12].TicketCode);
        Assert.Equal([signups[12].User.DisplayName], Names(byTicket));

        // The event form on a later page still saves the event.
        var save = await organizer.PostFormAsync(url, [], url + "?Page=2");
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
    }
}
