using CompetitionHub.Web.Data;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>Says which kept files (<see cref="StoredUpload.StoredName"/>) its records still name; each feature that keeps uploads registers one.</summary>
public interface IUploadOwner
{
    Task<IReadOnlyCollection<string>> NamedAsync(IReadOnlyCollection<string> storedNames, CancellationToken ct);
}

/// <summary>
/// Clears what a crash can leave in the uploads folder, so there is no file without its row: a ".partial" file whose
/// write never finished, and a kept file whose record was never committed (the process died between the rename and the
/// save, after <see cref="FileUploads"/> could delete it). Only names <see cref="FileUploads"/> generates are touched, and
/// only once they are older than <see cref="UploadOptions.SweepGrace"/>, so an upload still on its way to its save, on
/// any instance sharing the folder, is never taken.
/// </summary>
public sealed class SweepUploads(DataPaths paths, IEnumerable<IUploadOwner> owners, TimeProvider clock, IOptions<UploadOptions> options,
    ILogger<SweepUploads> logger)
{
    public const string JobId = "sweep-uploads";

    // One query per owner and chunk: the parameter count stays bounded however many files the folder holds.
    private const int ChunkSize = 500;

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - options.Value.SweepGrace;
        var old = new DirectoryInfo(paths.Uploads).EnumerateFiles().Where(f => f.LastWriteTimeUtc < cutoff).ToList();
        var removed = 0;
        foreach (var partial in old.Where(f => IsGenerated(f.Name, out var isPartial) && isPartial))
            removed += Delete(partial, "unfinished");

        var kept = old.Where(f => IsGenerated(f.Name, out var isPartial) && !isPartial).ToList();
        foreach (var chunk in kept.Chunk(ChunkSize))
        {
            var names = chunk.Select(f => f.Name).ToList();
            var named = new HashSet<string>(StringComparer.Ordinal);
            foreach (var owner in owners) named.UnionWith(await owner.NamedAsync(names, ct));
            foreach (var file in chunk.Where(f => !named.Contains(f.Name)))
                removed += Delete(file, "named by no record");
        }
        if (removed > 0) logger.LogInformation("Upload sweep removed {Count} files left by interrupted uploads", removed);
        return removed;
    }

    /// <summary>A name <see cref="FileUploads"/> gives: 32 hex digits, with ".partial" while it is being written.</summary>
    private static bool IsGenerated(string name, out bool partial)
    {
        partial = name.EndsWith(".partial", StringComparison.Ordinal);
        var stem = partial ? name[..^".partial".Length] : name;
        return stem.Length == 32 && stem.All(char.IsAsciiHexDigitLower);
    }

    private int Delete(FileInfo file, string why)
    {
        try
        {
            file.Delete();
            logger.LogWarning("Removed upload {StoredName}: {Why}", file.Name, why);
            return 1;
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not remove upload {StoredName}", file.Name);
            return 0;
        }
    }
}

/// <summary>Registers the sweep's schedule (Uploads:SweepCron) at start.</summary>
internal sealed class SweepUploadsSchedule(IRecurringJobManager recurringJobs, IOptions<UploadOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurringJobs.AddOrUpdate<SweepUploads>(SweepUploads.JobId, j => j.RunAsync(CancellationToken.None), options.Value.SweepCron);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
