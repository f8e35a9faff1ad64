using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Notifications;
using SmtpServer.Protocol;

namespace CompetitionHub.Tests.Notifications;

/// <summary>
/// How the sender reads a relay's refusals, one run at a time (no Hangfire server): only an address refused for good
/// fails its row; a refused sender stops the batch; everything else is retried and then delivered once.
/// </summary>
public sealed class SmtpRepliesTests(SmtpRepliesTests.Host host) : IClassFixture<SmtpRepliesTests.Host>
{
    public sealed class Host : SmtpAppFactory
    {
        public Host()
        {
            With("Hangfire:Server", "false");
            With("Notifications:RetryDelays:0", "00:00:01");
        }
    }

    [Fact]
    public async Task RunAsync_StopsTheBatchAndKeepsEveryRowPending_WhenTheRelayRefusesTheSender()
    {
        var queued = await host.QueueManyAsync(10, "quota");
        var refusalsBefore = host.Smtp.SenderRefusals;
        host.Smtp.RefuseSender(TimeSpan.FromMinutes(1));
        try
        {
            Assert.Equal(0, await host.RunSenderAsync());
        }
        finally
        {
            host.Smtp.RefuseSender(TimeSpan.Zero);
        }

        // One MAIL FROM refused, and no other message tried over that connection.
        Assert.Equal(refusalsBefore + 1, host.Smtp.SenderRefusals);
        foreach (var row in queued)
        {
            var stored = await host.FindRowAsync(row.Id);
            Assert.Equal(NotificationStatus.Pending, stored.Status);
            Assert.Equal(1, stored.Attempts);
            Assert.Contains("554", stored.LastError);
            Assert.Contains("SenderNotAccepted", stored.LastError);
            Assert.Null(stored.ClaimToken);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.Equal(queued.Count, await host.RunSenderAsync());
        var wanted = queued.Select(n => n.MessageId).ToHashSet();
        Assert.Equal(wanted.Order(), host.Smtp.Messages.Select(m => m.MessageId).Where(id => id is not null && wanted.Contains(id)).Order());
    }

    public static TheoryData<string, SmtpReplyCode, string> PassingRefusals => new()
    {
        { "RCPT TO", SmtpReplyCode.MailboxUnavailable, "5.7.1 Recipient rejected: daily quota exceeded for this sender" },
        { "RCPT TO", SmtpReplyCode.Unavailable, "4.2.1 Mailbox busy, try again later" },
        { "RCPT TO", SmtpReplyCode.InsufficientStorage, "4.5.3 Too many recipients for now" },
        { "RCPT TO", SmtpReplyCode.MailboxUnavailable, "5.2.2 Mailbox full" },
        { "DATA", SmtpReplyCode.TransactionFailed, "5.7.1 Message rejected by policy, try again later" },
        { "DATA", SmtpReplyCode.Aborted, "4.3.0 Temporary local problem" },
    };

    [Theory]
    [MemberData(nameof(PassingRefusals))]
    public async Task RunAsync_RetriesTheMessageAndGoesOnWithTheBatch_WhenTheServerRefusesItForAReasonThatPasses(
        string command, SmtpReplyCode code, string text)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var refused = await host.QueueAsync($"refused-{tag}@example.com", null, "account-confirm", "en",
            new { displayName = "Refused", link = "https://hub.example/a" });
        var next = await host.QueueAsync($"next-{tag}@example.com", null, "account-confirm", "en",
            new { displayName = "Next", link = "https://hub.example/b" });
        if (command == "DATA")
            host.Smtp.RefuseMessages(1, code, text);
        else
            host.Smtp.RefuseRecipient(refused.Recipient, code, text);

        await host.RunSenderAsync();

        var pending = await host.FindRowAsync(refused.Id);
        Assert.Equal(NotificationStatus.Pending, pending.Status);
        Assert.Equal(1, pending.Attempts);
        Assert.Contains($"SMTP {(int)code}", pending.LastError);
        Assert.Contains(text, pending.LastError);
        // The connection went on with the next message of the batch.
        Assert.Single(host.Smtp.Messages, m => m.MessageId == next.MessageId);

        host.Smtp.Accept(refused.Recipient);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await host.RunSenderAsync();

        Assert.Equal(NotificationStatus.Sent, (await host.FindRowAsync(refused.Id)).Status);
        Assert.Single(host.Smtp.Messages, m => m.MessageId == refused.MessageId);
    }

    public static TheoryData<SmtpReplyCode, string> RefusalsOfTheAddress => new()
    {
        { SmtpReplyCode.MailboxUnavailable, "5.1.1 <x>: Recipient address rejected: User unknown" },
        { SmtpReplyCode.MailboxNameNotAllowed, "5.1.3 Bad recipient address syntax" },
        { SmtpReplyCode.MailboxUnavailable, "mailbox unavailable" },
    };

    [Theory]
    [MemberData(nameof(RefusalsOfTheAddress))]
    public async Task RunAsync_FailsTheRowAtOnce_WhenTheServerRefusesTheAddressForGood(SmtpReplyCode code, string text)
    {
        var refused = await host.QueueAsync($"gone-{Guid.NewGuid():N}@example.com", null, "account-confirm", "en",
            new { displayName = "Gone", link = "https://hub.example/c" });
        host.Smtp.RefuseRecipient(refused.Recipient, code, text);

        await host.RunSenderAsync();

        var failed = await host.FindRowAsync(refused.Id);
        Assert.Equal(NotificationStatus.Failed, failed.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains($"SMTP {(int)code}", failed.LastError);
        Assert.Contains("RecipientNotAccepted", failed.LastError);
    }
}
