using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Data;

/// <summary>
/// Makes migrating the embedded SQLite file safe against a crash at any moment (kill -9 by a watchdog, a power cut).
/// Two things SQLite does not give: EF Core's migration lock there is a row in <c>__EFMigrationsLock</c>, which a process
/// killed while holding it leaves behind, so every later start would wait for it forever; and a migration that rebuilds a
/// table runs partly outside a transaction (<c>PRAGMA foreign_keys = 0</c> cannot be set inside one), so a crash in the
/// middle leaves a schema half changed that the next start cannot migrate. So the migrating process:
/// <list type="bullet">
/// <item>holds an exclusive OS lock on a file beside the database, which the OS releases however the process ends: whoever
/// holds it and still finds EF's lock row knows that the row was left by a process that died, and deletes it;</item>
/// <item>before migrating, copies the database aside with SQLite's online backup API (which reads through the WAL, unlike a
/// file copy) and writes a marker naming the copy and the migrations; the next start that finds the marker while one of those
/// migrations is missing from <c>__EFMigrationsHistory</c> knows it was interrupted, and restores the copy before migrating
/// again. A migration's history row is written in its last transaction, so the row is there only if all of it is.</item>
/// </list>
/// </summary>
internal sealed class SqliteMigrationGuard : IAsyncDisposable
{
    private const string LockTable = "__EFMigrationsLock";
    private static readonly TimeSpan WarnEvery = TimeSpan.FromSeconds(5);

    private readonly FileStream fileLock;
    private readonly AppDbContext db;
    private readonly string database;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    private SqliteMigrationGuard(FileStream fileLock, AppDbContext db, string database, TimeProvider time, ILogger logger)
    {
        this.fileLock = fileLock;
        this.db = db;
        this.database = database;
        this.time = time;
        this.logger = logger;
    }

    private string MarkerPath => database + ".migration.json";

    /// <summary>Waits (saying so) while another process migrates the same file, then makes the file ready to migrate.</summary>
    public static async Task<SqliteMigrationGuard> EnterAsync(
        AppDbContext db, TimeSpan timeout, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        var database = Path.GetFullPath(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);
        var guard = new SqliteMigrationGuard(await LockFileAsync(database + ".migration-lock", timeout, time, logger, ct), db, database, time, logger);
        try
        {
            await guard.RestoreIfInterruptedAsync(ct);
            await guard.ReleaseStaleLockAsync(ct);
            return guard;
        }
        catch
        {
            await guard.DisposeAsync();
            throw;
        }
    }

