using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Notifications;
using Microsoft.Extensions.Time.Testing;

namespace CompetitionHub.Tests.Notifications;

/// <summary>
/// A relay that stays down: the mail is tried on the shipped back-off until the retry horizon (2 days from its first
/// attempt), then Failed. The clock is moved by hand from one attempt to the next; the sender runs as the retry would.
/// </summary>
public sealed class RetryHorizonTests(RetryHorizonTests.Host host) : IClassFixture<RetryHorizonTests.Host>
{
    public sealed class Host : SmtpAppFactory
    {
        public Host() => With("Hangfire:Server", "false").WithClock(Clock);

        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 6, 1, 1, 0, 0, TimeSpan.Zero));
    }

    private static readonly TimeSpan Horizon = TimeSpan.FromDays(2);

    [Fact]
    public async Task RunAsync_KeepsTheRowPendingThroughALongOutageAndFailsItWithItsLastError_WhenTheHorizonHasPassed()
    {
        var queued = await host.QueueAsync($"outage-{Guid.NewGuid():N}@example.com", null, "account-confirm", "en",
            new { displayName = "Outage", link = "https://hub.example/o" });
        var firstAttempt = host.Clock.GetUtcNow().UtcDateTime;
        var row = await TryUntilSettledAsync(queued.Id, until: firstAttempt + TimeSpan.FromHours(3));

        // Three hours of refusals (the outage of ~2.5 h failed everything) leave the mail waiting.
        Assert.Equal(NotificationStatus.Pending, row.Status);
        Assert.Equal(firstAttempt, row.FirstAttemptAt);
        Assert.True(row.Attempts >= 6, $"only {row.Attempts} attempts in three hours");

        row = await TryUntilSettledAsync(queued.Id, until: firstAttempt + Horizon + TimeSpan.FromHours(1));

        Assert.Equal(NotificationStatus.Failed, row.Status);
        Assert.Contains("SMTP 554 (SenderNotAccepted)", row.LastError);
        Assert.Contains("quota", row.LastError);
        // The last attempt fell on the horizon itself, not a delay past it.
        Assert.Equal(firstAttempt + Horizon, host.Clock.GetUtcNow().UtcDateTime);
        Assert.DoesNotContain(host.Smtp.Messages, m => m.MessageId == queued.MessageId);
    }

    [Fact]
    public async Task ResendForm_GivesAFailedMailAFreshHorizon_WhenAnAdminResendsIt()
    {
        var queued = await host.QueueAsync($"fresh-{Guid.NewGuid():N}@example.com", null, "account-confirm", "en",
            new { displayName = "Fresh", link = "https://hub.example/f" });
        var failed = await TryUntilSettledAsync(queued.Id, until: host.Clock.GetUtcNow().UtcDateTime + Horizon + TimeSpan.FromHours(1));
        Assert.Equal(NotificationStatus.Failed, failed.Status);

        var admin = TestUsers.NewEmail("mail-admin");
        await host.CreateUserAsync(admin, "Secret123", "邮件管理员", roles: Roles.Admin);
        var client = host.CreateFormClient();
        await client.SignInOrThrowAsync(admin, "Secret123");
        await client.PostFormAsync("/admin/mail/resend", [new("notificationId", queued.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            formPage: "/admin/mail?show=failed");

        var resent = await host.FindRowAsync(queued.Id);
        Assert.Equal(NotificationStatus.Pending, resent.Status);
        Assert.Equal(0, resent.Attempts);
        Assert.Null(resent.FirstAttemptAt);
        Assert.Equal(host.Clock.GetUtcNow().UtcDateTime, resent.NextAttemptAt);

        // Still refused: a day later it is still being tried, its horizon counted from the attempt after the resend.
        var resentAt = host.Clock.GetUtcNow().UtcDateTime;
        var row = await TryUntilSettledAsync(queued.Id, until: resentAt + TimeSpan.FromDays(1));
        Assert.Equal(NotificationStatus.Pending, row.Status);
        Assert.Equal(resentAt, row.FirstAttemptAt);
    }

    /// <summary>
    /// With the relay refusing the sender, runs the sender at each of the row's attempts until it is settled or the next
    /// attempt would be after <paramref name="until"/>. No attempt is ever planned past the horizon.
    /// </summary>
    private async Task<Notification> TryUntilSettledAsync(long id, DateTime until)
    {
        host.Smtp.RefuseSender(TimeSpan.FromMinutes(10));
        try
        {
            while (true)
            {
                await host.RunSenderAsync();
                var row = await host.FindRowAsync(id);
                if (row.Status != NotificationStatus.Pending || row.NextAttemptAt > until)
                    return row;
                Assert.True(row.NextAttemptAt <= row.FirstAttemptAt + Horizon, $"next attempt {row.NextAttemptAt:O} is past the horizon");
                host.Clock.SetUtcNow(new DateTimeOffset(row.NextAttemptAt, TimeSpan.Zero));
            }
        }
        finally
        {
            host.Smtp.RefuseSender(TimeSpan.Zero);
        }
    }
}
