using System.Security.Cryptography;
using System.Text;
using CompetitionHub.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CompetitionHub.TestSupport;

/// <summary>
/// The database the suite runs on, chosen by the test host: SQLite files by default; with CHUB_TEST_DATABASE=PostgreSql,
/// a database of its own per data folder on the server CHUB_TEST_POSTGRES names (tests/run.sh starts a throw-away one).
/// </summary>
public static class TestDatabase
{
    public static DatabaseProvider Provider { get; } =
        Enum.TryParse<DatabaseProvider>(Environment.GetEnvironmentVariable("CHUB_TEST_DATABASE"), ignoreCase: true, out var p)
            ? p : DatabaseProvider.Sqlite;

    public static bool IsPostgreSql => Provider == DatabaseProvider.PostgreSql;

    private static string Server => Environment.GetEnvironmentVariable("CHUB_TEST_POSTGRES")
        ?? throw new InvalidOperationException("CHUB_TEST_DATABASE=PostgreSql needs CHUB_TEST_POSTGRES (Host=…;Port=…;Username=…).");

    // A Database in CHUB_TEST_POSTGRES is no database to connect to but the prefix of every one made here, so that those of
    // one benchmark or engineer are recognisable on a shared server; they are then created and dropped from "postgres".
    private static string? Prefix => new NpgsqlConnectionStringBuilder(Server).Database is { Length: > 0 } prefix ? prefix : null;

    private static string Admin => Prefix is null ? Server : new NpgsqlConnectionStringBuilder(Server) { Database = "postgres" }.ConnectionString;

    // Migrated once per test run; each database is then a copy of it, which takes milliseconds instead of a migration.
    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);

    /// <summary>The connection string of the database that belongs to a data folder; the same folder finds the same database.</summary>
    public static string ConnectionStringFor(string dataPath) =>
        new NpgsqlConnectionStringBuilder(Server) { Database = NameFor(dataPath) }.ConnectionString;

    /// <summary>Creates the data folder's database as a copy of the migrated template, unless it exists already (a restart).</summary>
    public static async Task EnsureCreatedAsync(string dataPath, bool empty = false)
    {
        var name = NameFor(dataPath);
        await using var admin = new NpgsqlConnection(Admin);
        await admin.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", admin);
        exists.Parameters.AddWithValue("n", name);
        if (await exists.ExecuteScalarAsync() is not null)
            return;
        var template = empty ? "template0" : await Template.Value;
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", admin);
        await create.ExecuteNonQueryAsync();
    }

    public static async Task DropAsync(string dataPath)
    {
        var name = NameFor(dataPath);
        await using var admin = new NpgsqlConnection(Admin);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static string NameFor(string dataPath) =>
        (Prefix ?? "chub") + "_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataPath))))[..24];

    private static async Task<string> CreateTemplateAsync()
    {
        var name = (Prefix ?? "chub") + "_template_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(Admin))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0", admin);
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(Server) { Database = name, Pooling = false }.ConnectionString;
        await using (var db = new PostgreSqlAppDbContext(new DbContextOptionsBuilder<PostgreSqlAppDbContext>().UseNpgsql(connectionString).Options))
            await db.Database.MigrateAsync();
        return name;
    }
}
