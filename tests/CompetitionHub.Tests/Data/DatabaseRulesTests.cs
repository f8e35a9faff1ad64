using System.Text.RegularExpressions;

namespace CompetitionHub.Tests.Data;

/// <summary>
/// The one-way rules of the data layer, read from the sources: transactions begin only in AtomicSave, provider error
/// codes are read only in DatabaseErrors, and every catch of a failed save asks DatabaseErrors what it caught.
/// </summary>
public sealed partial class DatabaseRulesTests
{
    private static readonly string Src = Path.Combine(RepositoryRoot(), "src");

    [Fact]
    public void BeginTransaction_AppearsOnlyInAtomicSave_WhenTheSourcesAreRead()
    {
        Assert.Equal(["Data/AtomicSave.cs"], FilesContaining("BeginTransaction"));
        Assert.Equal(["Data/AtomicSave.cs"], FilesContaining("CreateExecutionStrategy"));
    }

    [Fact]
    public void ProviderExceptions_AreReadOnlyInDatabaseErrors_WhenTheSourcesAreRead()
    {
        foreach (var type in new[] { "SqliteException", "SqlException", "PostgresException" })
            Assert.Equal(["Data/DatabaseErrors.cs"], FilesContaining(type));
    }

    [Fact]
    public void CatchOfAFailedSave_AsksDatabaseErrors_WhenTheSourcesAreRead()
    {
        var guesses = SourceFiles()
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Relative(f), Line: i + 1, Text: line.Trim())))
            .Where(l => CatchOfSaveError().IsMatch(l.Text) && !l.Text.Contains(".Classify()", StringComparison.Ordinal))
            .Select(l => $"{l.File}:{l.Line}: {l.Text}")
            .ToList();

        Assert.Empty(guesses);
        // The pattern still finds the catches it is about.
        Assert.Contains(SourceFiles(), f => File.ReadLines(f).Any(l => CatchOfSaveError().IsMatch(l)));
    }

    [GeneratedRegex(@"catch\s*\(\s*DbUpdate\w*Exception\b")]
    private static partial Regex CatchOfSaveError();

    private static List<string> FilesContaining(string text) =>
        [.. SourceFiles().Where(f => File.ReadAllText(f).Contains(text, StringComparison.Ordinal)).Select(Relative).Order()];

    /// <summary>The app's C# sources; generated migrations are EF's own, and obj/ and bin/ are build output.</summary>
    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Relative(f).Split('/').Any(segment => segment is "Migrations" or "obj" or "bin"));

    private static string Relative(string path) =>
        Path.GetRelativePath(Path.Combine(Src, "CompetitionHub.Web"), path).Replace(Path.DirectorySeparatorChar, '/');

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CompetitionHub.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("CompetitionHub.sln not found above the test binaries");
    }
}
