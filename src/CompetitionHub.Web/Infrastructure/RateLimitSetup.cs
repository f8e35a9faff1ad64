using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CompetitionHub.Web.Infrastructure;

public static class RateLimitSetup
{
    /// <summary>Sign-in, sign-up and password reset: few legitimate tries a minute, so a guesser is slowed to a crawl.</summary>
    public const string Auth = "auth";

    /// <summary>Material uploads, per signed-in person: enough for a team filling in its entry, not for flooding the disk.</summary>
    public const string Uploads = "uploads";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var limit = builder.Configuration.GetValue("RateLimits:Auth:PermitLimit", 10);
        var window = TimeSpan.FromSeconds(builder.Configuration.GetValue("RateLimits:Auth:WindowSeconds", 60));
        var uploadLimit = builder.Configuration.GetValue("RateLimits:Uploads:PermitLimit", 30);
        var uploadWindow = TimeSpan.FromSeconds(builder.Configuration.GetValue("RateLimits:Uploads:WindowSeconds", 60));
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
