using BenchmarkDotNet.Attributes;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Notifications;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CompetitionHub.Benchmarks.Notifications;

/// <summary>
/// Outbox throughput: <see cref="Messages"/> account emails to the same in-process SMTP listener, by bare MailKit on one
/// connection (the floor any sender pays) and by the app's own outbox. The Ratio says what the outbox costs on top:
/// the rows, the claims, the Liquid rendering and the per-message "sent" update.
/// </summary>
public class OutboxDeliveryBenchmarks
{
    public const int Messages = 200;

    private Host host = null!;
    private MimeMessage[] prebuilt = [];

    /// <summary>The real app on its own SQLite file, with no Hangfire server: only the benchmark runs the sender.</summary>
    private sealed class Host : SmtpAppFactory
    {
        public Host()
        {
            With("Hangfire:Server", "false");
            // The sender logs one Information line per message; on the console that would bury the benchmark's own output.
            With("Logging:LogLevel:Default", "Warning");
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        host = new Host();
        _ = host.Services; // starts the host: migrations, seed data, options validation
        var templates = host.Services.GetRequiredService<EmailTemplates>();
        prebuilt = [.. Enumerable.Range(1, Messages).Select(i =>
            SampleMail.Build(templates.RenderAsync(SampleMail.Template, "en", SampleMail.PayloadJson(i)).GetAwaiter().GetResult(), i))];
    }

    [GlobalCleanup]
    public void Cleanup() => host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    // Sent rows are deleted before each iteration so every run claims from a table of the same size.
    [IterationSetup(Targets = [nameof(BareMailKit), nameof(QueueAndSend)])]
    public void EmptyOutbox() => DeleteAllNotifications();

    [IterationSetup(Target = nameof(SendQueued))]
    public void FillOutbox()
    {
        DeleteAllNotifications();
        QueueAsync().GetAwaiter().GetResult();
    }

    /// <summary>Proves each iteration delivered every message, then drops them so the listener's memory stays flat.</summary>
    [IterationCleanup]
    public void CheckAndClearListener()
    {
        var received = host.Smtp.Messages.Count;
        host.Smtp.Clear();
        if (received != Messages)
            throw new InvalidOperationException($"The SMTP listener received {received} message(s), expected {Messages}.");
    }

    [Benchmark(Baseline = true, Description = "Bare MailKit, one connection")]
    public async Task BareMailKit()
    {
        using var client = new SmtpClient();
        // Auto, as the app's default Smtp:Security: the listener offers no STARTTLS, so both stay in plain text.
        await client.ConnectAsync(host.Smtp.Host, host.Smtp.Port, SecureSocketOptions.Auto);
        foreach (var message in prebuilt)
            await client.SendAsync(message);
        await client.DisconnectAsync(quit: true);
    }

    [Benchmark(Description = "Outbox: Queue + SaveChanges + sender run")]
    public async Task QueueAndSend()
    {
        await QueueAsync();
        await SendAsync();
    }

    [Benchmark(Description = "Outbox: sender run only (rows queued before)")]
    public Task SendQueued() => SendAsync();

    /// <summary>What a use case does: Outbox.Queue for each message, then its one SaveChanges.</summary>
    private async Task QueueAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        for (var i = 1; i <= Messages; i++)
            outbox.Queue(SampleMail.Recipient(i), SampleMail.RecipientName(i), SampleMail.Template, "en", SampleMail.Model(i));
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
    }

    /// <summary>One run of the sender job in its own scope, as a Hangfire worker runs it.</summary>
    private async Task SendAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var sent = await scope.ServiceProvider.GetRequiredService<SendDueNotifications>().RunAsync(CancellationToken.None);
        if (sent != Messages)
            throw new InvalidOperationException($"The sender sent {sent} message(s), expected {Messages}.");
    }

    private void DeleteAllNotifications() =>
        host.WithDbAsync(db => db.Notifications.ExecuteDeleteAsync()).GetAwaiter().GetResult();
}
