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
            With("Notifications:ClaimDuration", "00:00:03");
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
    public async Task RunAsync_SendsEachRowOnce_WhenABatchTakesLongerThanTheClaimAndAnotherSenderRunsMeanwhile()
    {
        var queued = await host.QueueManyAsync(8, "slow");
        var wanted = queued.Select(n => n.MessageId).ToHashSet();
        // The third message waits for its answer well past the 3-second claim, as with a server that answers at the last moment.
        var stall = host.Smtp.StallAfter(2);
        var slow = Task.Run(host.RunSenderAsync);
        await stall.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(5));

        await host.RunSenderAsync();
        stall.Release(accept: true);
        await slow;

        // The slow sender kept its batch; the other took only rows nobody held. Nothing arrived twice.
        var received = host.Smtp.Messages.Where(m => m.MessageId is not null && wanted.Contains(m.MessageId)).Select(m => m.MessageId).ToList();
        Assert.Equal(wanted.Order(), received.Order());
        Assert.Empty(host.Smtp.Messages.GroupBy(m => m.MessageId).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public async Task RunAsync_SchedulesTheRetryNoEarlierThanTheRowIsDue_InHangfiresWholeSeconds()
    {
        await host.Smtp.StopAsync();
        Notification queued;
        HashSet<string> earlier;
        try
        {
            queued = await host.QueueAsync("retry.due@example.com", null, "account-confirm", "en",
                new { displayName = "Retry", link = "https://hub.example/retry" });
            // The start's own run once a crashed sender's claims have lapsed is not the retry.
            earlier = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledJobs(0, 100).Select(j => j.Key).ToHashSet();
            Assert.Equal(0, await host.RunSenderAsync());
        }
        finally
        {
            await host.Smtp.StartAsync();
        }

        var row = await host.FindRowAsync(queued.Id);
        Assert.Equal(NotificationStatus.Pending, row.Status);
        var scheduled = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledJobs(0, 100)
            .Where(j => !earlier.Contains(j.Key)).Select(j => j.Value.EnqueueAt).ToList();
        Assert.NotEmpty(scheduled);
        // Hangfire promotes a scheduled job once the wall clock reaches its whole second (the time rounded down):
        // a job filed under a second before the row is due would run, find nothing, and leave the retry to the sweeper.
        foreach (var enqueueAt in scheduled)
            Assert.True(enqueueAt.AddTicks(-(enqueueAt.Ticks % TimeSpan.TicksPerSecond)) >= row.NextAttemptAt,
                $"scheduled for {enqueueAt:O}, due {row.NextAttemptAt:O}");
    }
}
