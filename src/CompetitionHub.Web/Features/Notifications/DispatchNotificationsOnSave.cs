using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CompetitionHub.Web.Features.Notifications;

/// <summary>
/// Asks for <see cref="SendDueNotifications"/> once a save that added due mail has committed, so no use case has to
/// remember to. Inside an explicit transaction it waits for the commit: a job started earlier would not see the rows.
/// Rows due later (reminders) are left to the sweeper. The job is enqueued off the request, by <see cref="SenderDispatcher"/>.
/// </summary>
internal sealed class DispatchNotificationsOnSave(SenderDispatcher sender, TimeProvider clock)
    : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly object Marker = new();
    private readonly ConditionalWeakTable<DbContext, object> contextsWithNewMail = new();

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
        DispatchIfCommitted(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        DispatchIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Dispatch(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Dispatch(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null)
            return;
        var now = clock.GetUtcNow().UtcDateTime;
        if (context.ChangeTracker.Entries<Notification>().Any(e => e.State == EntityState.Added && e.Entity.NextAttemptAt <= now))
            contextsWithNewMail.AddOrUpdate(context, Marker);
    }

    private void DispatchIfCommitted(DbContext? context)
    {
        // SaveChanges commits its own transaction unless the caller opened one; then the commit interceptor dispatches.
        if (context is not null && context.Database.CurrentTransaction is null)
            Dispatch(context);
    }

    private void Dispatch(DbContext? context)
    {
        if (context is not null && contextsWithNewMail.Remove(context))
            sender.Request();
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
            contextsWithNewMail.Remove(context);
    }
}
