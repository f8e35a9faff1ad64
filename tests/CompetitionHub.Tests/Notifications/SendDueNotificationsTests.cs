using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Tests.Notifications;

/// <summary>Senders racing each other, with no Hangfire server running so the tests decide who runs when.</summary>
public sealed class SendDueNotificationsTests(SendDueNotificationsTests.Host host) : IClassFixture<SendDueNotificationsTests.Host>
{
    public sealed class Host : SmtpAppFactory
    {
        public Host()
        {
            With("Hangfire:Server", "false");
            With("Notifications:BatchSize", "5");
        }
    }

    [Fact]
    public async Task ClaimBatchAsync_NeverGivesOneRowToTwoSenders_WhenClaimingAtOnce()
    {
        var queued = await host.QueueManyAsync(40, "claim");
        var claimed = new List<long>();

        while (true)
        {
            var round = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                await using var scope = host.Services.CreateAsyncScope();
                var (_, rows) = await scope.ServiceProvider.GetRequiredService<SendDueNotifications>().ClaimBatchAsync(CancellationToken.None);
                return rows.Select(r => r.Id).ToList();
            })));
            if (round.All(r => r.Count == 0))
                break;
            claimed.AddRange(round.SelectMany(r => r));
        }

        Assert.Equal(claimed.Count, claimed.Distinct().Count());
        Assert.Subset(claimed.ToHashSet(), queued.Select(n => n.Id).ToHashSet());
    }

    [Fact]
    public async Task RunAsync_SendsEachRowOnce_WhenTwoRunsOverlap()
    {
        var queued = await host.QueueManyAsync(30, "overlap");
        var wanted = queued.Select(n => n.MessageId).ToHashSet();

        var sent = await Task.WhenAll(Task.Run(host.RunSenderAsync), Task.Run(host.RunSenderAsync));

        Assert.Equal(queued.Count, sent.Sum());
        var received = host.Smtp.Messages.Where(m => m.MessageId is not null && wanted.Contains(m.MessageId)).Select(m => m.MessageId).ToList();
        Assert.Equal(wanted.Order(), received.Order());
        foreach (var row in queued)
            Assert.Equal(NotificationStatus.Sent, (await host.FindRowAsync(row.Id)).Status);
    }
}
