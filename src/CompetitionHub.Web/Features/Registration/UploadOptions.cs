using System.ComponentModel.DataAnnotations;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>Limits for entry materials (config section "Uploads").</summary>
public sealed class UploadOptions
{
    /// <summary>Largest accepted file; the request limit on the upload action is set a little above it.</summary>
    [Range(1, 100L * 1024 * 1024)]
    public long MaxBytes { get; set; } = 20L * 1024 * 1024;
}
