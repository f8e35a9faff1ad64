using System.Diagnostics;
using System.Net;
using CompetitionHub.Tests.Contests;
using CompetitionHub.Tests.Judging;
using CompetitionHub.TestSupport;

namespace CompetitionHub.Tests.Publication;

/// <summary>Publishing a round as an organizer does, downloading its public export as anyone does, and running tools/verify-results.py on it.</summary>
internal static class VerifyScript
{
    public sealed record Run(int ExitCode, string Output);

    /// <summary>The results page's publish form, 7 days of 公示, as the first version.</summary>
    public static async Task PublishAsync(HttpClient organizer, int contestId, int roundId)
    {
        var manage = $"/manage/contests/{contestId}/rounds/{roundId}/results";
        var page = await organizer.FollowAsync(await organizer.PostFromAsync($"{manage}/publish", manage, ("Days", "7"), ("Current", "0"), ("Note", "")));
        Assert.Contains("id=\"status-message\"", page);
    }

    /// <summary>The export as anyone downloads it: no sign-in, from the link on the public results page.</summary>
    public static async Task<string> DownloadAsync(HttpClient anyone, int contestId, int roundId, int number)
    {
        var page = await anyone.GetStringAsync($"/contests/{contestId}/rounds/{roundId}/results/versions/{number}");
        var link = $"/contests/{contestId}/rounds/{roundId}/results/versions/{number}/export.json";
        Assert.Contains($"href=\"{link}\"", page);
        var response = await anyone.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    public static async Task<Run> RunAsync(string export)
    {
        var file = Path.Combine(Path.GetTempPath(), $"chub-export-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, export);
        try
        {
            var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "tools", "verify-results.py"));
            start.ArgumentList.Add(file);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return new Run(process.ExitCode, await output + await errors);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CompetitionHub.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The repository root (CompetitionHub.sln) was not found.");
    }
}
