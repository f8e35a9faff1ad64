using CompetitionHub.TestSupport;
using CompetitionHub.Web.Data;
using Microsoft.Extensions.DependencyInjection;
using CompetitionHub.Web.Features.Notifications;
using MimeKit;

namespace CompetitionHub.Tests.Notifications;

/// <summary>Outbox → Hangfire → MailKit → a real SMTP listener, as in production.</summary>
public sealed class SmtpDeliveryTests(SmtpDeliveryTests.Host host) : IClassFixture<SmtpDeliveryTests.Host>
{
    public sealed class Host : SmtpAppFactory
    {
        public Host()
        {
            With("Notifications:RetryDelays:0", "00:00:01");
            With("Notifications:RetryDelays:1", "00:00:02");
        }
    }

    [Fact]
    public async Task SendDueNotifications_DeliversBothPartsInTheRecipientsCulture_WhenQueuedWithASave()
    {
        const string link = "https://hub.example/account/confirm?user=7&code=a<b>";
        var zh = await host.QueueAsync("zhang.san@example.com", "张三", "account-confirm", "zh-CN",
            new { displayName = "张三", link });
        var en = await host.QueueAsync("li.lei@example.com", "Li & <Lei>", "account-confirm", "en",
            new { displayName = "Li & <Lei>", link });

        var zhMail = Assert.Single(await host.Smtp.WaitForAsync(m => m.MessageId == zh.MessageId));
        var enMail = Assert.Single(await host.Smtp.WaitForAsync(m => m.MessageId == en.MessageId));

        Assert.Equal($"{zh.Key:N}@competitionhub", zhMail.MessageId);
        Assert.Equal("请确认您的邮箱地址", zhMail.Subject);
        Assert.Equal("吉林双创赛事平台", Assert.IsType<MailboxAddress>(Assert.Single(zhMail.From)).Name);
        Assert.Equal("noreply@competitionhub.local", Assert.IsType<MailboxAddress>(Assert.Single(zhMail.From)).Address);
        Assert.Equal("zhang.san@example.com", Assert.IsType<MailboxAddress>(Assert.Single(zhMail.To)).Address);
        Assert.IsType<MultipartAlternative>(zhMail.Body);
        Assert.Contains("张三，您好", zhMail.TextBody);
        Assert.Contains(link, zhMail.TextBody);
        Assert.Contains("lang=\"zh-CN\"", zhMail.HtmlBody);
        Assert.Contains("确认邮箱", zhMail.HtmlBody);
        Assert.Contains("user=7&amp;code=a&lt;b&gt;", zhMail.HtmlBody);
        Assert.DoesNotContain("code=a<b>", zhMail.HtmlBody);

        Assert.Equal("Please confirm your email address", enMail.Subject);
        Assert.Contains("Hello Li & <Lei>,", enMail.TextBody);
        Assert.Contains("Hello Li &amp; &lt;Lei&gt;,", enMail.HtmlBody);
        Assert.Contains("lang=\"en\"", enMail.HtmlBody);
        Assert.DoesNotContain("您好", enMail.TextBody);

        var row = await host.WaitForRowAsync(zh.Id, n => n.Status == NotificationStatus.Sent, "sent");
        Assert.NotNull(row.SentAt);
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.ClaimToken);
    }

    [Fact]
    public async Task SendDueNotifications_RecordsTheFailureAndLaterDeliversExactlyOnce_WhenTheSmtpServerWasDown()
    {
        await host.Smtp.StopAsync();
        Notification queued;
        try
        {
            queued = await host.QueueAsync("wang.wu@example.com", "王五", "password-reset", "zh-CN",
                new { displayName = "王五", link = "https://hub.example/account/reset?code=1" });

            var failed = await host.WaitForRowAsync(queued.Id, n => n.Attempts >= 1 && n.LastError is not null, "failed once");
            Assert.Equal(NotificationStatus.Pending, failed.Status);
            Assert.Null(failed.SentAt);
            Assert.DoesNotContain(host.Smtp.Messages, m => m.MessageId == queued.MessageId);
        }
        finally
        {
            await host.Smtp.StartAsync();
        }

        IReadOnlyList<MimeMessage> arrived;
        try
        {
            arrived = await host.Smtp.WaitForAsync(m => m.MessageId == queued.MessageId);
        }
        catch (TimeoutException e)
        {
            // Say where the row got stuck: its attempts, next attempt, claim and last error.
            var row = await host.WithDbAsync(db => db.Notifications.FindAsync(queued.Id).AsTask());
            throw new TimeoutException($"{e.Message} Row: status {row?.Status}, attempts {row?.Attempts}, next {row?.NextAttemptAt:O}, " +
                $"claimed until {row?.ClaimedUntil:O}, error {row?.LastError}", e);
        }
        var mail = Assert.Single(arrived);
        Assert.Equal("重置您的密码", mail.Subject);
        var sent = await host.WaitForRowAsync(queued.Id, n => n.Status == NotificationStatus.Sent, "sent");
        Assert.True(sent.Attempts >= 2);
        // Once the row says Sent no sender can pick it again, so this count is final.
        Assert.Single(host.Smtp.Messages, m => m.MessageId == queued.MessageId);
    }

    [Fact]
    public async Task SendDueNotifications_DeliversEveryMailExactlyOnce_WhenTheRelayRefusedTheSenderWith554ForAWhile()
    {
        var refusalsBefore = host.Smtp.SenderRefusals;
        // A relay's sending quota, exceeded for a minute, as relays answer it.
        host.Smtp.RefuseSender(TimeSpan.FromMinutes(1));
        var queued = await host.QueueManyAsync(30, "quota-window");
        var wanted = queued.Select(n => n.MessageId).ToHashSet();

        await host.Smtp.WaitForAsync(m => m.MessageId is not null && wanted.Contains(m.MessageId), queued.Count, TimeSpan.FromSeconds(120));

        // Several attempts fell inside the refusal; each ran into it once and stopped its batch.
        Assert.True(host.Smtp.SenderRefusals - refusalsBefore >= 3, $"{host.Smtp.SenderRefusals - refusalsBefore} refusal(s)");
        foreach (var row in queued)
        {
            var sent = await host.WaitForRowAsync(row.Id, n => n.Status == NotificationStatus.Sent, "sent");
            Assert.True(sent.Attempts >= 2);
            Assert.Contains("SMTP 554 (SenderNotAccepted)", sent.LastError);
        }
        var arrivals = host.Smtp.Messages.Where(m => m.MessageId is not null && wanted.Contains(m.MessageId)).Select(m => m.MessageId).ToList();
        Assert.Equal(wanted.Order(), arrivals.Order());
    }

    [Fact]
    public async Task SendDueNotifications_FailsOnlyTheRefusedRowAndSendsTheRest_WhenTheServerRefusesARecipientWith550_5_1_1()
    {
        host.Smtp.Reject("nobody@example.com");
        await using var scope = host.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var before = outbox.Queue("before@example.com", null, "account-confirm", "en", new { displayName = "Before", link = "https://hub.example/1" });
        var refused = outbox.Queue("nobody@example.com", null, "account-confirm", "en", new { displayName = "Nobody", link = "https://hub.example/2" });
        var after = outbox.Queue("somebody@example.com", null, "account-confirm", "en", new { displayName = "Somebody", link = "https://hub.example/3" });
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();

        Assert.Single(await host.Smtp.WaitForAsync(m => m.MessageId == before.MessageId));
        Assert.Single(await host.Smtp.WaitForAsync(m => m.MessageId == after.MessageId));
        var failed = await host.WaitForRowAsync(refused.Id, n => n.Status == NotificationStatus.Failed, "failed");
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("550", failed.LastError);
        Assert.Contains("5.1.1", failed.LastError);
        Assert.DoesNotContain(host.Smtp.Messages, m => m.MessageId == refused.MessageId);
        Assert.Equal(NotificationStatus.Sent, (await host.WaitForRowAsync(before.Id, n => n.Status == NotificationStatus.Sent, "sent")).Status);
        Assert.Equal(NotificationStatus.Sent, (await host.WaitForRowAsync(after.Id, n => n.Status == NotificationStatus.Sent, "sent")).Status);
    }
}
