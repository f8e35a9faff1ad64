using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Notifications;
using Microsoft.Extensions.Time.Testing;

namespace CompetitionHub.Tests.Notifications;

/// <summary>A reminder is an outbox row due later; the clock, not a timer, decides when it goes.</summary>
public sealed class RemindersTests(RemindersTests.Host host) : IClassFixture<RemindersTests.Host>
{
    public sealed class Host : SmtpAppFactory
    {
        public Host() => With("Hangfire:Server", "false").WithClock(Clock);

        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 5, 18, 1, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task RunAsync_SendsAReminderOnlyOnceItsDueTimeHasPassed()
    {
        var dueAt = host.Clock.GetUtcNow().UtcDateTime.AddHours(1);
        var reminder = await host.QueueAsync("judge.chen@example.com", "陈评委", "account-confirm", "zh-CN",
            new { displayName = "陈评委", link = "https://hub.example/sessions/42" }, dueAt, "slot-reminder:42");

        Assert.Equal(0, await host.RunSenderAsync());
        host.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, await host.RunSenderAsync());

        var waiting = await host.FindRowAsync(reminder.Id);
        Assert.Equal(NotificationStatus.Pending, waiting.Status);
        Assert.Equal(0, waiting.Attempts);
        Assert.DoesNotContain(host.Smtp.Messages, m => m.MessageId == reminder.MessageId);

        host.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await host.RunSenderAsync());

        Assert.Single(await host.Smtp.WaitForAsync(m => m.MessageId == reminder.MessageId));
        var sent = await host.FindRowAsync(reminder.Id);
        Assert.Equal(NotificationStatus.Sent, sent.Status);
        Assert.Equal(host.Clock.GetUtcNow().UtcDateTime, sent.SentAt);
    }
}
