using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CompetitionHub.Web.Data;

/// <summary>What a database error means to the app, whichever provider raised it.</summary>
public enum DatabaseError
{
    /// <summary>Nothing the app expects (a foreign key, a truncation, an outage): it propagates and is logged.</summary>
    Other,
    /// <summary>A unique index refused a row: it already exists, often because someone else added it a moment ago.</summary>
    UniqueViolation,
    /// <summary>A row's version token changed since it was read: someone else changed it.</summary>
    VersionConflict,
    /// <summary>A serialization failure or a deadlock victim: transient, so the execution strategy runs the unit again.</summary>
    SerializationFailure,
    /// <summary>A lock or busy wait ran out.</summary>
    LockTimeout,
}

/// <summary>
/// The one place that reads provider error codes. Use cases ask it which <see cref="DatabaseError"/> they met and turn
/// only the kinds they expect into a message; anything else is left to propagate, so a defect is logged with its cause
/// instead of being shown as "someone else changed this".
/// </summary>
public static class DatabaseErrors
{
    /// <summary>The kind of the first provider error in the exception's chain (EF wraps them in DbUpdateException and
    /// RetryLimitExceededException).</summary>
    public static DatabaseError Classify(this Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DbUpdateConcurrencyException:
                    return DatabaseError.VersionConflict;
                case SqliteException sqlite:
                    return Sqlite(sqlite.SqliteErrorCode, sqlite.SqliteExtendedErrorCode);
                case SqlException sqlServer:
                    return SqlServer(sqlServer.Number);
                case PostgresException postgres:
                    return PostgreSql(postgres.SqlState);
            }
        }
        return DatabaseError.Other;
    }

    /// <summary>SQLite result codes: https://www.sqlite.org/rescode.html</summary>
    internal static DatabaseError Sqlite(int code, int extendedCode) => (code, extendedCode) switch
    {
        // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY; other constraints (foreign key, not null, check) are bugs.
        (19, 2067 or 1555) => DatabaseError.UniqueViolation,
        // SQLITE_BUSY, SQLITE_LOCKED: the file or a table stayed locked past the busy timeout.
        (5 or 6, _) => DatabaseError.LockTimeout,
        _ => DatabaseError.Other,
    };

    /// <summary>SQL Server error numbers (sys.messages).</summary>
    internal static DatabaseError SqlServer(int number) => number switch
    {
        2627 or 2601 => DatabaseError.UniqueViolation,
        1205 => DatabaseError.SerializationFailure,
        1222 => DatabaseError.LockTimeout,
        _ => DatabaseError.Other,
    };

    /// <summary>PostgreSQL SQLSTATE codes: https://www.postgresql.org/docs/current/errcodes-appendix.html</summary>
    internal static DatabaseError PostgreSql(string sqlState) => sqlState switch
    {
        PostgresErrorCodes.UniqueViolation => DatabaseError.UniqueViolation,
        PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected => DatabaseError.SerializationFailure,
        PostgresErrorCodes.LockNotAvailable => DatabaseError.LockTimeout,
        _ => DatabaseError.Other,
    };
}
