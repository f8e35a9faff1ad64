using System.Net;
using System.Text.RegularExpressions;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.ActivityWeek;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Tests.ActivityWeek;

/// <summary>
/// 200 people sign up at once for 50 seats through two app hosts on one database: whatever keeps the count right must
/// be in the database, since neither process knows what the other is doing.
/// </summary>
public sealed partial class ConcurrentSignupTests(ConcurrentSignupTests.Hosts hosts) : IClassFixture<ConcurrentSignupTests.Hosts>
{
    private const int People = 200;
    private const int Capacity = 50;
    private const int Repetitions = 20;

    /// <summary>Two app instances on one data folder, and 200 people each signed in on one of them, made once.</summary>
    public sealed class Hosts : IAsyncLifetime
    {
        public AppFactory First { get; private set; } = null!;
        public AppFactory Second { get; private set; } = null!;
        public List<(HttpClient Client, string Token, string UserId)> Clients { get; } = [];

        public async Task InitializeAsync()
        {
            First = new AppFactory().With("Hangfire:Server", "false");
            _ = First.Services; // started (migrated and seeded) before the second opens the same file
            Second = new AppFactory(First.DataPath).With("Hangfire:Server", "false");
            _ = Second.Services;

            var contest = await First.AddActivityWeekAsync();
            var anyEvent = await First.AddEventAsync(contest, DateTime.UtcNow.AddDays(30));
            await using (var scope = First.Services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<Web.Features.Accounts.AppUser>>();
                for (var i = 0; i < People; i++)
                {
                    var email = TestUsers.NewEmail($"burst{i}");
                    var user = new Web.Features.Accounts.AppUser
                    {
                        UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"参会者{i}", CreatedAt = DateTime.UtcNow,
                    };
                    Assert.True((await users.CreateAsync(user, TestUsers.DemoPassword)).Succeeded);
                    Clients.Add((null!, email, user.Id));
                }
            }
            // Half the people use each instance; each signs in there and keeps the antiforgery token of an event page.
            var signedIn = await Task.WhenAll(Clients.Select(async (c, i) =>
            {
                var client = (i % 2 == 0 ? First : Second).CreateFormClient();
                await client.SignInOrThrowAsync(c.Token, TestUsers.DemoPassword);
                return (client, await client.TokenOfFormAsync($"/activity-events/{anyEvent}/signup", $"/activity-events/{anyEvent}"), c.UserId);
            }));
            Clients.Clear();
            Clients.AddRange(signedIn);
        }

        public async Task DisposeAsync()
        {
            await Second.DisposeAsync();
            await First.DisposeAsync();
        }
    }

    [Fact]
    public async Task SignUp_NeverExceedsCapacity_When200PeopleSignUpAtOnceThroughTwoInstances()
    {
        var contest = await hosts.First.AddActivityWeekAsync();
        for (var repetition = 1; repetition <= Repetitions; repetition++)
        {
            var ev = await hosts.First.AddEventAsync(contest, DateTime.UtcNow.AddDays(30), capacity: Capacity, title: $"并发测试 {repetition}");

            using var start = new SemaphoreSlim(0);
            var attempts = hosts.Clients.Select(async c =>
            {
                await start.WaitAsync();
                var response = await SignUpAsync(c, ev);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Equal($"/activity-events/{ev}", response.Headers.Location?.OriginalString);
                // What the person then sees: their seat or their waitlist place, never an error.
                var page = await c.Client.GetStringAsync($"/activity-events/{ev}");
                return (c.UserId, Status: StatusOnPage().Match(page).Groups[1].Value);
            }).ToList();
            start.Release(People);
            var seen = await Task.WhenAll(attempts);

            Assert.All(seen, s => Assert.Contains(s.Status, new[] { "Confirmed", "Waitlisted" }));
            var signups = await hosts.First.SignupsAsync(ev);
            Assert.Equal(People, signups.Count);
            Assert.Equal(People, signups.Select(s => s.UserId).Distinct().Count());
            var confirmed = signups.Where(s => s.Status == SignupStatus.Confirmed).ToList();
            var waiting = signups.Where(s => s.Status == SignupStatus.Waitlisted).ToList();
            Assert.Equal(Capacity, confirmed.Count);
            Assert.Equal(Enumerable.Range(1, Capacity), confirmed.Select(s => s.Seat!.Value).Order());
            Assert.Equal(Enumerable.Range(1, People - Capacity), waiting.Select(s => s.WaitlistPosition!.Value).Order());
            // A waitlist in order: whoever signed up earlier (lower id) stands further forward.
            Assert.Equal(waiting.OrderBy(s => s.Id).Select(s => s.Id), waiting.OrderBy(s => s.WaitlistPosition).Select(s => s.Id));
            Assert.Equal(People, signups.Select(s => s.TicketCode).Distinct().Count());
            // Each page showed the status the database holds.
            Assert.All(seen, s => Assert.Equal(signups.Single(x => x.UserId == s.UserId).Status.ToString(), s.Status));
        }
    }

