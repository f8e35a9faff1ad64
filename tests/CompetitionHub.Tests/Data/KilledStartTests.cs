using System.Diagnostics;
using CompetitionHub.TestSupport;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace CompetitionHub.Tests.Data;

/// <summary>
/// The built app, upgrading a database of the first release, killed with SIGKILL at moments spread over its start (before,
/// during and after the migration) and started again: every restart answers /health as Healthy within a bounded time.
/// </summary>
public sealed class KilledStartTests(ITestOutputHelper output)
{
    // A bound on "never", not a speed check: a restart takes about 3 s alone and has taken over 30 s on two busy cores.
    private static readonly TimeSpan HealthyWithin = TimeSpan.FromSeconds(120);

    /// <summary>EF Core's own lines, at Information: as it starts the migration that rebuilds tables, and each command it ran.</summary>
    private static readonly string[] EfCoreLogs =
    [
        "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Migrations=Information",
        "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command=Information",
    ];

    /// <summary>
    /// Sheets the migration's table rebuild copies: enough that the kill sent on its first line lands inside it, however
    /// late the app's console log reaches the test on a busy machine. With a handful of rows the rebuild ended first.
    /// </summary>
    private const int FillerSheets = 300_000;

    private static bool Migrating(string line) => line.Contains("Applying migration '20261125212605_ResultsAndActivityWeek'", StringComparison.Ordinal);

    /// <summary>When to kill: the moment the app writes a line, or else a time after launch.</summary>
    private sealed record Moment(string Name, Func<string, bool>? Line, int AfterLaunchMs = 0);

    private static readonly Moment[] Moments =
    [
        new("1 s after launch", null, 1000),
        // EF Core holds its lock row from just before this line until the migration ends.
        new("as the migration begins", Migrating),
        // The migration has committed its first part and runs outside a transaction until it rebuilt two tables.
        new("as the migration leaves its transaction", line => line.Trim() == "PRAGMA foreign_keys = 0;"),
        new("3 s after launch", null, 3000),
    ];

    [Fact]
    public async Task Start_BecomesHealthy_WhenTheStartBeforeWasKilledAtAnyMoment()
    {
        var root = Path.Combine(Path.GetTempPath(), "chub-tests", "killed-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            var template = Path.Combine(root, "template.db");
            await OlderDatabase.CreateAsync(template);
            await OlderDatabase.AddFillerSheetsAsync(template, FillerSheets);
            var failures = new List<string>();
            var halfMigrated = 0;
            foreach (var moment in Moments)
            {
                var folder = Path.Combine(root, moment.Name.Replace(' ', '-'));
                Directory.CreateDirectory(folder);
                await OlderDatabase.CopyAsync(template, Path.Combine(folder, OlderDatabase.FileName));

                await using (var killed = AppProcess.Start(folder, EfCoreLogs))
                {
                    if (moment.Line is not null)
                        await killed.WaitForLineAsync(moment.Line, HealthyWithin, kill: true);
                    else
                        await Task.Delay(moment.AfterLaunchMs);
                    await killed.KillAsync();
                }
                var state = await OlderDatabase.StateAsync(Path.Combine(folder, OlderDatabase.FileName));
                if (state.StartsWith("half migrated", StringComparison.Ordinal)) halfMigrated++;

                await using var restarted = AppProcess.Start(folder);
                var healthy = await restarted.WaitHealthyAsync(HealthyWithin);
                output.WriteLine($"killed {moment.Name}: {state}; the restart was healthy " +
                    (healthy is null ? "NEVER" : $"after {healthy.Value.TotalSeconds:0.0} s"));
                if (healthy is null)
                {
                    failures.Add($"killed {moment.Name}, the restart was not healthy within {HealthyWithin.TotalSeconds} s:{Environment.NewLine}{restarted.Output}");
                    continue;
                }
                await restarted.KillAsync();
                var database = await OlderDatabase.DescribeAsync(Path.Combine(folder, OlderDatabase.FileName));
                foreach (var expected in new[] { "integrity: ok", "foreign keys: " + Environment.NewLine, "20261125212605_ResultsAndActivityWeek", "sheet 2 0  ''", "correction 1 漏算一项 ''",
                             $"filler sheets {FillerSheets} {FillerSheets * 7000L}" })
                {
                    if (!database.Contains(expected, StringComparison.Ordinal))
                        failures.Add($"killed {moment.Name}, the restarted database lacks \"{expected}\":{Environment.NewLine}{database}");
                }
            }
            Assert.True(failures.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, failures));
            // Otherwise this run proved nothing about the hardest moment.
            Assert.True(halfMigrated > 0, "No kill left the schema half migrated");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }
}
