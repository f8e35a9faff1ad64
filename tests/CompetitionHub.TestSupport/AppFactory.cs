using System.Net;
using CompetitionHub.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.TestSupport;

/// <summary>
/// The real application on its own data folder (a real SQLite file, Hangfire's own SQLite file, a mail pickup folder),
/// or with CHUB_TEST_DATABASE=PostgreSql on a PostgreSQL database of its own that belongs to that folder (see
/// <see cref="TestDatabase"/>); optionally on a real Kestrel port for browsers and SignalR clients.
/// Settings go in before the host is built.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    static AppFactory()
    {
        // A test run starts hundreds of hosts; each would hold inotify instances for its settings files and for the
        // versioned script and style links, and Linux allows a user 128 of them, so hosts late in a long run failed
        // to render a page. The hosts poll instead and watch no settings file (the running app keeps both).
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
    }

    private readonly Dictionary<string, string?> settings = new()
    {
        // Tests post many forms from one address; the rate-limit test sets its own low limit.
        ["RateLimits:Auth:PermitLimit"] = "10000",
    };

    private readonly bool ownsDataPath;

    /// <param name="dataPath">A folder to reuse (e.g. to restart on the same data); it then belongs to the caller and is kept.</param>
    /// <param name="emptyDatabase">On PostgreSQL, start from an empty database rather than a migrated copy, as a first install does.</param>
    public AppFactory(string? dataPath = null, bool emptyDatabase = false)
    {
        ownsDataPath = dataPath is null;
        DataPath = dataPath ?? Path.Combine(Path.GetTempPath(), "chub-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataPath);
        settings["Storage:DataPath"] = DataPath;
        if (TestDatabase.IsPostgreSql)
        {
            TestDatabase.EnsureCreatedAsync(DataPath, emptyDatabase).GetAwaiter().GetResult();
            settings["Database:Provider"] = "PostgreSql";
            settings["ConnectionStrings:PostgreSql"] = TestDatabase.ConnectionStringFor(DataPath);
        }
    }

    public string DataPath { get; }
    public string EnvironmentName { get; set; } = "Development";
    public bool Kestrel { get; set; }

    /// <summary>Base address of the real Kestrel server (only when <see cref="Kestrel"/> is set).</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    public AppFactory With(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    private readonly List<Action<IServiceCollection>> services = [];

    /// <summary>The app's clock replaced, e.g. by one the test moves past a deadline; before the host is built.</summary>
    public AppFactory WithClock(TimeProvider clock) => WithService(clock);

    /// <summary>A command interceptor beside the app's own, to count or break what reaches the database.</summary>
    public AppFactory Watching(IInterceptor interceptor) => WithService(interceptor);

    // Typed by the caller's method, not inferred: a FakeTimeProvider registered as itself would leave the app's clock be.
    private AppFactory WithService<TService>(TService service) where TService : class
    {
        services.Add(s => s.AddSingleton(service));
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        // Outside Development the app needs its public address; a test that sets none means the one it talks to.
        if (EnvironmentName != "Development" && !settings.ContainsKey("Site:PublicBaseUrl"))
            builder.UseSetting("Site:PublicBaseUrl", "http://localhost");
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        if (Kestrel)
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.ConfigureTestServices(s => services.ForEach(add => add(s)));
    }

    /// <summary>A scope with the app's own DbContext, for arranging and asserting on the real database.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public Task WithDbAsync(Func<AppDbContext, Task> action) => WithDbAsync(async db => { await action(db); return 0; });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        // Pooled SQLite connections keep the files open; release them so the folder can go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        if (!ownsDataPath)
            return;
        if (TestDatabase.IsPostgreSql)
            await TestDatabase.DropAsync(DataPath);
        try { Directory.Delete(DataPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
