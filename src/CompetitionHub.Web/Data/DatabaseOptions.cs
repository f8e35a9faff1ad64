using System.ComponentModel.DataAnnotations;

namespace CompetitionHub.Web.Data;

public enum DatabaseProvider { Sqlite, SqlServer, PostgreSql }

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

/// <summary>Where the embedded default keeps its files: the database, Hangfire's database and the mail pickup folder.</summary>
public sealed class StorageOptions
{
    [Required]
    public string DataPath { get; set; } = "data";
}
