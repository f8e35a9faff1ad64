using System.ComponentModel.DataAnnotations;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>Whether this instance runs background jobs, and with how many workers (config section "Hangfire").</summary>
public sealed class HangfireOptions : ISettings
{
    public static string Section => "Hangfire";

    /// <summary>Off for an instance that only serves pages; at least one instance must run jobs, or no mail goes out.</summary>
    public bool Server { get; set; } = true;

    [Range(1, 100)]
    public int WorkerCount { get; set; } = Math.Max(2, Environment.ProcessorCount);
}

public static class BackgroundJobsSetup
{
    public static WebApplicationBuilder AddBackgroundJobs(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var provider = config.Settings<DatabaseOptions>().Provider;
        builder.Services.AddSettings<HangfireOptions>();
        var hangfire = config.Settings<HangfireOptions>();
        builder.Services.AddHangfire((sp, h) =>
        {
            h.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
             .UseSimpleAssemblyNameTypeSerializer()
             .UseRecommendedSerializerSettings();
            switch (provider)
            {
                case DatabaseProvider.SqlServer:
                    h.UseSqlServerStorage(config.GetConnectionString("Hangfire") ?? config.GetConnectionString("SqlServer"),
                        new SqlServerStorageOptions { PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.Zero });
                    break;
                case DatabaseProvider.PostgreSql:
                    // In the application's database, under its own "hangfire" schema, polled every second as on SQLite.
                    // Its tables are made by PrepareJobStorage, not when the storage is built: the package's installer
                    // takes no lock, and instances starting at once failed on each other's half-made tables.
                    h.UsePostgreSqlStorage(
                        o => o.UseNpgsqlConnection(PostgreSqlConnectionString(config)),
                        new PostgreSqlStorageOptions
                        {
                            PrepareSchemaIfNecessary = false,
                            QueuePollInterval = TimeSpan.FromSeconds(1),
                            InvisibilityTimeout = TimeSpan.FromMinutes(5),
                        });
                    break;
                default:
                    // Its own file: Hangfire's polling never contends with the application's writes.
                    // The package defaults (15 s poll, 30 min invisibility) would make mail feel stuck.
                    h.UseSQLiteStorage(sp.GetRequiredService<DataPaths>().HangfireDatabase, new SQLiteStorageOptions
                    {
                        QueuePollInterval = TimeSpan.FromSeconds(1),
                        InvisibilityTimeout = TimeSpan.FromMinutes(5),
                    });
                    break;
            }
        });
        if (hangfire.Server)
        {
            builder.Services.AddHangfireServer(o =>
            {
                o.WorkerCount = hangfire.WorkerCount;
                o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            });
        }
        return builder;
    }

    /// <summary>Creates or upgrades Hangfire's tables; at start, under the start lock, so one instance at a time.</summary>
    public static void PrepareJobStorage(this IServiceProvider services)
    {
        // SQL Server's storage does this when built, under a lock of its own; SQLite's storage is a file of one instance.
        if (services.GetRequiredService<JobStorage>() is not PostgreSqlStorage) return;
        using var connection = new NpgsqlConnection(PostgreSqlConnectionString(services.GetRequiredService<IConfiguration>()));
        connection.Open();
        PostgreSqlObjectsInstaller.Install(connection, "hangfire");
    }

    private static string? PostgreSqlConnectionString(IConfiguration config) =>
        config.GetConnectionString("Hangfire") ?? config.GetConnectionString("PostgreSql");

    public static WebApplication MapBackgroundJobs(this WebApplication app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new StaffOnly()],
            // Triggering, deleting or requeuing a job acts on every contest's mail and reminders: Admins only. Read-only
            // hides the buttons and Hangfire refuses the commands' POSTs.
            IsReadOnlyFunc = context => !context.GetHttpContext().User.IsInRole(Roles.Admin),
            DashboardTitle = "CompetitionHub jobs",
            AppPath = "/organizer",
        }).RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = Roles.Staff });
        return app;
    }

    private sealed class StaffOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var user = context.GetHttpContext().User;
            return user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Organizer);
        }
    }
}

/// <summary>Healthy while at least one Hangfire server has sent a heartbeat recently: mail and reminders are moving.</summary>
internal sealed class HangfireHealthCheck(JobStorage storage, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var servers = storage.GetMonitoringApi().Servers();
            var alive = servers.Count(s => s.Heartbeat is { } beat && now - beat < TimeSpan.FromMinutes(2));
            return Task.FromResult(alive > 0
                ? HealthCheckResult.Healthy($"{alive} server(s)")
                : HealthCheckResult.Degraded("no Hangfire server has sent a heartbeat in the last 2 minutes"));
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire storage unreachable", e));
        }
    }
}
