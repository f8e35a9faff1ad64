using System.Globalization;
using System.Text;
using CompetitionHub.Benchmarks.LiveLoad;
using Npgsql;

namespace CompetitionHub.Benchmarks.DeadlineEve;

/// <summary>
/// <c>deadline-eve [--contestants N]</c>: N contestants at once save, upload to and submit their entries through the
/// reverse proxy, on one instance and then on two, on PostgreSQL; each beside N bare visits of as many static-file
/// requests through the same proxy and instances, in the same run. Reports errors, p50/p95 per operation and throughput,
/// and exits with 1 if anything the app acknowledged is not stored.
/// </summary>
public static class DeadlineEveCommand
{
    private const int DefaultContestants = 150;

    private static readonly string[] Operations =
        [ContestantVisit.OtherPage, ContestantVisit.SignIn, ContestantVisit.EntryPage, ContestantVisit.Save, ContestantVisit.Upload, ContestantVisit.Submit];

    public static async Task<int> RunAsync(string[] args)
    {
        if (BenchmarkDatabases.PostgreSqlServer is not { } server)
        {
            Console.Error.WriteLine($"deadline-eve runs on PostgreSQL: name a server with --postgres \"Host=…;Port=…;Username=…\" or {BenchmarkDatabases.EnvironmentVariable}.");
            return 2;
        }
        var contestants = Option(args, "--contestants") ?? DefaultContestants;
        // The deployment harness reads its server from the suite's variable; the Database named there prefixes its databases.
        var named = new NpgsqlConnectionStringBuilder(server);
        if (string.IsNullOrEmpty(named.Database)) named.Database = "chub_bench";
        Environment.SetEnvironmentVariable("CHUB_TEST_POSTGRES", named.ConnectionString);
        // Hundreds of clients and the proxy (in this process) wait on sockets; the pool would otherwise grow a thread at a time.
        ThreadPool.SetMinThreads(Math.Max(200, Environment.ProcessorCount * 50), 200);

        var started = DateTime.UtcNow;
        var runs = new List<DeadlineEveRun>();
        foreach (var instances in new[] { 1, 2 })
        {
            Console.WriteLine($"Deadline eve, {contestants} contestants, {instances} instance(s) behind the proxy, PostgreSQL:");
            runs.Add(await DeadlineEveRun.RunAsync(instances, contestants));
        }

        var report = Report(runs, contestants);
        Console.WriteLine();
        Console.WriteLine(report);
        var target = Path.Combine(ResultsFolder.ProjectFolder, "results");
        Directory.CreateDirectory(target);
        var file = Path.Combine(target, contestants == DefaultContestants ? "deadline-eve.md" : $"deadline-eve-N{contestants}.md");
        await File.WriteAllTextAsync(file, Invariant(
            $"# deadline-eve, {started:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores\n\n",
            $"`dotnet run -c Release --project tests/CompetitionHub.Benchmarks -- {string.Join(' ', ["deadline-eve", .. args])}` ",
            $"(PostgreSQL: {new NpgsqlConnectionStringBuilder(named.ConnectionString) { Password = null }.ConnectionString}; ",
            $"{(DateTime.UtcNow - started).TotalMinutes:F1} min)\n\n{report}"));
        Console.WriteLine($"Results table: {file}");

        var lost = runs.Sum(r => r.Check.Lost);
        if (lost == 0) return 0;
        Console.Error.WriteLine($"LOST: {lost} acknowledged operation(s) not stored:");
        foreach (var run in runs)
            foreach (var problem in run.Check.Problems) Console.Error.WriteLine($"  {run.Instances} instance(s), {problem}");
        return 1;
    }

    private static string Report(IReadOnlyList<DeadlineEveRun> runs, int contestants)
    {
        var report = new StringBuilder()
            .AppendLine("| Instances | Contestants | Requests | Errors | Visits completed | Lost | Time s | Requests/s | Bare requests/s | Throughput (app / bare) | Whole visit p50 / p95 ms | Bare visit p50 / p95 ms |")
            .AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var run in runs)
        {
            var requests = run.Requests;
            var perSecond = requests.Count / run.Seconds;
            var barePerSecond = run.Bare.Count / run.BareSeconds;
            var whole = run.Visits.Where(v => v.Completed).Select(v => v.Ms).ToList();
            report.AppendLine(Invariant($"| {run.Instances} | {contestants} | {requests.Count:N0} | {requests.Count(r => !r.Succeeded)} | ",
                $"{run.Visits.Count(v => v.Completed)} | {run.Check.Lost} | {run.Seconds:F1} | {perSecond:F0} | {barePerSecond:F0} | ",
                $"{perSecond / barePerSecond:F2} | {Pair(whole)} | {Pair(run.BareVisitMs)} |"));
        }

