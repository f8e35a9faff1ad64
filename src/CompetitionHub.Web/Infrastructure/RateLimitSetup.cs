using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>How many posts one client may make in a window (config section "RateLimits").</summary>
public sealed class RateLimitOptions : ISettings, IValidatableObject
{
    public static string Section => "RateLimits";

    public RateWindow Auth { get; set; } = new() { PermitLimit = 10 };
    public RateWindow Uploads { get; set; } = new() { PermitLimit = 30 };

    // The binder fills the nested windows; data annotations do not look inside them by themselves.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        new[] { (Name: nameof(Auth), Window: Auth), (Name: nameof(Uploads), Window: Uploads) }.SelectMany(w =>
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(w.Window, new ValidationContext(w.Window), results, validateAllProperties: true);
            return results.Select(r => new ValidationResult($"RateLimits:{w.Name}: {r.ErrorMessage}"));
        });
}

public sealed class RateWindow
{
    [Range(1, 100_000)]
    public int PermitLimit { get; set; }

    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 60;
}

public static class RateLimitSetup
{
    /// <summary>Sign-in, sign-up and password reset: few legitimate tries a minute, so a guesser is slowed to a crawl.</summary>
    public const string Auth = "auth";

    /// <summary>Material uploads, per signed-in person: enough for a team filling in its entry, not for flooding the disk.</summary>
    public const string Uploads = "uploads";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<RateLimitOptions>();
        var limits = builder.Configuration.Settings<RateLimitOptions>();
        var (limit, window) = (limits.Auth.PermitLimit, TimeSpan.FromSeconds(limits.Auth.WindowSeconds));
        var (uploadLimit, uploadWindow) = (limits.Uploads.PermitLimit, TimeSpan.FromSeconds(limits.Uploads.WindowSeconds));
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Auth, context => RateLimitPartition.GetFixedWindowLimiter(
                // Only posts count: opening the form again after a typo is not an attempt. The address is the client's,
                // also behind a listed proxy (ProxySetup), so people behind one proxy are not one client.
                HttpMethods.IsPost(context.Request.Method) ? context.Connection.RemoteIpAddress?.ToString() ?? "unknown" : "",
                key => key == "" ? new FixedWindowRateLimiterOptions { PermitLimit = int.MaxValue, Window = window }
                                 : new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = window, QueueLimit = 0 }));
            o.AddPolicy(Uploads, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value
                    ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = uploadLimit, Window = uploadWindow, QueueLimit = 0 }));
        });
        return builder;
    }
}
