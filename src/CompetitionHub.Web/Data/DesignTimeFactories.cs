using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CompetitionHub.Web.Data;

// `dotnet ef` builds each provider's context here, without starting the app or reaching a server,
// so both migration sets can be added and scripted on any machine.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerAppDbContext>
{
    public SqlServerAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerAppDbContext>().UseSqlServer("Server=.;Database=CompetitionHub;Trusted_Connection=True;TrustServerCertificate=True").Options);
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlAppDbContext>
{
    public PostgreSqlAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlAppDbContext>().UseNpgsql("Host=localhost;Database=competitionhub").Options);
}
