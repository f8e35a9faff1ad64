using System.Globalization;
using System.Text;
using CompetitionHub.Web.Data;

namespace CompetitionHub.Benchmarks.LiveLoad;

/// <summary>
/// <c>live-load [--judges J --spectators S] [--entries E]</c>: score-to-screen latency of the live roadshow against a bare
/// SignalR broadcast to the same number of clients, both in this run. Without J and S it runs J = 7, S = 1,000 and
/// J = 50, S = 200. The app runs on each database of <see cref="BenchmarkDatabases"/> in turn, each right after the bare
/// broadcast it is compared with. Everything is on 127.0.0.1 and bounded: E entries, 30 s per entry to reach every
/// screen, 10 min a scenario.
/// </summary>
public static class LiveLoadCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var judges = Option(args, "--judges");
        var spectators = Option(args, "--spectators");
        var entries = Option(args, "--entries");
        List<(int J, int S)> configurations = judges is { } j && spectators is { } s ? [(j, s)] : [(7, 1000), (50, 200)];

        // Hundreds of client connections each run their receive loop and handlers on the pool; without a higher floor
        // the pool grows one thread at a time and the delay shows up as latency.
        ThreadPool.SetMinThreads(Math.Max(200, Environment.ProcessorCount * 50), 200);

        // Both sides are measured as they run once warm, as a roadshow does for hours: an unmeasured run of each first
        // takes their code and the clients' through tiered compilation. Without it a process's first scenarios ran on
        // code not yet optimized (one warm-up entry is too short for that); the first bare broadcast's p95 was about
        // half again as high, which flattered the ratio of whichever configuration ran first. The app warms up on every
        // database measured: each provider has paths of its own (its commands, its inserts).
        Console.WriteLine("Warming up the bare broadcast and the app (not measured) …");
        using (var warmUpTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(5)))
            await LiveLoadScenarios.BareAsync(judges: 50, spectators: 200, entries: 5, warmUpTimeout.Token);
        foreach (var database in BenchmarkDatabases.Providers)
        {
            using var warmUpTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await LiveLoadScenarios.AppAsync(database, judges: 50, spectators: 200, entries: 5, warmUpTimeout.Token);
        }

        var rows = new List<string>();
        var notes = new List<string>();
        foreach (var (J, S) in configurations)
        {
            // About 140 to 300 measured submissions, plus one warm-up entry.
            var e = entries ?? Math.Max(5, (int)Math.Ceiling(280.0 / J));
            foreach (var database in BenchmarkDatabases.Providers)
            {
                // The bare broadcast again before each database: the machine's other load drifts over minutes.
                Console.WriteLine($"J = {J}, S = {S}, {e} entries (+1 warm-up), app on {database}: bare broadcast …");
                using var bareTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
                var bare = await LiveLoadScenarios.BareAsync(J, S, e, bareTimeout.Token);
                Console.WriteLine($"  bare: p95 {bare.Percentile(95):F1} ms; app …");
                using var appTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
                var app = await LiveLoadScenarios.AppAsync(database, J, S, e, appTimeout.Token);
                Console.WriteLine($"  app: p95 {app.Percentile(95):F1} ms");
                rows.Add(Row(database, J, S, bare, app));
                notes.Add($"- {database}, J = {J}, S = {S}: app {app.Notes}; refused {app.Refused}; not shown on every screen within 30 s: bare {bare.NotShown}, app {app.NotShown}; " +
                    $"payload (JSON, last state) bare {bare.PayloadBytes:N0} B, app {app.PayloadBytes:N0} B; " +
                    $"submit to answer p50/p95 bare {Pair(bare.AcknowledgedMs)} ms, app {Pair(app.AcknowledgedMs)} ms; " +
                    $"submit to first screen p50/p95 bare {Pair(bare.FirstScreenMs)} ms, app {Pair(app.FirstScreenMs)} ms; " +
                    $"stage messages per entry on one screen bare {bare.MessagesPerEntry:F1}, app {app.MessagesPerEntry:F1}.");
            }
        }

        var report = new StringBuilder()
            .AppendLine("| Scenario | Database | J | S | Submits | Bare p50 / p95 / p99 ms | App p50 / p95 / p99 ms | p95 ratio (app / bare) | App submits/s | Bare submits/s | Lost | Duplicated |")
            .AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        rows.ForEach(r => report.AppendLine(r));
        report.AppendLine();
        notes.ForEach(n => report.AppendLine(n));
        Console.WriteLine();
        Console.WriteLine(report);

        var target = Path.Combine(ResultsFolder.ProjectFolder, "results");
        Directory.CreateDirectory(target);
        var file = Path.Combine(target, configurations.Count == 1 ? $"live-load-J{configurations[0].J}-S{configurations[0].S}.md" : "live-load.md");
        await File.WriteAllTextAsync(file, $"# live-load, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores\n\n" +
            $"`dotnet run -c Release --project tests/CompetitionHub.Benchmarks -- {string.Join(' ', ["live-load", .. args])}`" +
            $" (app on {string.Join(" and ", BenchmarkDatabases.Providers)})\n\n{report}");
        Console.WriteLine($"Results table: {file}");
        return 0;
    }

    private static string Row(DatabaseProvider database, int judges, int spectators, ScenarioResult bare, ScenarioResult app)
    {
        static string Ms(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
        static string Three(ScenarioResult r) => $"{Ms(r.Percentile(50))} / {Ms(r.Percentile(95))} / {Ms(r.Percentile(99))}";
        var ratio = app.Percentile(95) / bare.Percentile(95);
        return $"| live roadshow | {database} | {judges} | {spectators:N0} | {app.Submits} | {Three(bare)} | {Three(app)} | {ratio.ToString("F2", CultureInfo.InvariantCulture)} | " +
            $"{app.SubmitsPerSecond.ToString("F0", CultureInfo.InvariantCulture)} | {bare.SubmitsPerSecond.ToString("F0", CultureInfo.InvariantCulture)} | {app.Lost} | {app.Duplicated} |";
    }

    private static string Pair(IReadOnlyList<double> values) =>
        string.Create(CultureInfo.InvariantCulture, $"{ScenarioResult.Percentile(values, 50):F1} / {ScenarioResult.Percentile(values, 95):F1}");

    private static int? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : null;
    }
}
