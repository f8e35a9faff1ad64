using System.Collections.Concurrent;
using System.Diagnostics;

namespace CompetitionHub.TestSupport;

/// <summary>
/// The built app as an operator runs it, <c>dotnet CompetitionHub.Web.dll</c>, on its own data folder and a loopback
/// port, with its settings on the command line; killed with SIGKILL as a watchdog, a crash or a power cut would stop it.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private volatile Watch? watch;

    private AppProcess(string dataPath, int port, string environment, IEnumerable<string> settings)
    {
        Port = port;
        var dll = AppDll();
        var start = new ProcessStartInfo("dotnet", [dll, $"--Storage:DataPath={dataPath}", $"--urls=http://127.0.0.1:{Port}", .. settings])
        {
            WorkingDirectory = Path.GetDirectoryName(dll),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment.Remove("ASPNETCORE_URLS");
        process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => Received(e.Data);
        process.ErrorDataReceived += (_, e) => Received(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }
    public Uri Address => new($"http://127.0.0.1:{Port}/");
    public bool HasExited => process.HasExited;
    public string Output => string.Join(Environment.NewLine, output);

    /// <summary>In Production on SQLite, on a free port, with its public address as an operator must give it outside Development.</summary>
    /// <param name="settings">Command-line settings, e.g. "--Logging:LogLevel:X=Information".</param>
    public static AppProcess Start(string dataPath, params string[] settings)
    {
        var port = RedisServer.FreePort();
        return new(dataPath, port, "Production", [$"--Site:PublicBaseUrl=http://127.0.0.1:{port}", "--Database:Provider=Sqlite", .. settings]);
    }

    /// <summary>In the environment given, on <paramref name="port"/>, with exactly the settings given.</summary>
    public static AppProcess Start(string dataPath, int port, string environment, IEnumerable<string> settings) =>
        new(dataPath, port, environment, settings);

    /// <summary>As <see cref="Start"/>, on the database the suite runs on (<see cref="TestDatabase"/>): on PostgreSQL, the data folder's own.</summary>
    /// <remarks>A later setting on the command line wins, so the provider given here replaces <see cref="Start"/>'s SQLite.</remarks>
    public static AppProcess StartOnTestDatabase(string dataPath, params string[] settings) =>
        Start(dataPath, TestDatabase.IsPostgreSql
            ? ["--Database:Provider=PostgreSql", $"--ConnectionStrings:PostgreSql={TestDatabase.ConnectionStringFor(dataPath)}", .. settings]
            : settings);

    /// <summary>Waits for a line the app writes; with <paramref name="kill"/>, kills it on the thread that reads that line, at once.</summary>
    public async Task WaitForLineAsync(Func<string, bool> line, TimeSpan timeout, bool kill = false)
    {
        var awaited = new Watch(line, kill);
        watch = awaited;
        if (output.Any(line)) awaited.Seen(process);
        try
        {
            await awaited.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The app did not write the line awaited within {timeout}:{Environment.NewLine}{Output}");
        }
    }

    private void Received(string? line)
    {
        if (line is null) return;
        output.Enqueue(line);
        if (watch is { } awaited && awaited.Line(line)) awaited.Seen(process);
    }

    /// <returns>How long /health took to answer Healthy, or null if it did not within the time given (or the app ended).</returns>
    public async Task<TimeSpan?> WaitHealthyAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !process.HasExited)
        {
            try
            {
                using var response = await Http.GetAsync(new Uri(Address, "/health"));
                if (response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains("\"status\":\"Healthy\"", StringComparison.Ordinal))
                    return clock.Elapsed;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        return null;
    }

    /// <summary>SIGKILL: no shutdown code runs, as with kill -9.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited) process.Kill();
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    private sealed class Watch(Func<string, bool> line, bool kill) : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public Func<string, bool> Line => line;

        public void Seen(Process process)
        {
            if (kill && !process.HasExited) process.Kill();
            TrySetResult();
        }
    }

    private static string AppDll()
    {
        // The tests run from tests/<project>/bin/<Configuration>/<Framework>; the app is built in the same shape.
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        for (var dir = testBin; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CompetitionHub.sln")))
                return Path.Combine(dir.FullName, "src", "CompetitionHub.Web", "bin", testBin.Parent!.Name, testBin.Name, "CompetitionHub.Web.dll");
        }
        throw new InvalidOperationException($"CompetitionHub.sln not found above {AppContext.BaseDirectory}");
    }
}
