using CompetitionHub.TestSupport;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Tests.Notifications;

/// <summary>The outbox table, not Hangfire, is the record of what must be sent.</summary>
public sealed class OutboxRecoveryTests
{
    [Fact]
    public async Task Startup_DeliversEveryPendingRowExactlyOnce_WhenHangfireStorageWasLost()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "chub-tests", Guid.NewGuid().ToString("N"));
        try
        {
            List<Notification> queued;
            string hangfireDatabase;
            // A host whose jobs never run: the rows are committed and their jobs enqueued, but nothing is sent.
            await using (var first = new AppFactory(dataPath).With("Hangfire:Server", "false"))
            {
                queued = await first.QueueManyAsync(3, "recovered");
                hangfireDatabase = first.Services.GetRequiredService<DataPaths>().HangfireDatabase;
                foreach (var row in queued)
                {
                    var stored = await first.FindRowAsync(row.Id);
                    Assert.Equal(NotificationStatus.Pending, stored.Status);
                    Assert.Equal(0, stored.Attempts);
                }
                if (TestDatabase.IsPostgreSql)
                {
                    // Hangfire keeps its jobs in the application's database, under its own schema: lose that.
                    await first.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DROP SCHEMA hangfire CASCADE"));
                }
            }

            if (!TestDatabase.IsPostgreSql)
            {
                Assert.True(File.Exists(hangfireDatabase), "the first host should have enqueued its jobs in Hangfire's file");
                foreach (var file in new[] { hangfireDatabase, $"{hangfireDatabase}-wal", $"{hangfireDatabase}-shm", $"{hangfireDatabase}-journal" })
                    File.Delete(file);
                Assert.False(File.Exists(hangfireDatabase));
            }

            await using var second = new SmtpAppFactory(dataPath);
            _ = second.Services;
            await second.Smtp.WaitForAsync(queued.Count);
            foreach (var row in queued)
                await second.WaitForRowAsync(row.Id, n => n.Status == NotificationStatus.Sent, "sent");

            var messageIds = second.Smtp.Messages.Select(m => m.MessageId).Order().ToList();
            Assert.Equal(queued.Select(n => n.MessageId).Order(), messageIds);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