    [Fact]
    public async Task Cancel_LeavesNoSeatEmptyWhileSomeoneWaits_WhenCancellationsRaceSignUpsThroughTwoInstances()
    {
        const int capacity = 20;
        var contest = await hosts.First.AddActivityWeekAsync();
        var random = new Random(20261205);
        for (var repetition = 1; repetition <= 10; repetition++)
        {
            // Odd rounds stay full with people waiting; even rounds lose more than they gain, so the waitlist runs dry.
            var (before, leavingSeats, leavingPlaces, coming) = repetition % 2 == 1 ? (30, 8, 2, 15) : (25, 10, 2, 3);
            var ev = await hosts.First.AddEventAsync(contest, DateTime.UtcNow.AddDays(30), capacity: capacity, title: $"退改测试 {repetition}");
            var people = hosts.Clients.OrderBy(_ => random.Next()).ToList();
            foreach (var c in people.Take(before))
                Assert.Equal(HttpStatusCode.Redirect, (await SignUpAsync(c, ev)).StatusCode);
            var signedUp = await hosts.First.SignupsAsync(ev);
            var leaving = signedUp.Where(s => s.Status == SignupStatus.Confirmed).OrderBy(_ => random.Next()).Take(leavingSeats)
                .Concat(signedUp.Where(s => s.Status == SignupStatus.Waitlisted).OrderBy(_ => random.Next()).Take(leavingPlaces)).ToList();

            using var start = new SemaphoreSlim(0);
            var cancels = leaving.Select(async s =>
            {
                var c = people.Single(p => p.UserId == s.UserId);
                await start.WaitAsync();
                return await c.Client.PostAsync($"/activity-events/signups/{s.Id}/cancel",
                    new FormUrlEncodedContent([new("__RequestVerificationToken", c.Token)]));
            });
            var signups = people.Skip(before).Take(coming).Select(async c =>
            {
                await start.WaitAsync();
                return await SignUpAsync(c, ev);
            });
            var all = cancels.Concat(signups).ToList();
            start.Release(all.Count);
            var responses = await Task.WhenAll(all);

            Assert.All(responses, r => Assert.Equal((HttpStatusCode.Redirect, $"/activity-events/{ev}"), (r.StatusCode, r.Headers.Location?.OriginalString)));
            var after = await hosts.First.SignupsAsync(ev);
            var active = before - leaving.Count + coming;
            var confirmed = after.Where(s => s.Status == SignupStatus.Confirmed).ToList();
            var waiting = after.Where(s => s.Status == SignupStatus.Waitlisted).ToList();
            Assert.Equal(leaving.Select(s => s.Id).Order(), after.Where(s => s.Status == SignupStatus.Cancelled).Select(s => s.Id).Order());
            Assert.Equal(Math.Min(capacity, active), confirmed.Count);
            Assert.Equal(active - confirmed.Count, waiting.Count);
            Assert.Equal(Enumerable.Range(1, confirmed.Count), confirmed.Select(s => s.Seat!.Value).Order());
            Assert.Equal(Enumerable.Range(1, waiting.Count), waiting.Select(s => s.WaitlistPosition!.Value).Order());
            Assert.Equal(waiting.OrderBy(s => s.Id).Select(s => s.Id), waiting.OrderBy(s => s.WaitlistPosition).Select(s => s.Id));
        }
    }

    private static Task<HttpResponseMessage> SignUpAsync((HttpClient Client, string Token, string UserId) person, int eventId) =>
        person.Client.PostAsync($"/activity-events/{eventId}/signup", new FormUrlEncodedContent([new("__RequestVerificationToken", person.Token)]));

    [GeneratedRegex("id=\"signup-status\" data-status=\"(\\w+)\"")]
    private static partial Regex StatusOnPage();
}
