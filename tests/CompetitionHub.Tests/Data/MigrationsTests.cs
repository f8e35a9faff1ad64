using CompetitionHub.TestSupport;
using CompetitionHub.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CompetitionHub.Tests.Data;

public sealed class MigrationsTests
{
    [Fact]
    public void SqliteMigrations_AreInStepWithTheModel()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context SqliteAppDbContext");
    }

    [Fact]
    public void SqlServerMigrations_AreInStepWithTheModel()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context SqlServerAppDbContext");
    }

    [Fact]
    public void PostgreSqlMigrations_AreInStepWithTheModel()
    {
        using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context PostgreSqlAppDbContext");
    }

    /// <summary>A first install: the database the suite runs on (SQLite, or PostgreSQL from an empty database) is migrated and seeded at start.</summary>
    [Fact]
    public async Task FirstStart_MigratesSeedsAndServesTheHomePage_OnAnEmptyDatabase()
    {
        await using var host = new AppFactory(emptyDatabase: true);
        var client = host.CreateClient();

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var pending = await host.WithDbAsync(async db => (await db.Database.GetPendingMigrationsAsync()).Count());
        Assert.Equal(0, pending);
        Assert.True(await host.WithDbAsync(db => db.Contests.AnyAsync()), "the demo contests should have been seeded");
        Assert.Contains("\"status\":\"Healthy\"", await client.GetStringAsync("/health"), StringComparison.Ordinal);
    }
}
