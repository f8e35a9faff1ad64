using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CompetitionHub.Web.Data;

/// <summary>Resolves the app's folders: the embedded default's files under one data folder, created on first use, and the uploads folder.</summary>
public sealed class DataPaths
{
    public DataPaths(IOptions<StorageOptions> options, IHostEnvironment environment)
    {
        Root = Path.GetFullPath(options.Value.DataPath, environment.ContentRootPath);
        Directory.CreateDirectory(Root);
        Uploads = Path.GetFullPath(options.Value.UploadsPath, Root);
    }

    public string Root { get; }
    public string Database => Path.Combine(Root, "competitionhub.db");
    public string HangfireDatabase => Path.Combine(Root, "hangfire.db");
    public string MailPickup => Path.Combine(Root, "mail-pickup");

    /// <summary>Uploaded files, under generated names (Storage:UploadsPath); outside wwwroot, so only the download action can serve them.</summary>
    public string Uploads { get; }

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

/// <summary>
/// Storage:UploadsPath is checked at start. A relative path (inside the data folder) is created; an absolute one, a shared
/// folder, must exist already: a share that is not mounted leaves an empty mount point behind, and an instance that made
/// its own folder there would keep files on its own disk that no other instance can read. Either must take new files.
/// </summary>
internal sealed class UploadsFolderCheck(IHostEnvironment environment) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.DataPath) || string.IsNullOrWhiteSpace(options.UploadsPath))
            return ValidateOptionsResult.Skip;
        var folder = Path.GetFullPath(options.UploadsPath, Path.GetFullPath(options.DataPath, environment.ContentRootPath));
        if (Path.IsPathRooted(options.UploadsPath) && !Directory.Exists(folder))
            return ValidateOptionsResult.Fail($"Storage:UploadsPath: {folder} does not exist. Create it on the shared folder, and mount that share before starting.");
        var probe = Path.Combine(folder, $".write-check-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail($"Storage:UploadsPath: cannot create files in {folder}: {e.Message}");
        }
    }
}
