using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>
/// Something to do once a save that concerns it has committed. Whether a save concerns it is decided as SaveChanges
/// starts, while the change tracker still knows what is being written; the work runs when SaveChanges commits its own
/// transaction or, inside a transaction the caller opened, when that one commits: before then, nobody else can see the rows.
/// A failed save or a rollback ends it with <see cref="Abandoned"/>.
/// </summary>
public abstract class AfterCommitInterceptor : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly object Marker = new();
    private readonly ConditionalWeakTable<DbContext, object> pending = new();

    /// <summary>Whether the save about to run concerns this interceptor (read from the change tracker).</summary>
    protected abstract bool Concerns(DbContext context);

    /// <summary>The save that concerns it has started.</summary>
    protected virtual void Started() { }

    /// <summary>The save that concerns it has committed.</summary>
    protected abstract void Committed();

    /// <summary>The save that concerns it failed or was rolled back.</summary>
    protected virtual void Abandoned() { }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        CommitIfOwn(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        CommitIfOwn(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => End(eventData.Context, committed: false);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        End(eventData.Context, committed: false);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => End(eventData.Context, committed: true);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        End(eventData.Context, committed: true);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => End(eventData.Context, committed: false);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        End(eventData.Context, committed: false);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null || !Concerns(context)) return;
        pending.AddOrUpdate(context, Marker);
        Started();
    }

    // SaveChanges commits its own transaction unless the caller opened one; then the transaction events end it.
    private void CommitIfOwn(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null) End(context, committed: true);
    }

    private void End(DbContext? context, bool committed)
    {
        if (context is null || !pending.Remove(context)) return;
        if (committed) Committed();
        else Abandoned();
    }
}
