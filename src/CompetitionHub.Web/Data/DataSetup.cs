using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace CompetitionHub.Web.Data;

public static class DataSetup
{
    /// <remarks>Features add behaviour to every save by registering an <see cref="IInterceptor"/> (e.g. the outbox dispatch).</remarks>
    public static IHostApplicationBuilder AddData(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().BindConfiguration("Database").ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration("Storage").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DataPaths>();
        services.AddSingleton(TimeProvider.System);

        var provider = builder.Configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        if (provider == DatabaseProvider.SqlServer)
        {
            var connectionString = builder.Configuration.GetConnectionString("SqlServer")
                ?? throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:SqlServer is not set.");
            services.AddDbContext<AppDbContext, SqlServerAppDbContext>((sp, o) => o
                .UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure())
                .AddInterceptors(sp.GetServices<IInterceptor>()));
        }
        else
        {
            services.AddDbContext<AppDbContext, SqliteAppDbContext>((sp, o) => o
                .UseSqlite(sp.GetRequiredService<DataPaths>().SqliteConnectionString(builder.Configuration.GetConnectionString("Sqlite")))
                .AddInterceptors(SqliteBusyTimeout.Instance)
                .AddInterceptors(sp.GetServices<IInterceptor>()));
        }
        return builder;
    }

    /// <summary>Applies the provider's migrations; on SQLite also switches the file to WAL so readers never block the writer.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }

    /// <summary>Every SQLite connection waits up to 5 s for a lock instead of failing at once with SQLITE_BUSY.</summary>
    private sealed class SqliteBusyTimeout : DbConnectionInterceptor
    {
        public static readonly SqliteBusyTimeout Instance = new();
        private const string Pragma = "PRAGMA busy_timeout=5000;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
