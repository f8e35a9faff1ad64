using CompetitionHub.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CompetitionHub.Tests.Data;

/// <summary>
/// No SQL Server is reachable here, so the production script is checked as far as it can be without one: EF generates
/// the idempotent script (what `dotnet ef migrations script --idempotent` writes) and the T-SQL parser reads every batch.
/// </summary>
public sealed class SqlServerScriptTests
{
    [Fact]
    public void IdempotentScript_ParsesAsTSql_WhenGeneratedFromTheSqlServerMigrations()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        WriteArtifact(script);

        using var reader = new StringReader(script);
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")));
        // Idempotent: each migration runs only where the history table does not list it yet.
        Assert.All(db.Database.GetMigrations(), id => Assert.Contains($"WHERE [MigrationId] = N'{id}'", script));
        Assert.Contains("CREATE TABLE [Contests]", script);
    }

    /// <summary>Kept beside the test results so a reviewer can read what production would run.</summary>
    private static void WriteArtifact(string script)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "CompetitionHub.sln"))) continue;
            var results = Directory.CreateDirectory(Path.Combine(dir.FullName, "tests", "results"));
            File.WriteAllText(Path.Combine(results.FullName, "competitionhub.sqlserver.sql"), script);
            return;
        }
    }
}
