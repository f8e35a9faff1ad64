using BenchmarkDotNet.Attributes;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.ActivityWeek;
using CompetitionHub.Web.Features.Contests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Benchmarks.ActivityWeek;

/// <summary>
/// Sign-up throughput: <see cref="People"/> sign-ups for an event of 50 seats, by a bare EF loop that inserts the same
/// rows (seat or waitlist place worked out in memory, one SaveChanges each: the floor any per-request sign-up pays) and
/// by the real <see cref="SignUpForEvent"/> use case, one after another and all at once, on each database of
/// <see cref="BenchmarkDatabases"/>. The Ratio, per database, says what the capacity guarantee costs on top: the
/// transaction that first takes the event's row, the counts, the ticket mail and two reminder rows.
/// </summary>
public class SignupThroughputBenchmarks
{
    public const int People = 200;
    public const int Capacity = 50;

    public static IEnumerable<DatabaseProvider> Databases => BenchmarkDatabases.Providers;

    [ParamsSource(nameof(Databases))]
    public DatabaseProvider Database { get; set; }

    private Host host = null!;
    private List<string> userIds = [];
    private int contestId;
    private int eventId;

    private sealed class Host : BenchmarkApp
    {
        public Host(DatabaseProvider database) : base(database)
        {
            With("Hangfire:Server", "false");
            With("Logging:LogLevel:Default", "Warning");
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        host = new Host(Database);
        _ = host.Services;
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        for (var i = 0; i < People; i++)
        {
            var email = $"bench{i}-{Guid.NewGuid():N}@example.com";
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"参会者{i}", CreatedAt = DateTime.UtcNow };
            users.CreateAsync(user).GetAwaiter().GetResult();
            userIds.Add(user.Id);
        }
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var contest = new Contest
        {
            Slug = "bench-week", Name = "基准活动周", NameEn = "Benchmark week", Kind = ContestKind.ActivityWeek, EditionYear = 2027,
            LeadDepartmentId = db.Departments.OrderBy(d => d.Id).First().Id, IsPublished = true,
        };
        db.Contests.Add(contest);
        db.SaveChanges();
        contestId = contest.Id;
    }

    [GlobalCleanup]
    public void Cleanup() => host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>A fresh event per iteration, so every run fills 50 seats and a waitlist of 150 from empty.</summary>
    [IterationSetup]
    public void NewEvent()
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ev = new ActivityEvent
        {
            ContestId = contestId, Title = "基准论坛", Venue = "长春", StartsAt = DateTime.UtcNow.AddDays(30), EndsAt = DateTime.UtcNow.AddDays(30).AddHours(2),
            Capacity = Capacity, IsPublished = true, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        };
        db.ActivityEvents.Add(ev);
        db.SaveChanges();
        eventId = ev.Id;
    }

    /// <summary>Proves each iteration ended with 50 seats and 150 waiting, whichever way it got there.</summary>
    [IterationCleanup]
    public void Check()
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var confirmed = db.EventSignups.Count(s => s.EventId == eventId && s.Status == SignupStatus.Confirmed);
        var waiting = db.EventSignups.Count(s => s.EventId == eventId && s.Status == SignupStatus.Waitlisted);
        if (confirmed != Capacity || waiting != People - Capacity)
            throw new InvalidOperationException($"Event {eventId}: {confirmed} confirmed and {waiting} waiting, expected {Capacity} and {People - Capacity}.");
    }

    [Benchmark(Baseline = true, Description = "Bare EF loop, one insert per sign-up")]
    public async Task BareEfLoop()
    {
        for (var i = 0; i < People; i++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var seat = i < Capacity;
            db.EventSignups.Add(new EventSignup
            {
                EventId = eventId, UserId = userIds[i], CreatedAt = DateTime.UtcNow,
                Status = seat ? SignupStatus.Confirmed : SignupStatus.Waitlisted,
                Seat = seat ? i + 1 : null, WaitlistPosition = seat ? null : i - Capacity + 1,
                TicketToken = Tickets.NewToken(), TicketCode = Tickets.NewCode(),
            });
            await db.SaveChangesAsync();
        }
    }

    [Benchmark(Description = "SignUpForEvent, one after another")]
    public async Task UseCaseSequential()
    {
        foreach (var userId in userIds)
            await SignUpAsync(userId);
    }

    [Benchmark(Description = "SignUpForEvent, 200 at once")]
    public Task UseCaseConcurrent() => Task.WhenAll(userIds.Select(id => Task.Run(() => SignUpAsync(id))));

    private async Task SignUpAsync(string userId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<SignUpForEvent>()
            .HandleAsync(eventId, userId, "http://localhost", CancellationToken.None);
        if (outcome.Result is not (SignupResult.Confirmed or SignupResult.Waitlisted))
            throw new InvalidOperationException($"Sign-up of {userId} came back {outcome.Result}.");
    }
}
