using BenchmarkDotNet.Running;
using CompetitionHub.Benchmarks;
using CompetitionHub.Benchmarks.DeadlineEve;
using CompetitionHub.Benchmarks.LiveLoad;
using CompetitionHub.Benchmarks.OrganizerPages;

// WebApplicationFactory reads MvcTestingAppManifest.json (where the app's content root is) from the current folder,
// which under `dotnet run` is wherever the command was typed.
Directory.SetCurrentDirectory(AppContext.BaseDirectory);

// SQLite always; PostgreSQL too when --postgres (or CHUB_BENCH_POSTGRES) names a server (see README.md).
args = BenchmarkDatabases.TakeArguments(args);
BenchmarkDatabases.SayWhichDatabases();

// Live scoring and the deadline eve are load tools of their own, not BenchmarkDotNet classes (see README.md).
if (args.Length > 0 && args[0] == "live-load")
    return await LiveLoadCommand.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "deadline-eve")
    return await DeadlineEveCommand.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "organizer-seed")
    return await OrganizerPageSeed.RunCommandAsync(args[1..]);

// The organizer pages' large contests are filled here, not in [GlobalSetup], whose time BenchmarkDotNet limits.
await OrganizerPageSeed.EnsureForRunAsync(args);

// BenchmarkSwitcher so a run can be narrowed, e.g. --filter '*Rendering*'; with no filter it asks which to run.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, new BenchmarkConfig());
ResultsFolder.CopyReports(summaries);
return 0;
