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
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            h.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/hangfire") ? DashboardCsp : Csp;
            return Task.CompletedTask;
        });
        return next(context);
    }
}
