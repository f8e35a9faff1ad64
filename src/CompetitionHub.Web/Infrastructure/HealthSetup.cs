using System.Text.Json;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace CompetitionHub.Web.Infrastructure;

public static class HealthSetup
{
    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database")
            .AddCheck<HangfireHealthCheck>("hangfire");
        return builder;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = "application/json; charset=utf-8";
                return context.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
                }));
            },
        }).WithMetadata(new PublicAttribute("load balancers and monitors probe it without an account; it names no person or contest"));
        return app;
    }
}
