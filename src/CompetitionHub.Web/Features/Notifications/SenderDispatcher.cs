using System.Threading.Channels;
using Hangfire;

namespace CompetitionHub.Web.Features.Notifications;

/// <summary>
/// Enqueues <see cref="SendDueNotifications"/> from a loop of its own whenever a committed save asks for it
/// (<see cref="DispatchNotificationsOnSave"/>): a burst of saves becomes one job, and no request waits for Hangfire's
/// storage.
/// </summary>
/// <remarks>
/// On a server database Hangfire's storage draws on the application's connection pool. Enqueued from the save itself,
/// every request asked for a second connection while still holding its first, and a burst the size of the pool (200
/// people signing up at once) held every connection while waiting for another, until the pool's timeout.
/// </remarks>
public sealed class SenderDispatcher(IBackgroundJobClient jobs, ILogger<SenderDispatcher> logger) : BackgroundService
{
    // One waiting request is enough: the job it enqueues starts after the saves that asked, and sends all they added.
    private readonly Channel<bool> requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks for a sender run after this moment; returns at once.</summary>
    public void Request() => requests.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var _ in requests.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                jobs.Enqueue<SendDueNotifications>(j => j.RunAsync(CancellationToken.None));
            }
            catch (Exception e)
            {
                // The changes and their mail are committed; the sweeper sends it.
                logger.LogWarning(e, "Could not enqueue the notification sender; the sweeper will send the mail");
            }
        }
    }
}