        report.AppendLine()
            .AppendLine("| Instances | Operation | Requests | Errors | p50 ms | p95 ms | Bare p50 / p95 ms | p95 ratio (app / bare) |")
            .AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var run in runs)
        {
            foreach (var operation in Operations)
            {
                var of = run.Requests.Where(r => r.Kind == operation).ToList();
                var ms = of.Where(r => r.Succeeded).Select(r => r.Ms).ToList();
                var bareKind = operation == ContestantVisit.Upload ? BareVisit.UploadSized : BareVisit.PageSized;
                var bare = run.Bare.Where(r => r.Kind == bareKind && r.Succeeded).Select(r => r.Ms).ToList();
                report.AppendLine(Invariant($"| {run.Instances} | {operation} | {of.Count:N0} | {of.Count(r => !r.Succeeded)} | ",
                    $"{Ms(ScenarioResult.Percentile(ms, 50))} | {Ms(ScenarioResult.Percentile(ms, 95))} | {Pair(bare)} | ",
                    $"{Ms(ScenarioResult.Percentile(ms, 95) / ScenarioResult.Percentile(bare, 95))} |"));
            }
        }

        report.AppendLine();
        foreach (var run in runs) report.AppendLine(Notes(run));
        return report.ToString();
    }

    private static string Notes(DeadlineEveRun run)
    {
        var requests = run.Requests;
        var notes = new StringBuilder(Invariant(
            $"- {run.Instances} instance(s): started on an empty database in {run.StartedIn.TotalSeconds:F0} s, contestants arranged in ",
            $"{run.ArrangedIn.TotalSeconds:F0} s; load average {run.LoadBefore} before the bare visits, {run.LoadAfter} after the contestants; "));
        if (run.Instances > 1)
        {
            var answered = requests.Where(r => r.Instance is not null).GroupBy(r => r.Instance!.Value).OrderBy(g => g.Key)
                .Select(g => Invariant($"instance {g.Key} {g.Count():N0}"));
            notes.Append("requests answered by ").Append(string.Join(", ", answered)).Append("; ");
        }
        var failures = requests.Where(r => !r.Succeeded).GroupBy(r => $"{r.Kind}: {r.Answer}")
            .Select(g => Invariant($"{g.Count()} × {g.Key}")).ToList();
        var bareFailures = run.Bare.Count(r => !r.Succeeded);
        notes.Append(failures.Count == 0 ? "no errors" : "errors: " + string.Join("; ", failures))
            .Append(Invariant($"; bare errors {bareFailures}; "))
            .Append(Invariant($"errors the instances logged during the visits (fail/crit) {run.InstanceErrorsLogged.Count}; "))
            .Append(Invariant($"stored without an acknowledgement {run.Check.StoredUnacknowledged}, uploads stored twice {run.Check.UploadsDuplicated}; "))
            .Append(Invariant($"mean bytes: entry page {Mean(requests, ContestantVisit.EntryPage, r => r.BytesReceived):N0} received, "))
            .Append(Invariant($"upload {Mean(requests, ContestantVisit.Upload, r => r.BytesSent):N0} sent; "))
            .Append(Invariant($"bare files {Mean(run.Bare, BareVisit.PageSized, r => r.BytesReceived):N0} and {Mean(run.Bare, BareVisit.UploadSized, r => r.BytesReceived):N0} received."));
        foreach (var logged in run.InstanceErrorsLogged.GroupBy(e => e).Take(10))
            notes.Append(Invariant($"\n  - logged {logged.Count()} × {logged.Key}"));
        foreach (var problem in run.Check.Problems.Take(20)) notes.Append("\n  - LOST ").Append(problem);
        return notes.ToString();
    }

    private static double Mean(IReadOnlyList<TimedRequest> requests, string kind, Func<TimedRequest, long> bytes) =>
        requests.Where(r => r.Kind == kind && r.Succeeded).Select(r => (double)bytes(r)).DefaultIfEmpty(double.NaN).Average();

    private static string Pair(IReadOnlyList<double> values) => $"{Ms(ScenarioResult.Percentile(values, 50))} / {Ms(ScenarioResult.Percentile(values, 95))}";

    /// <summary>One decimal; a dash where nothing was measured (every request of the kind failed).</summary>
    private static string Ms(double value) => double.IsFinite(value) ? value.ToString("F1", CultureInfo.InvariantCulture) : "–";

    private static string Invariant(params FormattableString[] parts) => string.Concat(parts.Select(p => p.ToString(CultureInfo.InvariantCulture)));

    private static int? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : null;
    }
}
