using System.ComponentModel.DataAnnotations;

namespace CompetitionHub.Web.Data;

public enum DatabaseProvider { Sqlite, SqlServer, PostgreSql }

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>How long a start keeps trying to reach the database, or waits for another process's migration, before it gives up.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>Where the embedded default keeps its files: the database, Hangfire's database and the mail pickup folder.</summary>
public sealed class StorageOptions
{
    [Required]
    public string DataPath { get; set; } = "data";
}
