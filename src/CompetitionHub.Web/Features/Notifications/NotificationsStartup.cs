using Hangfire;
using Microsoft.Extensions.Options;

namespace CompetitionHub.Web.Features.Notifications;

/// <summary>
/// At start: says where mail goes, registers the sweeper, and runs the sender once, so mail left pending while the
/// application was down (or whose Hangfire storage was lost) goes out without waiting for the first sweep.
/// </summary>
internal sealed class NotificationsStartup(
    IMailTransport transport,
    IOptions<SmtpOptions> smtp,
    IOptions<NotificationOptions> options,
    IRecurringJobManager recurringJobs,
    IBackgroundJobClient jobs,
    ILogger<NotificationsStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (smtp.Value.UsesServer)
            logger.LogInformation("Mail is sent through {MailDestination}", transport.Destination);
        else
            logger.LogWarning("Smtp:Host is not set: mail is written as .eml files to {MailPickupFolder}", transport.Destination);

        recurringJobs.AddOrUpdate<SendDueNotifications>(SendDueNotifications.SweeperJobId,
            j => j.RunAsync(CancellationToken.None), options.Value.SweepCron);
        jobs.Enqueue<SendDueNotifications>(j => j.RunAsync(CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
