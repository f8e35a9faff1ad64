using System.Collections.Concurrent;
using CompetitionHub.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CompetitionHub.Tests.Fuzzing;

/// <summary>One thing the app logged at Error or above, stamped with the fuzz request that was in flight (0: none).</summary>
public sealed record LoggedError(int Request, LogLevel Level, string Category, string Message, Exception? Exception);

/// <summary>
/// The real app on a real Kestrel port (so Kestrel's own limits apply, and SignalR clients connect as browsers do), with a
/// logger provider that keeps everything logged at Error or above. Requests are sent one at a time, so an entry logged
/// while request N is in flight belongs to request N (or to background work, which the report says).
/// </summary>
public sealed class FuzzHost : AppFactory
{
    public FuzzHost()
    {
        Kestrel = true;
        // Every upload of the run should reach the upload code, not the flood limit (a 429 would be a fine answer too).
        With("RateLimits:Uploads:PermitLimit", "100000");
    }

    public ErrorLog Errors { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(Errors)));
    }
}

public sealed class ErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<LoggedError> entries = new();
    private int current;

    /// <summary>The number of the fuzz request in flight; 0 between requests.</summary>
    public int Current { get => Volatile.Read(ref current); set => Volatile.Write(ref current, value); }

    public IReadOnlyList<LoggedError> Entries => [.. entries];

    public IReadOnlyList<LoggedError> Since(int count) => [.. entries.Skip(count)];

    public int Count => entries.Count;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(ErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            log.entries.Enqueue(new LoggedError(log.Current, logLevel, category, formatter(state, exception), exception));
        }
    }
}
