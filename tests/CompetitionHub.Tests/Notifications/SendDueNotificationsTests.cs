using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Notifications;
using Hangfire;
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

    [Fact]
    public async Task RunAsync_SchedulesTheRetryNoEarlierThanTheRowIsDue_InHangfiresWholeSeconds()
    {
        await host.Smtp.StopAsync();
        Notification queued;
        try
        {
            queued = await host.QueueAsync("retry.due@example.com", null, "account-confirm", "en",
                new { displayName = "Retry", link = "https://hub.example/retry" });
            Assert.Equal(0, await host.RunSenderAsync());
        }
        finally
        {
            await host.Smtp.StartAsync();
        }

        var row = await host.FindRowAsync(queued.Id);
        Assert.Equal(NotificationStatus.Pending, row.Status);
        var scheduled = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledJobs(0, 100)
            .Select(j => j.Value.EnqueueAt).ToList();
        Assert.NotEmpty(scheduled);
        // Hangfire promotes a scheduled job once the wall clock reaches its whole second (the time rounded down):
        // a job filed under a second before the row is due would run, find nothing, and leave the retry to the sweeper.
        foreach (var enqueueAt in scheduled)
            Assert.True(enqueueAt.AddTicks(-(enqueueAt.Ticks % TimeSpan.TicksPerSecond)) >= row.NextAttemptAt,
                $"scheduled for {enqueueAt:O}, due {row.NextAttemptAt:O}");
    }
}
