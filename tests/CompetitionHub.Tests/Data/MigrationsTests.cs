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
}
