using System.Diagnostics;
using CompetitionHub.Tests.Data;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CompetitionHub.Tests.Notifications;

/// <summary>
/// The built app killed with SIGKILL in the middle of a batch, while the relay holds one message after DATA without
/// answering, and started again on the same data: the rest of the batch goes out within a minute of the restart, and
/// at most the message that was in flight arrives twice.
/// </summary>
public sealed class SenderCrashTests(ITestOutputHelper output)
{
    private const int Mails = 20;
    private const int AcceptedBeforeTheCrash = 7;

    [Fact]
    public async Task Restart_DeliversTheRestOfABatchWithinAMinute_WhenTheSenderWasKilledMidBatch()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "chub-tests", "crash-" + Guid.NewGuid().ToString("N"));
        await using var relay = await SmtpListener.StartNewAsync();
        string[] settings =
        [
            $"--Smtp:Host={relay.Host}", $"--Smtp:Port={relay.Port}", "--Hangfire:WorkerCount=2",
            "--Logging:LogLevel:CompetitionHub.Web.Features.Notifications=Information",
        ];
        try
        {
            List<Notification> queued;
            // Queued by a host that sends nothing, so the killed process takes the whole batch at its start.
            await using (var arrange = new AppFactory(dataPath).With("Hangfire:Server", "false"))
                queued = await arrange.QueueManyAsync(Mails, "crash");
            var wanted = queued.Select(n => n.MessageId).ToHashSet();

            var stall = relay.StallAfter(AcceptedBeforeTheCrash);
            MimeKit.MimeMessage inFlight;
            await using (var killed = AppProcess.StartOnTestDatabase(dataPath, settings))
            {
                inFlight = await stall.Reached.WaitAsync(TimeSpan.FromSeconds(60));
                await killed.KillAsync();
                output.WriteLine($"killed while <{inFlight.MessageId}> waited for its answer");
            }
            // The relay had taken the message after all: only the sender never heard.
            stall.Release(accept: true);
            Assert.Equal(AcceptedBeforeTheCrash + 1, relay.Messages.Count);

            DateTime killedAt;
            List<Notification> held;
            await using (var look = new AppFactory(dataPath).With("Hangfire:Server", "false"))
            {
                killedAt = DateTime.UtcNow;
                held = await look.WithDbAsync(db => db.Notifications.AsNoTracking()
                    .Where(n => n.Status == NotificationStatus.Pending && n.ClaimedUntil > killedAt).ToListAsync());
            }
            // The rest of the batch is still claimed by the dead process: the restart has to take it over.
            Assert.Equal(Mails - AcceptedBeforeTheCrash, held.Count);

            var clock = Stopwatch.StartNew();
            await using var restarted = AppProcess.StartOnTestDatabase(dataPath, settings);
            await relay.WaitForAsync(m => m.MessageId is not null && wanted.Contains(m.MessageId), Mails + 1, TimeSpan.FromSeconds(90));
            var delivered = clock.Elapsed;
            output.WriteLine($"every mail delivered {delivered.TotalSeconds:0.0} s after the restart");

            var arrivals = relay.Messages.GroupBy(m => m.MessageId).ToDictionary(g => g.Key!, g => g.Count());
            Assert.Equal(wanted.Order(), arrivals.Keys.Order());
            // Only the message in flight when the process died arrived twice.
            Assert.Equal(inFlight.MessageId, Assert.Single(arrivals, a => a.Value == 2).Key);
            Assert.DoesNotContain(arrivals, a => a.Value > 2);
            Assert.True(delivered < TimeSpan.FromMinutes(1), $"the rest was delivered {delivered.TotalSeconds:0} s after the restart");

            // Each row is marked Sent just after its message is accepted.
            await using var after = new AppFactory(dataPath).With("Hangfire:Server", "false");
            foreach (var row in queued)
                await after.WaitForRowAsync(row.Id, n => n.Status == NotificationStatus.Sent, "sent");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Npgsql.NpgsqlConnection.ClearAllPools();
            if (TestDatabase.IsPostgreSql)
                await TestDatabase.DropAsync(dataPath);
            try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
