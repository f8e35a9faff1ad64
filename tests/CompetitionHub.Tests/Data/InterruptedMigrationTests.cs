using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Xunit.Abstractions;

namespace CompetitionHub.Tests.Data;

/// <summary>
/// An upgrade of the embedded SQLite file stopped at any command (a watchdog's kill -9, a power cut) and started again ends
/// with the same schema and data as an upgrade nothing stopped. The later migration rebuilds tables partly outside a
/// transaction, so without the copy taken before migrating, some of these crashes leave a schema the next start cannot
/// migrate ("duplicate column name").
/// </summary>
public sealed class InterruptedMigrationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task MigrateDatabase_EndsWithTheWholeSchemaAndTheData_WhenTheStartBeforeCrashedAtAnyMigrationCommand()
    {
        var root = Path.Combine(Path.GetTempPath(), "chub-tests", "interrupted-" + Guid.NewGuid().ToString("N"));
        var folder = Path.Combine(root, "data");
        var database = Path.Combine(folder, OlderDatabase.FileName);
        Directory.CreateDirectory(folder);
        var crash = new CrashAt();
        var start = DataStart.Sqlite(folder, crash);
        try
        {
            var template = Path.Combine(root, "template.db");
            await OlderDatabase.CreateAsync(template);

            // An upgrade nothing stops: what every recovered start must end with, and how many commands the upgrade sends.
            await OlderDatabase.CopyAsync(template, database);
            Assert.Null((await start.RunAsync()).Error);
            var commands = crash.Sent;
            var expected = await OlderDatabase.DescribeAsync(database);
            Assert.Contains("integrity: ok", expected);
            Assert.Contains("foreign keys: " + Environment.NewLine, expected);
            Assert.Contains("lock rows: 0", expected);
            Assert.Contains("20261125212605_ResultsAndActivityWeek", expected);
            Assert.Contains("sheet 1 8650 思路清楚 '[{\"c\":1,\"p\":8650}]'", expected);
            Assert.Contains("sheet 2 0  ''", expected);
            Assert.Contains("correction 1 漏算一项 ''", expected);
            Assert.Contains("round 1 网评 1 Reweight", expected);

            var clock = Stopwatch.StartNew();
            var failures = new List<string>();
            for (var n = 1; n <= commands; n++)
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
                Directory.CreateDirectory(folder);
                await OlderDatabase.CopyAsync(template, database);

                crash.At = n;
                var crashed = await start.RunAsync();
                crash.At = null;
                if (crashed.Error is not SimulatedCrash)
                {
                    failures.Add($"command {n}: the start did not crash there ({crashed.Error?.Message ?? "it finished"})");
                    continue;
                }
                // A killed process leaves EF's lock row behind too (an exception lets EF delete it), and its connections end with it.
                await OlderDatabase.LeaveMigrationLockRowAsync(database);
                SqliteConnection.ClearAllPools();

                var restarting = start.RunAsync();
                if (await Task.WhenAny(restarting, Task.Delay(TimeSpan.FromSeconds(30))) != restarting)
                {
                    // A start that waits forever cannot be stopped; the ones after it would wait too.
                    failures.Add($"command {n}: the next start did not finish within 30 s");
                    break;
                }
                var restarted = await restarting;
                if (restarted.Error is not null)
                    failures.Add($"command {n}: the next start failed: {restarted.Error.Message}");
                else if (await OlderDatabase.DescribeAsync(database) is var actual && actual != expected)
                    failures.Add($"command {n}: the next start ended with{Environment.NewLine}{actual}");
            }
            output.WriteLine($"{commands} migration commands, each crashed at and restarted from in {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.True(failures.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, failures));
        }
        finally
        {
            start.Dispose();
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private sealed class SimulatedCrash(int command) : Exception($"Simulated crash before migration command {command}");

    /// <summary>Stands for a crash just before the <see cref="At"/>th command a start's migration sends: it and all after it never run.</summary>
    private sealed class CrashAt : DbCommandInterceptor
    {
        private int? at;

        /// <summary>How many migration commands were sent since <see cref="At"/> was last set.</summary>
        public int Sent { get; private set; }

        public int? At
        {
            get => at;
            set { at = value; Sent = 0; }
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
            Count(eventData, result);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken ct = default) => ValueTask.FromResult(Count(eventData, result));

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
            Count(eventData, result);

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken ct = default) => ValueTask.FromResult(Count(eventData, result));

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
            Count(eventData, result);

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken ct = default) => ValueTask.FromResult(Count(eventData, result));

        private T Count<T>(CommandEventData eventData, T result)
        {
            if (eventData.CommandSource == CommandSource.Migrations && ++Sent == at)
                throw new SimulatedCrash(Sent);
            return result;
        }
    }
}
