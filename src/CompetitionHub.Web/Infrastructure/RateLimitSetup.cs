using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CompetitionHub.Web.Infrastructure;

public static class RateLimitSetup
{
    /// <summary>Sign-in, sign-up and password reset: few legitimate tries a minute, so a guesser is slowed to a crawl.</summary>
    public const string Auth = "auth";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var limit = builder.Configuration.GetValue("RateLimits:Auth:PermitLimit", 10);
        var window = TimeSpan.FromSeconds(builder.Configuration.GetValue("RateLimits:Auth:WindowSeconds", 60));
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Auth, context => RateLimitPartition.GetFixedWindowLimiter(
                // Only posts count: opening the form again after a typo is not an attempt.
                HttpMethods.IsPost(context.Request.Method) ? context.Connection.RemoteIpAddress?.ToString() ?? "unknown" : "",
                key => key == "" ? new FixedWindowRateLimiterOptions { PermitLimit = int.MaxValue, Window = window }
                                 : new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = window, QueueLimit = 0 }));
        });
        return builder;
    }
}
