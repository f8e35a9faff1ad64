using System.Data.Common;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Teams;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Data;

/// <summary>
/// Errors a real database raises, as <see cref="DatabaseErrors"/> reads them. The kinds every provider shares are tested
/// here once, for each provider; a provider's own ones (busy files, serialization failures) in its own class below.
/// </summary>
public abstract class DatabaseErrorsTests(TestDatabase database)
{
    protected TestDatabase Database { get; } = database;

    protected static Department NewDepartment(string code) => new() { Code = code, Name = "测试厅" + code, NameEn = "Test " + code };

    protected static string NewCode() => "t" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Classify_ReturnsUniqueViolation_WhenAUniqueIndexRefusesARow()
    {
        var code = NewCode();
        await using (var first = Database.NewContext())
        {
            first.Departments.Add(NewDepartment(code));
            await first.SaveChangesAsync();
        }
        await using var second = Database.NewContext();
        second.Departments.Add(NewDepartment(code));

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());

        Assert.IsAssignableFrom<DbException>(error.InnerException);
        Assert.Equal(DatabaseError.UniqueViolation, error.Classify());
    }

    [Fact]
    public async Task Classify_ReturnsVersionConflict_WhenTheRowChangedSinceItWasRead()
    {
        int teamId;
        await using (var db = Database.NewContext())
        {
            var team = new Team { Name = "版本团队", CreatedAt = DateTime.UtcNow };
            db.Teams.Add(team);
            await db.SaveChangesAsync();
            teamId = team.Id;
        }
        await using var mine = Database.NewContext();
        await using var theirs = Database.NewContext();
        var stale = await mine.Teams.SingleAsync(t => t.Id == teamId);
        (await theirs.Teams.SingleAsync(t => t.Id == teamId)).Name = "他人改名";
        await theirs.SaveChangesAsync();
        stale.Name = "我的改名";

        var error = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => mine.SaveChangesAsync());

        Assert.Equal(DatabaseError.VersionConflict, error.Classify());
    }

    [Fact]
    public async Task Classify_ReturnsOther_WhenAForeignKeyRefusesARow()
    {
        await using var db = Database.NewContext();
        db.ContestTracks.Add(new ContestTrack { ContestId = int.MaxValue, Code = NewCode(), Name = "无主组别", NameEn = "Orphan" });

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.IsAssignableFrom<DbException>(error.InnerException);
        Assert.Equal(DatabaseError.Other, error.Classify());
    }
}

/// <summary>A database of the app's model, migrated once for a test class and removed after it.</summary>
public abstract class TestDatabase : IAsyncLifetime
{
    public abstract AppDbContext NewContext();

    public async Task InitializeAsync()
    {
        await using var db = NewContext();
        await db.Database.MigrateAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await using var db = NewContext();
        await db.Database.EnsureDeletedAsync();
    }
}

public sealed class SqliteTestDatabase : TestDatabase
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"chub-errors-{Guid.NewGuid():N}.db");

    /// <summary>One second of Microsoft.Data.Sqlite's own retrying on a busy file before it gives up.</summary>
    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false, DefaultTimeout = 1 }.ToString();

    public override AppDbContext NewContext() =>
        new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(ConnectionString).Options);
}

public sealed class SqliteDatabaseErrorsTests(SqliteTestDatabase database)
    : DatabaseErrorsTests(database), IClassFixture<SqliteTestDatabase>
{
    [Fact]
    public async Task Classify_ReturnsLockTimeout_WhenAnotherConnectionHoldsTheWriteLock()
    {
        await using var holder = await OpenAsync();
        await ExecuteAsync(holder, "BEGIN IMMEDIATE;");
        await using var waiter = await OpenAsync();

        var error = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(waiter, "BEGIN IMMEDIATE;"));

        Assert.Equal(5, error.SqliteErrorCode);
        Assert.Equal(DatabaseError.LockTimeout, error.Classify());
    }

    [Fact]
    public async Task Classify_ReturnsLockTimeout_WhenATableInUseIsDropped()
    {
        await using var connection = await OpenAsync();
        var table = NewCode();
        await ExecuteAsync(connection, $"CREATE TABLE \"{table}\" (x INTEGER); INSERT INTO \"{table}\" VALUES (1), (2);");
        await using var reading = connection.CreateCommand();
        reading.CommandText = $"SELECT x FROM \"{table}\";";
        await using var reader = await reading.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());

        var error = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(connection, $"DROP TABLE \"{table}\";"));

        Assert.Equal(6, error.SqliteErrorCode);
        Assert.Equal(DatabaseError.LockTimeout, error.Classify());
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(((SqliteTestDatabase)Database).ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>SQL Server is not available here: its error numbers are checked as numbers.</summary>
public sealed class SqlServerErrorNumbersTests
{
    [Theory]
    [InlineData(2627, DatabaseError.UniqueViolation)]
    [InlineData(2601, DatabaseError.UniqueViolation)]
    [InlineData(1205, DatabaseError.SerializationFailure)]
    [InlineData(1222, DatabaseError.LockTimeout)]
    [InlineData(547, DatabaseError.Other)]
    [InlineData(8152, DatabaseError.Other)]
    public void SqlServer_ReturnsTheKind_OfEachErrorNumber(int number, DatabaseError kind) =>
        Assert.Equal(kind, DatabaseErrors.SqlServer(number));
}
