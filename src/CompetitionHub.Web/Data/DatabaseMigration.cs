using System.Data.Common;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace CompetitionHub.Web.Data;

/// <summary>
/// Brings the database up to date before the first request. A start that cannot proceed says why in the log within
/// seconds (the database does not answer, another process holds the migration lock) and gives up with a clear message after
/// Database:StartupTimeout; a start that was killed at any moment leaves nothing the next start cannot repair.
/// </summary>
/// <remarks>
/// The migration lock of the server databases ends with the connection that holds it, so a killed process cannot leave it
/// behind: on PostgreSQL, EF takes <c>LOCK TABLE "__EFMigrationsHistory" IN ACCESS EXCLUSIVE MODE</c> inside the migration's
/// transaction; on SQL Server, <c>sp_getapplock</c> owned by the session. When the process is killed the OS closes its
/// socket, and the server ends the session as soon as it next reads from it: at once if it was idle between commands, after
/// the statement finishes if one was running (checked on the shared PostgreSQL 15: a lock held by a killed client was free
/// again at once when idle in its transaction, and only after the statement ended when killed mid-statement). After a power
/// cut of the app's machine nothing closes the socket, and the server notices only by TCP keepalive (two hours by default
/// on Linux); set <c>idle_in_transaction_session_timeout</c> on PostgreSQL to bound that. On SQLite the lock is a row, which
/// <see cref="SqliteMigrationGuard"/> releases when the process that took it has ended.
/// </remarks>
internal sealed class DatabaseMigration(
    AppDbContext db, MigrationProgress progress, IOptions<DatabaseOptions> options, TimeProvider time, ILogger<DatabaseMigration> logger)
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan WarnEvery = TimeSpan.FromSeconds(5);

    public async Task RunAsync(CancellationToken ct)
    {
        var provider = options.Value.Provider;
        var target = Describe(db.Database.GetDbConnection(), provider);
        try
        {
            if (provider != DatabaseProvider.Sqlite)
                await WaitUntilReachableAsync(target, ct);
            await using var guard = provider == DatabaseProvider.Sqlite
                ? await SqliteMigrationGuard.EnterAsync(db, options.Value.StartupTimeout, time, logger, ct)
                : null;
            await WatchAsync(MigrateAsync(guard, target, ct), target, ct);
            // Readers then never block the writer; the mode is stored in the file.
            if (provider == DatabaseProvider.Sqlite)
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogCritical(e, "Cannot start: {Target} could not be brought up to date. {Reason}", target, Reason(e));
            throw;
        }
    }

    private static string Describe(DbConnection connection, DatabaseProvider provider) => provider == DatabaseProvider.Sqlite
        ? $"Sqlite database {Path.GetFullPath(connection.DataSource)}"
        : $"{provider} database {connection.Database} on {connection.DataSource}";

    /// <summary>Opens a connection until one succeeds, saying after each failure why and when it tries again.</summary>
    private async Task WaitUntilReachableAsync(string target, CancellationToken ct)
    {
        var timeout = options.Value.StartupTimeout;
        var factory = DbProviderFactories.GetFactory(db.Database.GetDbConnection())
            ?? throw new InvalidOperationException($"No ADO.NET provider for {target}.");
        var started = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attemptCts.CancelAfter(AttemptTimeout);
            string reason;
            try
            {
                await using var probe = factory.CreateConnection()!;
                probe.ConnectionString = db.Database.GetConnectionString();
                await probe.OpenAsync(attemptCts.Token);
                return;
            }
            catch (Exception e) when (e.Classify() == DatabaseError.DatabaseMissing)
            {
                // The server answered; migrating creates the database.
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is DbException or SocketException or IOException or TimeoutException or OperationCanceledException)
            {
                reason = attemptCts.IsCancellationRequested ? $"no answer within {AttemptTimeout.TotalSeconds:0} s" : Reason(e);
            }

            var waited = time.GetElapsedTime(started);
            var delay = TimeSpan.FromSeconds(Math.Min(1 << Math.Min(attempt - 1, 4), 10));
            if (waited + delay >= timeout)
                throw new TimeoutException($"Gave up after {attempt} attempts in {waited.TotalSeconds:0} s (Database:StartupTimeout): {reason}");
            logger.LogWarning("Cannot reach {Target} (attempt {Attempt}): {Reason}. Trying again in {Delay:0} s; giving up after {Timeout:0} s",
                target, attempt, reason, delay.TotalSeconds, timeout.TotalSeconds);
            await Task.Delay(delay, time, ct);
        }
    }

    private async Task MigrateAsync(SqliteMigrationGuard? guard, string target, CancellationToken ct)
    {
        // On PostgreSQL this read already waits while another process holds the migration lock.
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count == 0)
        {
            logger.LogInformation("{Target} is up to date", target);
            return;
        }
        var backup = guard is null ? null : await guard.BeginAsync(pending, ct);
        logger.LogInformation("Applying {Count} migration(s) to {Target}: {Migrations}{Backup}", pending.Count, target,
            string.Join(", ", pending), backup is null ? "" : $"; the database as it was before is copied to {backup}");
        var started = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.Database.MigrateAsync(ct);
                break;
            }
            catch (Exception e) when (guard is null && attempt < 5 && !ct.IsCancellationRequested)
            {
                // On a server database EF Core's migration lock is taken per migration, after the list of pending ones was
                // read: two instances started at once can both set out to apply a migration the other has just applied.
                // Fewer pending migrations than before means another instance got there first; the failed one was
                // rolled back with its transaction, so trying again applies what is left, if anything.
                var left = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
                if (left.Count >= pending.Count)
                    throw;
                logger.LogWarning("Another instance applied migrations at the same time ({Reason}); {Count} left to apply", e.Message, left.Count);
                pending = left;
            }
        }
        guard?.Complete();
        logger.LogInformation("Applied {Count} migration(s) to {Target} in {Seconds:0.0} s", pending.Count, target, time.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>Says every few seconds, while the migration takes long, what it waits on.</summary>
    private async Task WatchAsync(Task migrating, string target, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        while (await Task.WhenAny(migrating, Task.Delay(WarnEvery, time, ct)) != migrating)
        {
            ct.ThrowIfCancellationRequested();
            var last = progress.Last;
            var command = last?.Command.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "none yet";
            var onLock = last is not null && MigrationProgress.MayWaitForTheLock(last.Command);
            logger.LogWarning("Still migrating {Target} after {Elapsed:0} s{Waiting}; the last command, sent {Ago:0} s ago: {Command}",
                target, time.GetElapsedTime(started).TotalSeconds,
                onLock ? ", probably waiting for the migration lock, which another process migrating this database holds" : "",
                last is null ? 0 : time.GetElapsedTime(last.SentAt).TotalSeconds, command);
        }
        await migrating;
    }

    private static string Reason(Exception e)
    {
        var messages = new List<string>();
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (!messages.Contains(inner.Message)) messages.Add(inner.Message);
        }
        return string.Join(" ", messages.Select(m => m.TrimEnd('.') + "."));
    }
}

