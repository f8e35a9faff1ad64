using System.Diagnostics;
using System.Net;
using CompetitionHub.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CompetitionHub.Tests.Data;

/// <summary>A start that meets a lock or a database it cannot use says so in the log, and goes on or gives up; it never waits silently.</summary>
public sealed class DatabaseMigrationTests
{
    private const string Category = "CompetitionHub.Web.Data.DatabaseMigration";

    private sealed class Host : AppFactory
    {
        public Host() => With("Database:Provider", "Sqlite");

        public FakeLogCollector Logs => Services.GetFakeLogCollector();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(l => l.AddFakeLogging());
        }
    }

    [Fact]
    public async Task Start_ReleasesTheLockAndBecomesHealthy_WhenAKilledStartLeftEfCoresLockRow()
    {
        var host = new Host();
        try
        {
            // What a first start killed in the ~0.1 s it holds EF Core's SQLite migration lock leaves behind.
            await OlderDatabase.LeaveMigrationLockRowAsync(Path.Combine(host.DataPath, OlderDatabase.FileName));

            // CreateClient starts the app and blocks until it runs; a start waiting on the row would never return.
            var health = await Task.Run(() => host.CreateClient().GetAsync("/health")).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Contains("\"status\":\"Healthy\"", await health.Content.ReadAsStringAsync());
            var released = Assert.Single(host.Logs.GetSnapshot(), r => r.Category == Category && r.Level == LogLevel.Warning);
            Assert.StartsWith("Released the migration lock that a process which has ended left in ", released.Message);
            Assert.Contains("2026-12-01 09:30:00", released.Message);
        }
        finally
        {
            // A start that hung cannot be stopped; do not hang the run on it too.
            await host.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public async Task MigrateDatabase_SaysWhyWithinSecondsAndGivesUp_WhenTheDatabaseServerDoesNotAnswer()
    {
        const string password = "never-in-the-log-4711";
        var port = RedisServer.FreePort();
        var clock = Stopwatch.StartNew();
        var startedAt = DateTimeOffset.UtcNow;

        using var data = DataStart.Create(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:PostgreSql"] = $"Host=127.0.0.1;Port={port};Database=chub_unreachable;Username=chub;Password={password}",
            ["Database:StartupTimeout"] = "00:00:04",
        });
        var start = await data.RunAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.IsType<TimeoutException>(start.Error);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(20));
        var logs = start.Logs.Where(r => r.Category == Category).ToList();
        var first = logs.First(r => r.Level == LogLevel.Warning);
        Assert.StartsWith($"Cannot reach PostgreSql database chub_unreachable on tcp://127.0.0.1:{port} (attempt 1): ", first.Message);
        Assert.Contains("Connection refused", first.Message);
        Assert.True(first.Timestamp - startedAt < TimeSpan.FromSeconds(3), $"The first warning came after {first.Timestamp - startedAt}");
        var fatal = Assert.Single(logs, r => r.Level == LogLevel.Critical);
        Assert.StartsWith($"Cannot start: PostgreSql database chub_unreachable on tcp://127.0.0.1:{port} could not be brought up to date. Gave up after ", fatal.Message);
        Assert.DoesNotContain(start.Logs, r => r.Message.Contains(password, StringComparison.Ordinal) || r.Exception?.ToString().Contains(password, StringComparison.Ordinal) == true);
    }
}
