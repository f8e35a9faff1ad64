using System.ComponentModel.DataAnnotations;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>Limits for uploaded documents and pictures (config section "Uploads").</summary>
public sealed class UploadOptions : ISettings
{
    public static string Section => "Uploads";

    /// <summary>Largest accepted file; the request limit on an upload action is set a little above it.</summary>
    [Range(1, 100L * 1024 * 1024)]
    public long MaxBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>How old a file without its record must be before the sweep removes it: longer than any upload takes to save.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "7.00:00:00")]
    public TimeSpan SweepGrace { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Cron (UTC) of the sweep that removes files left by interrupted uploads (<see cref="SweepUploads"/>).</summary>
    [Required]
    public string SweepCron { get; set; } = "17 3 * * *";
}

public static class UploadsSetup
{
    public static WebApplicationBuilder AddUploads(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<UploadOptions>();
        builder.Services.AddScoped<FileUploads>();
        builder.Services.AddScoped<SweepUploads>();
        builder.Services.AddHostedService<SweepUploadsSchedule>();
        return builder;
    }
}
