using CompetitionHub.Web.Infrastructure;
using System.ComponentModel.DataAnnotations;

namespace CompetitionHub.Web.Data;

public enum DatabaseProvider { Sqlite, SqlServer, PostgreSql }

public sealed class DatabaseOptions : ISettings
{
    public static string Section => "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>How long a start keeps trying to reach the database, or waits for another process's migration, before it gives up.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>
/// Where the app keeps its files: the data folder holds the embedded default's database, Hangfire's database and the mail
/// pickup folder; uploaded files go to <see cref="UploadsPath"/>, a folder of its own.
/// </summary>
public sealed class StorageOptions : ISettings
{
    public static string Section => "Storage";

    [Required]
    public string DataPath { get; set; } = "data";

    /// <summary>
    /// Uploaded files; a relative path is taken from <see cref="DataPath"/>. Several instances behind a load balancer
    /// point it at one shared folder (an absolute path on a network share, which must exist; see <see cref="UploadsFolderCheck"/>),
    /// so a file uploaded through one is downloaded through any other.
    /// </summary>
    [Required]
    public string UploadsPath { get; set; } = "uploads";
}
