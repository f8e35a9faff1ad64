using CompetitionHub.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CompetitionHub.Tests.Data;

/// <summary>
/// A database of its own on the PostgreSQL server the suite uses (CHUB_TEST_POSTGRES, a connection string without a
/// database; by default the one on 127.0.0.1:55432).
/// </summary>
public sealed class PostgreSqlTestDatabase : TestDatabase
{
    public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(
        Environment.GetEnvironmentVariable("CHUB_TEST_POSTGRES") is { Length: > 0 } server ? server : "Host=127.0.0.1;Port=55432;Username=postgres")
    {
        Database = $"atomic_errors_{Guid.NewGuid():N}",
    }.ToString();

    public override AppDbContext NewContext() =>
        new PostgreSqlAppDbContext(new DbContextOptionsBuilder<PostgreSqlAppDbContext>().UseNpgsql(ConnectionString).Options);

    public override async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await base.DisposeAsync();
    }
}

public sealed class PostgreSqlDatabaseErrorsTests(PostgreSqlTestDatabase database)
    : DatabaseErrorsTests(database), IClassFixture<PostgreSqlTestDatabase>
{
    [Fact]
    public async Task Classify_ReturnsSerializationFailure_WhenTwoSerializableTransactionsDependOnEachOther()
    {
        var prefix = NewCode();
        await using var first = await OpenAsync();
        await using var second = await OpenAsync();
        // Each counts the rows the other one adds: no serial order gives what both saw.
        foreach (var connection in new[] { first, second })
            await ExecuteAsync(connection, $"BEGIN ISOLATION LEVEL SERIALIZABLE; SELECT count(*) FROM \"Departments\" WHERE \"Code\" LIKE '{prefix}%';");
        await InsertDepartmentAsync(first, prefix + "a");
        await InsertDepartmentAsync(second, prefix + "b");
        await ExecuteAsync(first, "COMMIT;");

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(second, "COMMIT;"));

        Assert.Equal(PostgresErrorCodes.SerializationFailure, error.SqlState);
        Assert.Equal(DatabaseError.SerializationFailure, error.Classify());
        Assert.True(error.IsTransient, "Npgsql's retrying strategy runs the unit again on what it calls transient.");
    }

    [Fact]
    public async Task Classify_ReturnsSerializationFailure_WhenTwoTransactionsDeadlock()
    {
        var (one, two) = (await AddDepartmentAsync(), await AddDepartmentAsync());
        await using var first = await OpenAsync();
        await using var second = await OpenAsync();
        await ExecuteAsync(first, $"BEGIN; UPDATE \"Departments\" SET \"Name\" = 'a' WHERE \"Id\" = {one};");
        await ExecuteAsync(second, $"BEGIN; UPDATE \"Departments\" SET \"Name\" = 'b' WHERE \"Id\" = {two};");
        // Each now waits for the row the other holds; the server's deadlock check ends one of them.
        var crossed = new[]
        {
            ExecuteAsync(first, $"UPDATE \"Departments\" SET \"Name\" = 'a' WHERE \"Id\" = {two};"),
            ExecuteAsync(second, $"UPDATE \"Departments\" SET \"Name\" = 'b' WHERE \"Id\" = {one};"),
        };

        var outcomes = await Task.WhenAll(crossed.Select(async update =>
        {
            try
            {
                await update;
                return null;
            }
            catch (PostgresException e)
            {
                return e;
            }
        }));

        // The victim's error; the other one went through once the victim's transaction was aborted.
        var error = Assert.Single(outcomes.OfType<PostgresException>());
        Assert.Equal(PostgresErrorCodes.DeadlockDetected, error.SqlState);
        Assert.Equal(DatabaseError.SerializationFailure, error.Classify());
        Assert.True(error.IsTransient, "Npgsql's retrying strategy runs the unit again on what it calls transient.");
    }

    [Fact]
    public async Task Classify_ReturnsLockTimeout_WhenARowStaysLockedPastTheLockTimeout()
    {
        var id = await AddDepartmentAsync();
        await using var holder = await OpenAsync();
        await using var waiter = await OpenAsync();
        await ExecuteAsync(holder, $"BEGIN; UPDATE \"Departments\" SET \"Name\" = 'held' WHERE \"Id\" = {id};");
        await ExecuteAsync(waiter, "SET lock_timeout = '100ms';");

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            ExecuteAsync(waiter, $"UPDATE \"Departments\" SET \"Name\" = 'waited' WHERE \"Id\" = {id};"));

        Assert.Equal(PostgresErrorCodes.LockNotAvailable, error.SqlState);
        Assert.Equal(DatabaseError.LockTimeout, error.Classify());
    }

    private async Task<int> AddDepartmentAsync()
    {
        await using var db = Database.NewContext();
        var department = NewDepartment(NewCode());
        db.Departments.Add(department);
        await db.SaveChangesAsync();
        return department.Id;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(((PostgreSqlTestDatabase)Database).ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static Task InsertDepartmentAsync(NpgsqlConnection connection, string code) =>
        ExecuteAsync(connection, $"INSERT INTO \"Departments\" (\"Code\", \"Name\", \"NameEn\") VALUES ('{code}', 'x', 'x');");

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