/// <summary>Remembers the last command a migration sent, so that a start that takes long can say what it waits on.</summary>
internal sealed class MigrationProgress(TimeProvider time) : DbCommandInterceptor
{
    private Sent? last;

    public sealed record Sent(string Command, long SentAt);

    public Sent? Last => Volatile.Read(ref last);

    /// <summary>
    /// EF's migration lock: the lock row on SQLite, the table lock on PostgreSQL (which every read of the history table
    /// waits for too), the application lock on SQL Server.
    /// </summary>
    public static bool MayWaitForTheLock(string command) =>
        command.Contains("__EFMigrationsLock", StringComparison.Ordinal)
        || command.Contains("__EFMigrationsHistory", StringComparison.Ordinal)
        || command.Contains("sp_getapplock", StringComparison.Ordinal);

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Note(command, eventData, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken ct = default) => ValueTask.FromResult(Note(command, eventData, result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        Note(command, eventData, result);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken ct = default) => ValueTask.FromResult(Note(command, eventData, result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
        Note(command, eventData, result);

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken ct = default) => ValueTask.FromResult(Note(command, eventData, result));

    private T Note<T>(DbCommand command, CommandEventData eventData, T result)
    {
        if (eventData.CommandSource == CommandSource.Migrations)
            Volatile.Write(ref last, new Sent(command.CommandText, time.GetTimestamp()));
        return result;
    }
}
