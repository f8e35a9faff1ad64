using Hangfire;
using Microsoft.Extensions.Options;

namespace CompetitionHub.Web.Features.Notifications;

/// <summary>
/// At start: says where mail goes, registers the sweeper, and runs the sender once, so mail left pending while the
/// application was down (or whose Hangfire storage was lost) goes out without waiting for the first sweep; and once
/// more as soon as the claims of a process that crashed mid-batch have lapsed, so its mail resumes within
/// <see cref="NotificationOptions.ClaimDuration"/> of the restart rather than at some later sweep.
/// </summary>
internal sealed class NotificationsStartup(
    IMailTransport transport,
    IOptions<SmtpOptions> smtp,
    IOptions<NotificationOptions> options,
    IConfiguration configuration,
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

        if (configuration["Notifications:MaxAttempts"] is not null)
            logger.LogWarning("Notifications:MaxAttempts is no longer read: mail is retried until Notifications:RetryHorizon ({RetryHorizon}) after its first attempt",
                options.Value.RetryHorizon);

        recurringJobs.AddOrUpdate<SendDueNotifications>(SendDueNotifications.SweeperJobId,
            j => j.RunAsync(CancellationToken.None), options.Value.SweepCron);
        jobs.Enqueue<SendDueNotifications>(j => j.RunAsync(CancellationToken.None));
        // A claim renewed just before a crash holds at most ClaimDuration from then, so it has lapsed by this run.
        jobs.Schedule<SendDueNotifications>(j => j.RunAsync(CancellationToken.None), options.Value.ClaimDuration + TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
