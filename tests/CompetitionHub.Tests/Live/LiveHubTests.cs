using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Tests.Live;

public sealed class LiveHubTests(LiveHubTests.Host host) : IClassFixture<LiveHubTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host() => Kestrel = true;
    }

    internal static HubConnection Connect(Uri server, Browserless? signedIn) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(server, LiveHub.Path), o =>
            {
                // WebSockets or nothing: a fallback transport would hide a broken WebSocket path.
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                if (signedIn is not null) o.Cookies = signedIn.Cookies;
            })
            .Build();

    /// <summary>
    /// Sends until the message is heard. A connection joins its groups in OnConnectedAsync, which the server runs just
    /// after the handshake the client's StartAsync waits for, so a message sent at once can come a moment too early.
    /// </summary>
    internal static async Task<T> HearAsync<T>(Task<T> heard, Func<Task> send)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!heard.IsCompleted)
        {
            await send();
            try { await heard.WaitAsync(TimeSpan.FromMilliseconds(250), limit.Token); }
            catch (TimeoutException) { }
        }
        return await heard;
    }

    [Fact]
    public async Task Connect_Succeeds_OverWebSocketsOnly_WhenSignedIn()
    {
        using var organizer = new Browserless(host.ServerAddress);
        await organizer.SignInAsync(TestUsers.DemoOrganizer);
        await using var connection = Connect(host.ServerAddress, organizer);
        var received = new TaskCompletionSource<OutboxStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<OutboxStatus>(LiveEvents.OutboxChanged, s => received.TrySetResult(s));

        await connection.StartAsync();
        var heard = await HearAsync(received.Task, () => host.Services.GetRequiredService<LiveEvents>().ToStaffAsync(LiveEvents.OutboxChanged, new OutboxStatus(3, 2, 1, 42)));

        Assert.Equal(HubConnectionState.Connected, connection.State);
        Assert.Equal(new OutboxStatus(3, 2, 1, 42), heard);
    }

    [Fact]
    public async Task Connect_IsRefused_WhenAnonymous()
    {
        await using var connection = Connect(host.ServerAddress, signedIn: null);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());

        Assert.Contains("401", error.Message);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    [Fact]
    public async Task StaffEvents_DoNotReachAContestant()
    {
        using var contestant = new Browserless(host.ServerAddress);
        await contestant.SignInAsync(TestUsers.DemoContestant);
        await using var connection = Connect(host.ServerAddress, contestant);
        var received = 0;
        connection.On<OutboxStatus>(LiveEvents.OutboxChanged, _ => Interlocked.Increment(ref received));
        await connection.StartAsync();
        // A round trip proves the connection is up and everything sent before it would have arrived.
        using var organizer = new Browserless(host.ServerAddress);
        await organizer.SignInAsync(TestUsers.DemoOrganizer);
        await using var staff = Connect(host.ServerAddress, organizer);
        var staffGot = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        staff.On<OutboxStatus>(LiveEvents.OutboxChanged, _ => staffGot.TrySetResult(true));
        await staff.StartAsync();

        await HearAsync(staffGot.Task, () => host.Services.GetRequiredService<LiveEvents>().ToStaffAsync(LiveEvents.OutboxChanged, new OutboxStatus(0, 0, 0, 1)));

        Assert.Equal(0, received);
    }
}
