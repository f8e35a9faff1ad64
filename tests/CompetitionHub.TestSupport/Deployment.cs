using System.Globalization;
using System.Net;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.TestSupport;

/// <summary>
/// The app as a province runs it on several machines: instances as separate processes (<see cref="AppProcess"/>), each
/// with its own data folder and Hangfire workers, on one PostgreSQL database (Hangfire's jobs in it too), sharing one
/// uploads folder and a Redis backplane for SignalR, behind a round-robin <see cref="ReverseProxy"/>; mail goes to a real
/// SMTP listener. Every instance starts at once on an empty database, as after a first deployment. Needs
/// CHUB_TEST_POSTGRES (a PostgreSQL server) and redis-server.
/// </summary>
/// <remarks>
/// Processes, not hosts in the test process: Hangfire keeps static state (JobStorage.Current) that two hosts in one
/// process would share, and a process is what a real instance is, down to being killed mid-request.
/// </remarks>
public sealed class Deployment : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly AppProcess?[] instances;
    private readonly int[] ports;
    private readonly string[] settings;
    private readonly string[] extraSettings;
    private readonly RedisServer redis;
    private readonly ReverseProxy proxy;

    private Deployment(string root, int[] ports, string[] settings, string[] extraSettings, RedisServer redis, SmtpListener smtp, ReverseProxy proxy)
    {
        Root = root;
        this.ports = ports;
        this.settings = settings;
        this.extraSettings = extraSettings;
        this.redis = redis;
        Smtp = smtp;
        this.proxy = proxy;
        instances = new AppProcess?[ports.Length];
    }

    /// <summary>Whether this machine names a PostgreSQL server for tests (CHUB_TEST_POSTGRES).</summary>
    public static bool Available => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CHUB_TEST_POSTGRES"));

    /// <summary>A folder of the deployment's own; its database is <see cref="TestDatabase"/>'s for this folder.</summary>
    public string Root { get; }

    public string ConnectionString => TestDatabase.ConnectionStringFor(Root);
    public string UploadsPath => Path.Combine(Root, "uploads");
    public SmtpListener Smtp { get; }
    public Uri ProxyAddress => proxy.Address;
    public int Count => instances.Length;

    /// <param name="count">How many instances (1 or 2 is what the suite and the benchmarks compare).</param>
    /// <param name="extraSettings">Settings as --Key=Value for every instance (and <see cref="Arranger"/>), over the deployment's own.</param>
    public static async Task<Deployment> StartAsync(int count, params string[] extraSettings)
    {
        var root = Path.Combine(Path.GetTempPath(), "chub-tests", "deployment-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        Directory.CreateDirectory(Path.Combine(root, "uploads"));
        await TestDatabase.EnsureCreatedAsync(root, empty: true);
        var redis = await RedisServer.StartAsync();
        var smtp = await SmtpListener.StartNewAsync();
        var ports = Enumerable.Range(0, count).Select(_ => RedisServer.FreePort()).ToArray();
        var proxy = await ReverseProxy.StartAsync([.. ports.Select(p => new Uri($"http://127.0.0.1:{p}/"))]);
        string[] settings =
        [
            "--Database:Provider=PostgreSql",
            $"--ConnectionStrings:PostgreSql={TestDatabase.ConnectionStringFor(root)}",
            $"--Storage:UploadsPath={Path.Combine(root, "uploads")}",
            // One certificate for the key ring of every instance (the arranger, on this folder, finds it by default).
            $"--DataProtection:CertificatePath={Path.Combine(root, KeyProtection.DefaultFile)}",
            $"--SignalR:Redis={redis.Configuration}",
            $"--Smtp:Host={smtp.Host}",
            $"--Smtp:Port={smtp.Port.ToString(CultureInfo.InvariantCulture)}",
            $"--Site:PublicBaseUrl={proxy.Address}",
            "--Proxy:KnownProxies:0=127.0.0.1",
            // Every request reaches the instances from the proxy's address, so a limit per address would count all visitors as one.
            "--RateLimits:Auth:PermitLimit=100000",
            "--RateLimits:Uploads:PermitLimit=100000",
            .. extraSettings,
        ];
        var deployment = new Deployment(root, ports, settings, extraSettings, redis, smtp, proxy);
        try
        {
            for (var i = 0; i < count; i++) deployment.Launch(i);
            await Task.WhenAll(Enumerable.Range(0, count).Select(deployment.WaitInRotationAsync));
            return deployment;
        }
        catch
        {
            await deployment.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The app in the test process on the deployment's database and uploads folder, without Hangfire workers: for arranging
    /// data through the app's own use cases (<see cref="Scenario.ScenarioSteps"/>) and reading the database. What it
    /// broadcasts reaches the instances' clients through Redis; the mail it queues is sent by the instances' workers.
    /// </summary>
    public AppFactory Arranger()
    {
        var arranger = new AppFactory(Root)
            .With("Database:Provider", "PostgreSql")
            .With("ConnectionStrings:PostgreSql", ConnectionString)
            .With("Storage:UploadsPath", UploadsPath)
            .With("SignalR:Redis", redis.Configuration)
            .With("Hangfire:Server", "false");
        // The instances' own settings too: it registers the sweeper's schedule at start, as each instance does.
        foreach (var setting in extraSettings)
        {
            var (key, value) = setting.TrimStart('-').Split('=', 2) switch { [var k, var v] => (k, v), _ => (setting, "") };
            arranger.With(key, value);
        }
        return arranger;
    }

    /// <summary>A running instance; its output is what it logged.</summary>
    public AppProcess Instance(int i) => instances[i] ?? throw new InvalidOperationException($"Instance {i} is not running.");

    /// <summary>A client with a cookie jar of its own (or the one given), through the proxy; pinned to one instance if asked.</summary>
    public Browserless Browser(int? pinnedTo = null, CookieContainer? cookies = null)
    {
        var browser = new Browserless(ProxyAddress, cookies);
        if (pinnedTo is { } i) browser.Http.DefaultRequestHeaders.Add(ReverseProxy.InstanceHeader, Id(i));
        return browser;
    }

    /// <summary>The instance that answered a request through the proxy.</summary>
    public static int AnsweredBy(HttpResponseMessage response) =>
        response.Headers.TryGetValues(ReverseProxy.InstanceHeader, out var values) ? int.Parse(values.Single(), CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"The proxy did not say which instance answered ({(int)response.StatusCode}).");

    /// <summary>The header that pins a request (a SignalR connection, say) to one instance.</summary>
    public static KeyValuePair<string, string> Pin(int instance) => new(ReverseProxy.InstanceHeader, Id(instance));

    /// <summary>SIGKILL, as a crash or a power cut: nothing of the instance's shutdown runs.</summary>
    public async Task KillAsync(int i)
    {
        if (instances[i] is { } killed) await killed.DisposeAsync();
        instances[i] = null;
    }

    /// <summary>Starts a stopped instance again, on its port and settings, and waits until the proxy sends it requests.</summary>
    public async Task StartAgainAsync(int i)
    {
        if (instances[i] is not null) throw new InvalidOperationException($"Instance {i} is running.");
        Launch(i);
        await WaitInRotationAsync(i);
    }

    /// <summary>Whether the proxy currently sends requests to the instance.</summary>
    public bool InRotation(int i) => proxy.InRotation(i);

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in instances)
            if (instance is not null) await instance.DisposeAsync();
        await proxy.DisposeAsync();
        await redis.DisposeAsync();
        await Smtp.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        await TestDatabase.DropAsync(Root);
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string Id(int i) => i.ToString(CultureInfo.InvariantCulture);

    private void Launch(int i)
    {
        var dataPath = Path.Combine(Root, "instance-" + Id(i));
        Directory.CreateDirectory(dataPath);
        instances[i] = AppProcess.Start(dataPath, ports[i], "Development", settings);
    }

    private async Task WaitInRotationAsync(int i)
    {
        var instance = Instance(i);
        if (await instance.WaitHealthyAsync(StartTimeout) is null)
            throw new InvalidOperationException($"Instance {i} was not healthy within {StartTimeout.TotalSeconds:0} s:{Environment.NewLine}{instance.Output}");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!proxy.InRotation(i))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The proxy did not take instance {i} into rotation within 30 s ({proxy.Describe()}).");
            await Task.Delay(100);
        }
    }
}
