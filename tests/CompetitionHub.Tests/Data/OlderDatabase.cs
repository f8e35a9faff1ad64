using CompetitionHub.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CompetitionHub.Tests.Data;

/// <summary>
/// A SQLite file as the first release left it: at the first migration, in WAL mode, with a few rows in the tables the later
/// migrations change (two of them are rebuilt), so an upgrade has data to lose.
/// </summary>
internal static class OlderDatabase
{
    public const string FirstMigration = "20261125195940_Initial";
    public const string FileName = "competitionhub.db";

    public static async Task CreateAsync(string path)
    {
        await using (var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()).Options))
        {
            await db.GetService<IMigrator>().MigrateAsync(FirstMigration);
        }
        await using var connection = Open(path);
        await ExecuteAsync(connection, """
            PRAGMA journal_mode = WAL;
            INSERT INTO Departments (Id, Code, Name, NameEn) VALUES (1, 'kjt', '吉林省科学技术厅', 'Science and Technology Department');
            INSERT INTO Contests (Id, Slug, Name, NameEn, Kind, EditionYear, Description, DescriptionEn, RulesText, RulesTextEn,
                LeadDepartmentId, IndustryFields, IsPublished, MinTeamSize, MaxTeamSize, Version)
                VALUES (1, 'cxcy-2026', '创新创业大赛', 'Innovation Contest', 'Competition', 2026, '', '', '', '', 1, '[]', 1, 1, 5,
                '6f2c1b1e-0000-4000-8000-000000000001');
            INSERT INTO Rounds (Id, ContestId, Sequence, Name, NameEn, Kind, Status, Description, Aggregation, TrimMinJudges)
                VALUES (1, 1, 1, '网评', 'Online review', 'OnlineReview', 'Scoring', '', 'TrimmedMean', 5);
            INSERT INTO ScoreSheets (Id, RoundId, EntryId, JudgeUserId, SubmissionId, Status, TotalHundredths, EffectiveTotalHundredths,
                Comment, CreatedAt, UpdatedAt, Version, Lines)
                VALUES (1, 1, 7, 'judge-1', '6f2c1b1e-0000-4000-8000-000000000002', 'Submitted', 8650, 8650, '思路清楚',
                '2026-11-20 08:00:00', '2026-11-20 08:00:00', '6f2c1b1e-0000-4000-8000-000000000003', '[{"c":1,"p":8650}]'),
                (2, 1, 8, 'judge-1', '6f2c1b1e-0000-4000-8000-000000000004', 'Draft', 0, 0, '',
                '2026-11-20 08:00:00', '2026-11-20 08:00:00', '6f2c1b1e-0000-4000-8000-000000000005', NULL);
            INSERT INTO ScoreCorrections (Id, SheetId, TotalHundredths, Comment, Reason, RequestedAt, Status, Lines)
                VALUES (1, 1, 8800, '', '漏算一项', '2026-11-21 08:00:00', 'Pending', NULL);
            """);
    }

    /// <summary>
    /// Adds <paramref name="count"/> submitted sheets (ids from 1000 on) to the table the later migration rebuilds, so the
    /// rebuild lasts long enough (about a second) for a kill sent when it begins to land inside it on a busy machine too.
    /// </summary>
    public static async Task AddFillerSheetsAsync(string path, int count)
    {
        await using var connection = Open(path);
        await ExecuteAsync(connection, $$"""
            WITH RECURSIVE n(i) AS (SELECT 1000 UNION ALL SELECT i + 1 FROM n WHERE i < {{999 + count}})
            INSERT INTO ScoreSheets (Id, RoundId, EntryId, JudgeUserId, SubmissionId, Status, TotalHundredths, EffectiveTotalHundredths,
                Comment, CreatedAt, UpdatedAt, Version, Lines)
            SELECT i, 1, i, 'judge-2', printf('6f2c1b1e-0000-4000-8000-%012d', i), 'Submitted', 7000, 7000, '',
                '2026-11-20 08:00:00', '2026-11-20 08:00:00', printf('6f2c1b1e-0000-4000-9000-%012d', i), '[{"c":1,"p":7000}]' FROM n;
            """);
    }

    /// <summary>Exactly what EF Core's SQLite migrator writes when it takes its lock; a process killed while holding it leaves this.</summary>
    public static async Task LeaveMigrationLockRowAsync(string path)
    {
        await using var connection = Open(path);
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY,
                "Timestamp" TEXT NOT NULL
            );
            INSERT OR IGNORE INTO "__EFMigrationsLock"("Id", "Timestamp") VALUES(1, '2026-12-01 09:30:00.1234567+00:00');
            """);
    }

    /// <summary>How far the later migration got, and whether EF Core's lock row is there, e.g. "half migrated, lock row left".</summary>
    public static async Task<string> StateAsync(string path)
    {
        // Read-only, so that closing it does not checkpoint the WAL the next start is to find.
        await using var connection = Open(path, SqliteOpenMode.ReadOnly);
        var migrated = (await ReadAsync(connection, "SELECT COUNT(*) FROM __EFMigrationsHistory WHERE MigrationId = '20261125212605_ResultsAndActivityWeek'"))[0] == "1";
        var changed = (await ReadAsync(connection, "SELECT COUNT(*) FROM pragma_table_info('Rounds') WHERE name = 'TrimCount'"))[0] == "1";
        var hasLockTable = (await ReadAsync(connection, "SELECT COUNT(*) FROM sqlite_master WHERE name = '__EFMigrationsLock'"))[0] == "1";
        var lockRow = hasLockTable && (await ReadAsync(connection, "SELECT COUNT(*) FROM __EFMigrationsLock"))[0] != "0";
        return (migrated ? "migrated" : changed ? "half migrated" : "not migrated") + (lockRow ? ", lock row left" : "");
    }

    /// <summary>What a whole schema with the data in it answers; equal for a database migrated at once and one recovered.</summary>
    public static async Task<string> DescribeAsync(string path)
    {
        await using var connection = Open(path);
        var lines = new List<string>
        {
            "integrity: " + string.Join(",", await ReadAsync(connection, "PRAGMA integrity_check")),
            "foreign keys: " + string.Join(",", await ReadAsync(connection, "PRAGMA foreign_key_check")),
            "lock rows: " + string.Join(",", await ReadAsync(connection, "SELECT COUNT(*) FROM __EFMigrationsLock")),
        };
        lines.AddRange(await ReadAsync(connection, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId"));
        lines.AddRange(await ReadAsync(connection, "SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"));
        lines.AddRange(await ReadAsync(connection, "SELECT 'department ' || Id || ' ' || Name FROM Departments"));
        lines.AddRange(await ReadAsync(connection, "SELECT 'round ' || Id || ' ' || Name || ' ' || TrimCount || ' ' || MissingEarlierScore FROM Rounds"));
        // The sheets written by hand are listed; filler sheets (ids from 1000) are counted and summed.
        lines.AddRange(await ReadAsync(connection, "SELECT 'sheet ' || Id || ' ' || TotalHundredths || ' ' || Comment || ' ' || quote(Lines) FROM ScoreSheets WHERE Id < 1000 ORDER BY Id"));
        lines.AddRange(await ReadAsync(connection, "SELECT 'filler sheets ' || COUNT(*) || ' ' || COALESCE(SUM(TotalHundredths), 0) FROM ScoreSheets WHERE Id >= 1000"));
        lines.AddRange(await ReadAsync(connection, "SELECT 'correction ' || Id || ' ' || Reason || ' ' || quote(Lines) FROM ScoreCorrections"));
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>Copies a database with SQLite's backup API (which reads through the WAL), in WAL mode as the app keeps it.</summary>
    public static async Task CopyAsync(string from, string to)
    {
        await using (var source = Open(from))
        await using (var target = Open(to))
        {
            source.BackupDatabase(target);
            await ExecuteAsync(target, "PRAGMA journal_mode = WAL;");
        }
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode = SqliteOpenMode.ReadWriteCreate)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> ReadAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : reader.GetValue(i).ToString())));
        return rows;
    }
}
