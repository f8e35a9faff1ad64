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
/// Storage:UploadsPath must be a folder this process can create files in, checked at start: a share that is not mounted,
/// or mounted read-only, stops the start with its reason instead of failing every upload later.
/// </summary>
internal sealed class UploadsFolderCheck(IHostEnvironment environment) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.DataPath) || string.IsNullOrWhiteSpace(options.UploadsPath))
            return ValidateOptionsResult.Skip;
        var folder = Path.GetFullPath(options.UploadsPath, Path.GetFullPath(options.DataPath, environment.ContentRootPath));
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
