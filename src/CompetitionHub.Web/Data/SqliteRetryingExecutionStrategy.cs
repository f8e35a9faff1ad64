using Microsoft.EntityFrameworkCore.Storage;

namespace CompetitionHub.Web.Data;

/// <summary>
/// SQLite's counterpart of the servers' <c>EnableRetryOnFailure()</c>, which the provider does not have. It retries a unit
/// that still found the file locked after the busy timeout. Just as much, it makes SQLite refuse a transaction opened
/// outside <see cref="AtomicSave"/> the way the servers' retrying strategies do, so such code fails on every provider
/// and in every test, not first in production.
/// </summary>
public sealed class SqliteRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies)
    : ExecutionStrategy(dependencies, MaxRetries, TimeSpan.FromSeconds(1))
{
    private const int MaxRetries = 3;

    protected override bool ShouldRetryOn(Exception exception) => exception.Classify() == DatabaseError.LockTimeout;

    /// <summary>A lock on one local file clears in milliseconds, not the seconds a server connection may need.</summary>
    protected override TimeSpan? GetNextDelay(Exception lastException) =>
        base.GetNextDelay(lastException) is null ? null : TimeSpan.FromMilliseconds(Random.Next(20, 100) * ExceptionsEncountered.Count);
}
