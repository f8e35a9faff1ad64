using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Data;

/// <summary>
/// One instance at a time through the part of a start that creates what is missing (Hangfire's tables, the Data
/// Protection key, the seeds): instances started at once on one database would each find it missing and each create it
/// (a second copy of a seeded contest fails its unique index and stops that start; a second key splits the key ring).
/// </summary>
/// <remarks>
/// The lock ends with whoever holds it, so a start killed while holding it leaves nothing behind: on PostgreSQL an
/// advisory lock and on SQL Server an application lock, each owned by a connection of its own that is closed, never
/// pooled, to release it; for the SQLite file an exclusive lock on a file beside it, which the OS releases with the process.
/// </remarks>
internal sealed class StartLock : IAsyncDisposable
{
    private const string Resource = "competitionhub:start";
    private static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan WarnEvery = TimeSpan.FromSeconds(5);

    private readonly IAsyncDisposable held;

    private StartLock(IAsyncDisposable held) => this.held = held;

    /// <summary>Waits (saying so every few seconds) while another instance holds the lock; gives up after Database:StartupTimeout.</summary>
    public static async Task<StartLock> EnterAsync(AppDbContext db, DatabaseOptions options, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        var connection = options.Provider == DatabaseProvider.Sqlite ? null : await OpenUnpooledAsync(db, ct);
        try
        {
            var started = time.GetTimestamp();
            var nextWarning = WarnEvery;
            while (true)
            {
                IAsyncDisposable? held = connection is null ? TryLockFile(db)
                    : await TryLockAsync(connection, options.Provider, ct) ? connection : null;
                if (held is not null) return new StartLock(held);

                var waited = time.GetElapsedTime(started);
                if (waited >= options.StartupTimeout)
                    throw new TimeoutException($"Another instance has been starting on this database for over {options.StartupTimeout.TotalSeconds:0} s (Database:StartupTimeout).");
                if (waited >= nextWarning)
                {
                    logger.LogWarning("Waiting for another instance that is starting on this database, {Waited:0} s so far; giving up after {Timeout:0} s",
                        waited.TotalSeconds, options.StartupTimeout.TotalSeconds);
                    nextWarning = waited + WarnEvery;
                }
                await Task.Delay(RetryEvery, time, ct);
            }
        }
        catch
        {
            if (connection is not null) await connection.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => held.DisposeAsync();

    private static async Task<DbConnection> OpenUnpooledAsync(AppDbContext db, CancellationToken ct)
    {
        var factory = DbProviderFactories.GetFactory(db.Database.GetDbConnection())
            ?? throw new InvalidOperationException("No ADO.NET provider for the database.");
        var builder = factory.CreateConnectionStringBuilder() ?? new DbConnectionStringBuilder();
        builder.ConnectionString = db.Database.GetConnectionString();
        builder["Pooling"] = false;
        var connection = factory.CreateConnection()!;
        connection.ConnectionString = builder.ConnectionString;
        await connection.OpenAsync(ct);
        return connection;
    }

    private static async Task<bool> TryLockAsync(DbConnection connection, DatabaseProvider provider, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = provider == DatabaseProvider.PostgreSql
            ? $"SELECT pg_try_advisory_lock(hashtext('{Resource}'))"
            : $"DECLARE @r int; EXEC @r = sp_getapplock @Resource = N'{Resource}', @LockMode = N'Exclusive', @LockOwner = N'Session', @LockTimeout = 0; " +
              "SELECT CASE WHEN @r >= 0 THEN 1 ELSE 0 END";
        return Convert.ToBoolean(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private static FileStream? TryLockFile(AppDbContext db)
    {
        var database = Path.GetFullPath(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);
        try
        {
            // FileShare.None is an exclusive lock (flock on Unix) for as long as this process lives.
            return new FileStream(database + ".start-lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
