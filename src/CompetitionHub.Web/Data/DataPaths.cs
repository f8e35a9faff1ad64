using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CompetitionHub.Web.Data;

/// <summary>Resolves the embedded default's files under one data folder, created on first use.</summary>
public sealed class DataPaths
{
    public DataPaths(IOptions<StorageOptions> options, IHostEnvironment environment)
    {
        Root = Path.GetFullPath(options.Value.DataPath, environment.ContentRootPath);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }
    public string Database => Path.Combine(Root, "competitionhub.db");
    public string HangfireDatabase => Path.Combine(Root, "hangfire.db");
    public string MailPickup => Path.Combine(Root, "mail-pickup");

    /// <summary>Uploaded materials, under generated names; outside wwwroot, so only the download action can serve them.</summary>
    public string Uploads => Path.Combine(Root, "uploads");

    public string SqliteConnectionString(string? configured)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? $"Data Source={Database}" : configured);
        // A relative file is taken from the data folder, not from wherever the process was started.
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.Combine(Root, builder.DataSource);
        builder.Pooling = true;
        return builder.ToString();
    }
}
