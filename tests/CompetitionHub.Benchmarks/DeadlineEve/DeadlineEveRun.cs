using System.Diagnostics;
using CompetitionHub.TestSupport;

namespace CompetitionHub.Benchmarks.DeadlineEve;

/// <summary>
/// The evening on one deployment (<see cref="Deployment"/>: instances as processes on one PostgreSQL database behind the
/// round-robin proxy): started on an empty database, arranged, warmed up, then the bare visits all at once, then the
/// contestants all at once, then what is stored is checked against what was acknowledged.
/// </summary>
public sealed record DeadlineEveRun(int Instances, TimeSpan StartedIn, TimeSpan ArrangedIn, IReadOnlyList<VisitOutcome> Visits, double Seconds,
    IReadOnlyList<TimedRequest> Bare, IReadOnlyList<double> BareVisitMs, double BareSeconds, StoredCheck Check,
    string LoadBefore, string LoadAfter, IReadOnlyList<string> InstanceErrorsLogged)
{
    /// <summary>A request without an answer within this counts as an error, and ends its visit.</summary>
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);

    public IReadOnlyList<TimedRequest> Requests => [.. Visits.SelectMany(v => v.Requests)];

    public static async Task<DeadlineEveRun> RunAsync(int instances, int count)
    {
        var clock = Stopwatch.StartNew();
        await using var deployment = await Deployment.StartAsync(instances);
        var startedIn = clock.Elapsed;
        // The arranger is an app in this process; its log lines would bury the run's own.
        await using var arranger = deployment.Arranger().With("Logging:LogLevel:Default", "Warning");

        Console.WriteLine($"  {instances} instance(s) in rotation after {startedIn.TotalSeconds:F0} s; arranging {count} contestants (+{instances} for the warm-up) …");
        clock.Restart();
        var everyone = await DeadlineEveContestants.ArrangeAsync(arranger, deployment.ProxyAddress, instances + count);
        var arrangedIn = clock.Elapsed;
        var plans = everyone.ToDictionary(c => c.Number, c => BusinessPlanPdf.For(c.Number));

        // One whole visit and one bare visit on each instance first: the first request of each kind pays for JIT, the
        // first queries and loading the views, which no contestant on a running site pays.
        var warmUps = new List<VisitOutcome>();
        for (var i = 0; i < instances; i++)
        {
            using (var browser = Browser(deployment, i))
                warmUps.Add(await ContestantVisit.RunAsync(browser, everyone[i], plans[everyone[i].Number]));
            using (var browser = Browser(deployment, i))
                await BareVisit.RunAsync(browser);
        }
        var contestants = everyone.Skip(instances).ToList();

        Console.WriteLine($"  arranged in {arrangedIn.TotalSeconds:F0} s; {count} bare visits at once …");
        var loadBefore = LoadAverage();
        var logged = Enumerable.Range(0, instances).Select(i => Log(deployment, i).Length).ToList();
        var (bare, bareSeconds) = await AllAtOnceAsync(count, deployment, (browser, _) => BareVisit.RunAsync(browser));
        Console.WriteLine($"  bare: {bareSeconds:F1} s; {count} contestants at once …");
        var (visits, seconds) = await AllAtOnceAsync(count, deployment,
            (browser, i) => ContestantVisit.RunAsync(browser, contestants[i], plans[contestants[i].Number]));
        var loadAfter = LoadAverage();
        Console.WriteLine($"  contestants: {seconds:F1} s; checking what is stored …");

        var check = await StoredCheck.RunAsync(arranger, deployment.UploadsPath, [.. warmUps, .. visits]);
        var errorsLogged = Enumerable.Range(0, instances)
            .SelectMany(i => ErrorsLogged(Log(deployment, i).Skip(logged[i]).ToList()).Select(e => $"instance {i}: {e}")).ToList();
        return new DeadlineEveRun(instances, startedIn, arrangedIn, visits, seconds, [.. bare.SelectMany(b => b.Requests)],
            [.. bare.Select(b => b.Ms)], bareSeconds, check, loadBefore, loadAfter, errorsLogged);
    }

    private static Browserless Browser(Deployment deployment, int? pinnedTo = null)
    {
        var browser = deployment.Browser(pinnedTo);
        browser.Http.Timeout = ClientTimeout;
        return browser;
    }

    /// <summary>Every visitor with a client of its own, released at the same moment; the time is until the last one ends.</summary>
    private static async Task<(List<T> Results, double Seconds)> AllAtOnceAsync<T>(int count, Deployment deployment, Func<Browserless, int, Task<T>> visit)
    {
        var browsers = Enumerable.Range(0, count).Select(_ => Browser(deployment)).ToList();
        try
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var visits = browsers.Select((browser, i) => Task.Run(async () =>
            {
                await gate.Task;
                return await visit(browser, i);
            })).ToList();
            var clock = Stopwatch.StartNew();
            gate.SetResult();
            var results = await Task.WhenAll(visits);
            return ([.. results], clock.Elapsed.TotalSeconds);
        }
        finally
        {
            browsers.ForEach(b => b.Dispose());
        }
    }

    private static string[] Log(Deployment deployment, int instance) => deployment.Instance(instance).Output.Split('\n');

    /// <summary>Each entry logged at Error or Critical: its category line and the first lines of its message.</summary>
    private static IEnumerable<string> ErrorsLogged(List<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (!lines[i].StartsWith("fail: ", StringComparison.Ordinal) && !lines[i].StartsWith("crit: ", StringComparison.Ordinal)) continue;
            var message = lines.Skip(i + 1).TakeWhile(l => l.StartsWith(' ')).Take(3).Select(l => l.Trim());
            yield return string.Join(" ", [lines[i].Trim(), .. message]);
        }
    }

    /// <summary>The machine's 1-minute load average, which other engineers' builds share.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
