namespace CompetitionHub.Web.Infrastructure;

/// <summary>Headers every response carries: no sniffing, no framing by other sites, no referrer leaks, a strict CSP.</summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    // Pages load scripts and styles only from this site; the Hangfire dashboard inlines its own, so it gets a looser policy.
    private const string Csp = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; " +
                               "font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
    private const string DashboardCsp = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
                                        "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            h["X-Content-Type-Options"] = "nosniff";
            h["X-Frame-Options"] = "DENY";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            // Only a page that scans codes (marked [UsesCamera]) may open this site's camera; no page any other device.
            h["Permissions-Policy"] = context.GetEndpoint()?.Metadata.GetMetadata<UsesCameraAttribute>() is null
                ? "camera=(), microphone=(), geolocation=()"
                : "camera=(self), microphone=(), geolocation=()";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            // A response that states its own policy keeps it (a PDF shown in its viewer, see FileUploads.Download).
            if (string.IsNullOrEmpty(h.ContentSecurityPolicy))
                h.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/hangfire") ? DashboardCsp : Csp;
            return Task.CompletedTask;
        });
        return next(context);
    }
}

/// <summary>The page scans codes with the device's camera (the door page): its Permissions-Policy lets this site use it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UsesCameraAttribute : Attribute;
