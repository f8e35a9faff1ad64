using System.ComponentModel.DataAnnotations;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>Limits for uploaded documents and pictures (config section "Uploads").</summary>
public sealed class UploadOptions : ISettings
{
    public static string Section => "Uploads";

    /// <summary>Largest accepted file; the request limit on an upload action is set a little above it.</summary>
    [Range(1, 100L * 1024 * 1024)]
    public long MaxBytes { get; set; } = 20L * 1024 * 1024;
}

public static class UploadsSetup
{
    public static WebApplicationBuilder AddUploads(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<UploadOptions>();
        builder.Services.AddScoped<FileUploads>();
        return builder;
    }
}
