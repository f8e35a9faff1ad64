using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Tests.Live;

public sealed class RedisBackplaneTests
{
    private static AppFactory Instance(RedisServer redis) => new AppFactory { Kestrel = true }
        .With("SignalR:Redis", redis.Configuration)
        // Two hosts in one process must not both run Hangfire servers (its static state would mix their jobs).
        .With("Hangfire:Server", "false");

    [Fact]
    public async Task Broadcast_ReachesAClientOfTheOtherInstance_WhenBothShareRedis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var first = Instance(redis);
        await using var second = Instance(redis);
        using var organizer = new Browserless(second.ServerAddress);
        await organizer.SignInAsync(TestUsers.DemoOrganizer);
        await using var connection = LiveHubTests.Connect(second.ServerAddress, organizer);
        var received = new TaskCompletionSource<OutboxStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<OutboxStatus>(LiveEvents.OutboxChanged, s => received.TrySetResult(s));
        await connection.StartAsync();
        _ = first.ServerAddress;

        await first.Services.GetRequiredService<LiveEvents>().OutboxChangedAsync(new OutboxStatus(7, 0, 0, 99));

        Assert.Equal(new OutboxStatus(7, 0, 0, 99), await received.Task.WaitAsync(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task Broadcast_StaysOnItsInstance_WithoutRedis()
    {
        await using var first = new AppFactory { Kestrel = true }.With("Hangfire:Server", "false");
        await using var second = new AppFactory { Kestrel = true }.With("Hangfire:Server", "false");
        using var organizer = new Browserless(second.ServerAddress);
        await organizer.SignInAsync(TestUsers.DemoOrganizer);
        await using var connection = LiveHubTests.Connect(second.ServerAddress, organizer);
        var received = new TaskCompletionSource<OutboxStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<OutboxStatus>(LiveEvents.OutboxChanged, s => received.TrySetResult(s));
        await connection.StartAsync();
        _ = first.ServerAddress;

        await first.Services.GetRequiredService<LiveEvents>().OutboxChangedAsync(new OutboxStatus(7, 0, 0, 99));
        await second.Services.GetRequiredService<LiveEvents>().OutboxChangedAsync(new OutboxStatus(1, 0, 0, 100));

        // Only the local message arrives: the control that shows the test above really crosses instances through Redis.
        Assert.Equal(100, (await received.Task.WaitAsync(TimeSpan.FromSeconds(15))).Version);
    }
}
