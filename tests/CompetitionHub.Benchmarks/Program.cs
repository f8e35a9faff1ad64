using BenchmarkDotNet.Running;
using CompetitionHub.Benchmarks;

// WebApplicationFactory reads MvcTestingAppManifest.json (where the app's content root is) from the current folder,
// which under `dotnet run` is wherever the command was typed.
Directory.SetCurrentDirectory(AppContext.BaseDirectory);

// BenchmarkSwitcher so a run can be narrowed, e.g. --filter '*Rendering*'; with no filter it asks which to run.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, new BenchmarkConfig());
ResultsFolder.CopyReports(summaries);
