using CompetitionHub.Tests.Live;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace CompetitionHub.Tests.Notifications;

public sealed class OutboxLiveTests(OutboxLiveTests.Host host) : IClassFixture<OutboxLiveTests.Host>
{
    public sealed class Host : SmtpAppFactory
    {
        public Host() => Kestrel = true;
    }

    [Fact]
    public async Task SendDueNotifications_PushesTheNewCountsToOrganizers_AfterABatch()
    {
        using var organizer = new Browserless(host.ServerAddress);
        await organizer.SignInAsync(TestUsers.DemoOrganizer);
        await using var connection = LiveHubTests.Connect(host.ServerAddress, organizer);
        var sent = new TaskCompletionSource<OutboxStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        var versions = new List<long>();
        connection.On<OutboxStatus>(LiveEvents.OutboxChanged, s =>
        {
            lock (versions) versions.Add(s.Version);
            if (s.Sent >= 1) sent.TrySetResult(s);
        });
        await connection.StartAsync();

        await host.QueueAsync("wang.wu@example.com", "王五", "account-confirm", "zh-CN", new { displayName = "王五", link = "https://hub.example/c" });

        var status = await sent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, status.Pending);
        Assert.Equal(0, status.Failed);
        lock (versions) Assert.Equal(versions.Order(), versions);
    }
}
