using CompetitionHub.Tests.Live;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.ActivityWeek;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace CompetitionHub.Tests.ActivityWeek;

/// <summary>Real Kestrel, a real SignalR client: what the door page and the organizer's event page listen to.</summary>
public sealed class AttendanceLiveTests(AttendanceLiveTests.Host host) : IClassFixture<AttendanceLiveTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host()
        {
            Kestrel = true;
            With("Hangfire:Server", "false");
        }
    }

    [Fact]
    public async Task CheckIn_BroadcastsTheEventsAttendance_ToStaff()
    {
        var organizerEmail = TestUsers.NewEmail("door");
        var organizer = await host.CreateUserAsync(organizerEmail, TestUsers.DemoPassword, roles: Web.Features.Accounts.Roles.Organizer);
        var contest = await host.AddActivityWeekAsync(organizer.Id);
        var ev = await host.AddEventAsync(contest, DateTime.UtcNow.AddDays(1));
        var tickets = new Queue<string>();
        for (var i = 0; i < 10; i++)
        {
            var email = TestUsers.NewEmail("guest");
            var user = await host.CreateUserAsync(email, TestUsers.DemoPassword);
            using var guest = new Browserless(host.ServerAddress);
            await guest.SignInAsync(email);
            await guest.Http.SignUpAsync(ev);
            tickets.Enqueue((await host.SignupOfAsync(ev, user.Id))!.TicketCode);
        }
        using var staff = new Browserless(host.ServerAddress);
        await staff.SignInAsync(organizerEmail);
        await using var connection = LiveHubTests.Connect(host.ServerAddress, staff);
        var received = new TaskCompletionSource<AttendanceCounts>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<AttendanceCounts>(LiveEvents.AttendanceChanged, c => { if (c.EventId == ev) received.TrySetResult(c); });
        await connection.StartAsync();

        // Checked in one by one until the broadcast is heard (the group is joined just after the handshake).
        var admitted = 0;
        var heard = await LiveHubTests.HearAsync(received.Task, async () =>
        {
            Assert.Equal("Admitted", (await staff.Http.CheckInAsync(contest, ev, tickets.Dequeue())).GetProperty("result").GetString());
            admitted++;
        });

        Assert.Equal(10, heard.Confirmed);
        Assert.InRange(heard.CheckedIn, 1, admitted);
    }

    [Fact]
    public async Task CheckIn_ReachesAdminsButNotOrganizersOfAnotherContest()
    {
        var organizerEmail = TestUsers.NewEmail("door");
        var organizer = await host.CreateUserAsync(organizerEmail, TestUsers.DemoPassword, roles: Web.Features.Accounts.Roles.Organizer);
        var contest = await host.AddActivityWeekAsync(organizer.Id);
        var ev = await host.AddEventAsync(contest, DateTime.UtcNow.AddDays(1));
        var otherEmail = TestUsers.NewEmail("otherorg");
        var other = await host.CreateUserAsync(otherEmail, TestUsers.DemoPassword, roles: Web.Features.Accounts.Roles.Organizer);
        await host.AddActivityWeekAsync(other.Id);
        var tickets = new Queue<string>();
        for (var i = 0; i < 10; i++)
        {
            var email = TestUsers.NewEmail("guest");
            var user = await host.CreateUserAsync(email, TestUsers.DemoPassword);
            using var guest = new Browserless(host.ServerAddress);
            await guest.SignInAsync(email);
            await guest.Http.SignUpAsync(ev);
            tickets.Enqueue((await host.SignupOfAsync(ev, user.Id))!.TicketCode);
        }
        using var otherStaff = new Browserless(host.ServerAddress);
        await otherStaff.SignInAsync(otherEmail);
        await using var otherConnection = LiveHubTests.Connect(host.ServerAddress, otherStaff);
        var otherHeard = 0;
        otherConnection.On<AttendanceCounts>(LiveEvents.AttendanceChanged, _ => Interlocked.Increment(ref otherHeard));
        await otherConnection.StartAsync();
        using var admin = new Browserless(host.ServerAddress);
        await admin.SignInAsync(TestUsers.DemoAdmin);
        await using var adminConnection = LiveHubTests.Connect(host.ServerAddress, admin);
        var adminHeard = new TaskCompletionSource<AttendanceCounts>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lastHeard = new TaskCompletionSource<AttendanceCounts>(TaskCreationOptions.RunContinuationsAsynchronously);
        var admitted = 0;
        var last = 0;
        adminConnection.On<AttendanceCounts>(LiveEvents.AttendanceChanged, c =>
        {
            if (c.EventId != ev) return;
            adminHeard.TrySetResult(c);
            if (Volatile.Read(ref last) is > 0 and var target && c.CheckedIn >= target) lastHeard.TrySetResult(c);
        });
        await adminConnection.StartAsync();
        using var staff = new Browserless(host.ServerAddress);
        await staff.SignInAsync(organizerEmail);

        await LiveHubTests.HearAsync(adminHeard.Task, async () =>
        {
            Assert.Equal("Admitted", (await staff.Http.CheckInAsync(contest, ev, tickets.Dequeue())).GetProperty("result").GetString());
            Interlocked.Increment(ref admitted);
        });
        // One more after the Admin heard, so the other organizer (connected before the Admin) has had every chance to hear it.
        Volatile.Write(ref last, admitted + 1);
        Assert.Equal("Admitted", (await staff.Http.CheckInAsync(contest, ev, tickets.Dequeue())).GetProperty("result").GetString());
        await lastHeard.Task.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(0, otherHeard);
    }
}