    private static async Task<FileStream> LockFileAsync(string path, TimeSpan timeout, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var nextWarning = TimeSpan.Zero;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive lock (flock on Unix) for as long as this process lives.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e)
            {
                var waited = time.GetElapsedTime(started);
                if (waited >= timeout)
                    throw new TimeoutException($"Another process has been migrating the database for over {timeout.TotalSeconds:0} s (it holds {path}).", e);
                if (waited >= nextWarning)
                {
                    logger.LogWarning("Waiting for another process that is migrating the database (it holds {LockFile}), {Waited:0} s so far; giving up after {Timeout:0} s",
                        path, waited.TotalSeconds, timeout.TotalSeconds);
                    nextWarning = waited + WarnEvery;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(200), time, ct);
            }
        }
    }

    /// <summary>Copies the database aside and marks the migration as under way, unless a restored copy already stands for it.</summary>
    /// <returns>The copy the next start would restore should this migration be interrupted; null for a database with no data yet.</returns>
    public async Task<string?> BeginAsync(IReadOnlyList<string> pending, CancellationToken ct)
    {
        var marker = await ReadMarkerAsync(ct);
        var backup = marker is not null ? marker.Backup
            : (await db.Database.GetAppliedMigrationsAsync(ct)).Any() ? BackUp(pending[0])
            : null;
        await WriteMarkerAsync(new Marker(pending, backup, time.GetUtcNow()), ct);
        return backup is null ? null : Path.Combine(Path.GetDirectoryName(database)!, backup);
    }

    /// <summary>All migrations are applied; the copy stays for whoever wants to look back.</summary>
    public void Complete() => File.Delete(MarkerPath);

    public async ValueTask DisposeAsync() => await fileLock.DisposeAsync();

    private async Task RestoreIfInterruptedAsync(CancellationToken ct)
    {
        var marker = await ReadMarkerAsync(ct);
        if (marker is null) return;
        var applied = File.Exists(database) ? (await db.Database.GetAppliedMigrationsAsync(ct)).ToHashSet() : [];
        if (marker.Migrations.All(applied.Contains))
        {
            // The migration finished; only the marker's removal was lost.
            File.Delete(MarkerPath);
            return;
        }

        var backup = marker.Backup is null ? null : Path.Combine(Path.GetDirectoryName(database)!, marker.Backup);
        if (backup is not null && !File.Exists(backup))
            throw new InvalidOperationException($"The migration started at {marker.StartedAt:u} was interrupted, and the copy taken before it, {backup}, is gone. " +
                $"Restore {database} from a backup of your own, then delete {MarkerPath}.");
        logger.LogWarning("The migration of {Database} started at {StartedAt:u} ({Migrations}) was interrupted; restoring {Backup} and migrating again",
            database, marker.StartedAt, string.Join(", ", marker.Migrations), backup ?? "an empty database (it had no data yet)");
        await using var source = Open(backup ?? ":memory:");
        await using var target = Open(database);
        source.BackupDatabase(target);
    }

    private async Task ReleaseStaleLockAsync(CancellationToken ct)
    {
        if (!File.Exists(database)) return;
        var hasTable = await db.Database
            .SqlQuery<long>($"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {LockTable}")
            .SingleAsync(ct) > 0;
        if (!hasTable) return;
        var takenAt = await db.Database.SqlQueryRaw<string>($"SELECT \"Timestamp\" AS \"Value\" FROM \"{LockTable}\"").ToListAsync(ct);
        if (takenAt.Count == 0) return;
        await db.Database.ExecuteSqlRawAsync($"DELETE FROM \"{LockTable}\"", ct);
        logger.LogWarning("Released the migration lock that a process which has ended left in {Database} (taken at {TakenAt})",
            database, string.Join(", ", takenAt));
    }

    private string BackUp(string firstMigration)
    {
        var name = $"{Path.GetFileName(database)}.{time.GetUtcNow():yyyyMMdd-HHmmss}.before-{firstMigration}.bak";
        var path = Path.Combine(Path.GetDirectoryName(database)!, name);
        // Written under another name first, so a crash while copying never leaves a half copy under the real name.
        var partial = path + ".partial";
        foreach (var leftover in Directory.EnumerateFiles(Path.GetDirectoryName(database)!, Path.GetFileName(database) + ".*.bak.partial"))
            File.Delete(leftover);
        using (var source = Open(database))
        using (var copy = Open(partial))
        {
            source.BackupDatabase(copy);
            // One self-contained file, without -wal and -shm beside it.
            using var command = copy.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = DELETE;";
            command.ExecuteNonQuery();
        }
        File.Move(partial, path, overwrite: true);
        return name;
    }

    private async Task<Marker?> ReadMarkerAsync(CancellationToken ct)
    {
        if (!File.Exists(MarkerPath)) return null;
        await using var stream = File.OpenRead(MarkerPath);
        return await JsonSerializer.DeserializeAsync<Marker>(stream, cancellationToken: ct)
            ?? throw new InvalidOperationException($"{MarkerPath} is empty.");
    }

    private async Task WriteMarkerAsync(Marker marker, CancellationToken ct)
    {
        // Flushed to disk and then renamed into place: the marker is whole before the first change to the database.
        var temporary = MarkerPath + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await JsonSerializer.SerializeAsync(stream, marker, cancellationToken: ct);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, MarkerPath, overwrite: true);
    }

    private static SqliteConnection Open(string dataSource)
    {
        // Outside the pool: these connections end with this step and leave no handle on the files.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dataSource, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <param name="Backup">The copy's file name, beside the database; null when the database had no data to copy.</param>
    private sealed record Marker(IReadOnlyList<string> Migrations, string? Backup, DateTimeOffset StartedAt);
}
