using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Tests.Live;

public sealed class RedisBackplaneTests
{
    // Two hosts in one process must not both run Hangfire servers (its static state would mix their jobs).
    private static AppFactory Instance(RedisServer? redis) => new AppFactory { Kestrel = true }
        .With("SignalR:Redis", redis?.Configuration)
        .With("Hangfire:Server", "false");

    /// <summary>An organizer connected to one instance, and the first outbox status they hear.</summary>
    private sealed class Listener : IAsyncDisposable
    {
        private readonly Browserless organizer;
        private readonly HubConnection connection;
        private readonly TaskCompletionSource<OutboxStatus> heard = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private Listener(AppFactory host)
        {
            organizer = new Browserless(host.ServerAddress);
            connection = LiveHubTests.Connect(host.ServerAddress, organizer);
            connection.On<OutboxStatus>(LiveEvents.OutboxChanged, s => heard.TrySetResult(s));
        }

        /// <summary>The first status heard while <paramref name="send"/> is repeated (see <see cref="LiveHubTests.HearAsync"/>).</summary>
        public Task<OutboxStatus> HearAsync(Func<Task> send) => LiveHubTests.HearAsync(heard.Task, send);

        public static async Task<Listener> ConnectAsync(AppFactory host)
        {
            var listener = new Listener(host);
            await listener.organizer.SignInAsync(TestUsers.DemoOrganizer);
            await listener.connection.StartAsync();
            return listener;
        }

        public async ValueTask DisposeAsync()
        {
            await connection.DisposeAsync();
            organizer.Dispose();
        }
    }

    [Fact]
    public async Task Broadcast_ReachesAClientOfTheOtherInstance_WhenBothShareRedis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var first = Instance(redis);
        await using var second = Instance(redis);
        await using var listener = await Listener.ConnectAsync(second);
        _ = first.ServerAddress;

        var heard = await listener.HearAsync(() => first.Services.GetRequiredService<LiveEvents>().ToStaffAsync(LiveEvents.OutboxChanged, new OutboxStatus(7, 0, 0, 99)));

        Assert.Equal(new OutboxStatus(7, 0, 0, 99), heard);
    }

    [Fact]
    public async Task Broadcast_StaysOnItsInstance_WithoutRedis()
    {
        await using var first = Instance(redis: null);
        await using var second = Instance(redis: null);
        await using var listener = await Listener.ConnectAsync(second);
        _ = first.ServerAddress;

        var heard = await listener.HearAsync(async () =>
        {
            await first.Services.GetRequiredService<LiveEvents>().ToStaffAsync(LiveEvents.OutboxChanged, new OutboxStatus(7, 0, 0, 99));
            await second.Services.GetRequiredService<LiveEvents>().ToStaffAsync(LiveEvents.OutboxChanged, new OutboxStatus(1, 0, 0, 100));
        });

        // Only the local message arrives: the control that shows the test above really crosses instances through Redis.
        Assert.Equal(100, heard.Version);
    }
}
