using CompetitionHub.Web.Infrastructure;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using SQLitePCL;

namespace CompetitionHub.Web.Data;

public static class DataSetup
{
    /// <summary>
    /// A list a query matches against (<c>ids.Contains(e.Id)</c>) goes as one array parameter (json_each on SQLite, an
    /// array on PostgreSQL, OPENJSON on SQL Server) rather than one parameter per item, EF's default. Lists that grow
    /// with a contest (the entries a round ranks, those with a conflict) would otherwise make commands that grow with it,
    /// each length a new statement to prepare, and fail past SQLite's 32,766 or PostgreSQL's 65,535 parameters.
    /// </summary>
    private const ParameterTranslationMode OneParameter = ParameterTranslationMode.Parameter;

    /// <remarks>
    /// Features add behaviour to every save by registering an <see cref="IInterceptor"/> (e.g. the outbox dispatch).
    /// Every provider retries transient failures; a unit of several saves goes through <see cref="AtomicSave"/>.
    /// Contexts are pooled: every request uses one (the sign-in check reads the account's stamp), and building a fresh
    /// context and its options each time was a measurable part of the smallest pages. So the options are built once and
    /// nothing may keep state on a context beyond its scope.
    /// </remarks>
    public static IHostApplicationBuilder AddData(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSettings<DatabaseOptions>();
        services.AddSettings<StorageOptions>();
        services.AddSingleton<IValidateOptions<StorageOptions>, UploadsFolderCheck>();
        services.AddSingleton<DataPaths>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<MigrationProgress>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<MigrationProgress>());

        var provider = builder.Configuration.Settings<DatabaseOptions>().Provider;
        switch (provider)
        {
            case DatabaseProvider.SqlServer:
                var sqlServer = RequiredConnectionString(builder.Configuration, "SqlServer");
                services.AddDbContextPool<AppDbContext, SqlServerAppDbContext>((sp, o) => o
                    .UseSqlServer(sqlServer, sql => sql.EnableRetryOnFailure().UseParameterizedCollectionMode(OneParameter))
                    .AddInterceptors(sp.GetServices<IInterceptor>()));
                break;
            case DatabaseProvider.PostgreSql:
                var postgreSql = RequiredConnectionString(builder.Configuration, "PostgreSql");
                services.AddDbContextPool<AppDbContext, PostgreSqlAppDbContext>((sp, o) => o
                    .UseNpgsql(postgreSql, pg => pg.EnableRetryOnFailure().UseParameterizedCollectionMode(OneParameter))
                    .AddInterceptors(sp.GetServices<IInterceptor>()));
                break;
            default:
                // A retrying strategy on SQLite too, so a transaction opened outside AtomicSave fails here as on the servers.
                services.AddDbContextPool<AppDbContext, SqliteAppDbContext>((sp, o) => o
                    .UseSqlite(sp.GetRequiredService<DataPaths>().SqliteConnectionString(builder.Configuration.GetConnectionString("Sqlite")),
                        sqlite => sqlite.ExecutionStrategy(d => new SqliteRetryingExecutionStrategy(d)).UseParameterizedCollectionMode(OneParameter))
                    // EF warns that a migration rebuilding a table (PRAGMA foreign_keys, outside a transaction) needs manual
                    // repair after a crash; here SqliteMigrationGuard copies the file aside first and restores it, so it does not.
                    .ConfigureWarnings(w => w.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning))
                    .AddInterceptors(SqliteBusyTimeout.Instance)
                    .AddInterceptors(sp.GetServices<IInterceptor>()));
                break;
        }
        return builder;
    }

    private static string RequiredConnectionString(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name)
        ?? throw new InvalidOperationException($"Database:Provider is {name} but ConnectionStrings:{name} is not set.");

    /// <summary>Applies the provider's migrations, safely against a crash at any moment; see <see cref="DatabaseMigration"/>.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<DatabaseMigration>(scope.ServiceProvider).RunAsync(ct);
    }

    /// <summary>Waits for this database's start lock and holds it until disposed; see <see cref="StartLock"/>.</summary>
    public static async Task<IAsyncDisposable> EnterStartLockAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        return await StartLock.EnterAsync(provider.GetRequiredService<AppDbContext>(), provider.GetRequiredService<IOptions<DatabaseOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<StartLock>>(), ct);
    }

    /// <summary>
    /// Every SQLite connection waits up to 5 s for a lock instead of failing at once with SQLITE_BUSY. EF Core opens a
    /// connection for each query, and the pool hands back the same native connection, which keeps the setting: so it is
    /// set once per native connection, not on every open of every request.
    /// </summary>
    private sealed class SqliteBusyTimeout : DbConnectionInterceptor
    {
        public static readonly SqliteBusyTimeout Instance = new();
        private const string Pragma = "PRAGMA busy_timeout=5000;";
        private static readonly ConditionalWeakTable<sqlite3, object> Done = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (IsDone(connection, out var handle)) return;
            using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            command.ExecuteNonQuery();
            if (handle is not null) Done.AddOrUpdate(handle, Instance);
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
        {
            if (IsDone(connection, out var handle)) return;
            await using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(ct);
            if (handle is not null) Done.AddOrUpdate(handle, Instance);
        }

        private static bool IsDone(DbConnection connection, out sqlite3? handle)
        {
            handle = (connection as SqliteConnection)?.Handle;
            return handle is not null && Done.TryGetValue(handle, out _);
        }
    }
}
