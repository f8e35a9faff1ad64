using CompetitionHub.TestSupport;
using Microsoft.Data.Sqlite;

namespace CompetitionHub.Tests.Data;

/// <summary>
/// The first start a developer sees (`dotnet run`: Development, SQLite, no SMTP server): the built app on an empty data
/// folder creates and migrates its database, seeds, and warns of nothing but where its mail goes.
/// </summary>
public sealed class CleanStartTests
{
    [Fact]
    public async Task Start_WarnsOnlyWhereMailGoes_WhenTheDataFolderIsEmpty()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chub-tests", "clean-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using var app = AppProcess.Start(folder, RedisServer.FreePort(), "Development", ["--Database:Provider=Sqlite"]);
            Assert.True(await app.WaitHealthyAsync(TimeSpan.FromMinutes(2)) is not null, app.Output);
            await app.KillAsync();

            // The console logger writes "warn: Category[id]" and the message on the next line.
            var lines = app.Output.Split(Environment.NewLine);
            var warnings = lines.Select((line, i) => (line, i)).Where(x => x.line.StartsWith("warn:", StringComparison.Ordinal))
                .Select(x => x.line + " " + (x.i + 1 < lines.Length ? lines[x.i + 1].Trim() : "")).ToList();
            var mail = Assert.Single(warnings);
            Assert.Contains("Smtp:Host is not set: mail is written as .eml files to", mail);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
