using BenchmarkDotNet.Running;
using CompetitionHub.Benchmarks;

// BenchmarkSwitcher so a run can be narrowed, e.g. --filter '*Rendering*'; with no filter it asks which to run.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, new BenchmarkConfig());
ResultsFolder.CopyReports(summaries);
