using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CompetitionHub.Tests.Data;

/// <summary>No SQL Server runs here, so the production path is checked as far as it can be without one.</summary>
public sealed class SqlServerScriptTests
{
    private static string IdempotentScript()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        // The same generator `dotnet ef migrations script --idempotent` uses.
        return db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    }

    [Fact]
    public void IdempotentScript_ParsesWithoutErrors_InTheSqlServerGrammar()
    {
        var script = IdempotentScript();
        WriteArtifact(script);

        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        var fragment = parser.Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")));
        // Idempotent means every step is guarded: outside the transaction brackets, only IF statements.
        var statements = ((TSqlScript)fragment).Batches.SelectMany(b => b.Statements)
            .Where(s => s is not BeginTransactionStatement and not CommitTransactionStatement).ToList();
        Assert.True(statements.Count > 20, $"expected a statement per migration step, got {statements.Count}");
        Assert.All(statements, s => Assert.IsType<IfStatement>(s));
    }

    [Fact]
    public void IdempotentScript_GuardsEveryMigration_AndCreatesTheTables()
    {
        var script = IdempotentScript();

        Assert.Contains("SELECT * FROM [__EFMigrationsHistory]", script);
        foreach (var table in new[] { "AspNetUsers", "Contests", "Departments", "Notifications", "DataProtectionKeys", "RubricCriteria" })
            Assert.Contains($"CREATE TABLE [{table}]", script);
    }

    [Fact]
    public void ManyRowsInsert_ParsesAsOneInsertReturningTheKeys_InTheSqlServerGrammar()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var text = RowInserts.Text(db, rows: 3, (ScoreSheet s) => s.Id, s => s.SubmissionId);

        var fragment = new TSql170Parser(initialQuotedIdentifiers: true).Parse(new StringReader(text), out var errors);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Message}")) + Environment.NewLine + text);
        var insert = Assert.IsType<InsertStatement>(Assert.Single(Assert.Single(((TSqlScript)fragment).Batches).Statements));
        Assert.Equal(["Id", "SubmissionId"], insert.InsertSpecification.OutputClause.SelectColumns
            .Select(c => ((ColumnReferenceExpression)((SelectScalarExpression)c).Expression).MultiPartIdentifier.Identifiers[^1].Value));
        var values = Assert.IsType<ValuesInsertSource>(insert.InsertSpecification.InsertSource);
        Assert.Equal(3, values.RowValues.Count);
        Assert.All(values.RowValues, row => Assert.Equal(insert.InsertSpecification.Columns.Count, row.ColumnValues.Count));
        Assert.Equal("@p38", ((VariableReference)values.RowValues[2].ColumnValues[^1]).Name);
    }

    [Fact]
    public async Task AListAQueryMatches_GoesAsOneParameter_OnTheContextTheAppBuildsForSqlServer()
    {
        // The app's own registration, not the design-time factory: the collection mode is set where the app sets up its
        // database. (Past 2,100 items, SQL Server's limit, the provider would send one parameter by itself.)
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Database:Provider"] = "SqlServer";
        builder.Configuration["ConnectionStrings:SqlServer"] = "Server=127.0.0.1,1;Database=none;User Id=none;Password=none;TrustServerCertificate=True";
        builder.Configuration["Storage:DataPath"] = Path.Combine(Path.GetTempPath(), "chub-sqlserver-query");
        builder.AddData();
        await using var services = builder.Services.BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ids = Enumerable.Range(1, 1000).ToList();

        var text = db.Entries.Where(e => ids.Contains(e.Id)).Select(e => e.Title).ToQueryString();

        Assert.IsType<SqlServerAppDbContext>(db);
        var fragment = new TSql170Parser(initialQuotedIdentifiers: true).Parse(new StringReader(text), out var errors);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Message}")) + Environment.NewLine + text);
        var declared = Assert.Single(((TSqlScript)fragment).Batches.SelectMany(b => b.Statements).OfType<DeclareVariableStatement>());
        Assert.Equal("@ids", Assert.Single(declared.Declarations).VariableName.Value);
        Assert.Contains("OPENJSON(@ids)", text, StringComparison.Ordinal);
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
