using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CompetitionHub.TestSupport;

/// <summary>An entry the application logged at Error or above, with its exception if any.</summary>
public sealed record LoggedError(string Category, string Message, Exception? Exception);

/// <summary>
/// A logger provider that keeps what the application logs at Error or above, so a test can assert that nothing went
/// wrong on the server even where the client saw a friendly page.
/// </summary>
public sealed class ErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<LoggedError> errors = new();

    public IReadOnlyList<LoggedError> Errors => [.. errors];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, errors);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LoggedError> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) errors.Enqueue(new LoggedError(category, formatter(state, exception), exception));
        }
    }
}
