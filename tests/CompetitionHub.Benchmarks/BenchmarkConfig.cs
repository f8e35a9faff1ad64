using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CompetitionHub.Benchmarks;

/// <summary>
/// One short job sized for the project's 2-core machine, which is shared with other work: speed is read only as the
/// Ratio against each class's bare baseline from the same run, never as an absolute time.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddJob(Job.Default
            .WithId("Short")
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(15)
            // In-process: BenchmarkDotNet's default would build a generated copy of this project, and with it the whole
            // app, before every run; on 2 shared cores that is most of the run's time. The default limit of a benchmark's
            // run (5 min) stopped the whole run at the 10,000-entry assignment preview, ~40 s an operation on a busy machine.
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)));
        AddColumnProvider(DefaultColumnProviders.Instance);
        AddLogger(DefaultConfig.Instance.GetLoggers().ToArray());
        AddExporter(MarkdownExporter.GitHub);
        AddDiagnoser(MemoryDiagnoser.Default);
        ArtifactsPath = Path.Combine(ResultsFolder.ProjectFolder, "BenchmarkDotNet.Artifacts");
    }
}

/// <summary>Keeps the GitHub-markdown tables of the last run in results/ (committed), one file per benchmark class.</summary>
public static class ResultsFolder
{
    /// <summary>The project folder, found upwards from bin/Release/net10.0 so results land beside the sources.</summary>
    public static string ProjectFolder { get; } = FindProjectFolder();

    public static void CopyReports(IEnumerable<Summary> summaries)
    {
        var target = Path.Combine(ProjectFolder, "results");
        Directory.CreateDirectory(target);
        foreach (var summary in summaries)
        {
            foreach (var report in Directory.EnumerateFiles(summary.ResultsDirectoryPath, "*-report-github.md"))
            {
                var copy = Path.Combine(target, Path.GetFileName(report));
                File.Copy(report, copy, overwrite: true);
                Console.WriteLine($"Results table: {copy}");
            }
        }
    }

    private static string FindProjectFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CompetitionHub.Benchmarks.csproj")))
                return folder.FullName;
        }
        // Run from a copied build: keep the results next to the program instead.
        return AppContext.BaseDirectory;
    }
}
