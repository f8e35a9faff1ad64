using System.Data.Common;
using System.Runtime.CompilerServices;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CompetitionHub.Web.Features.Notifications;

/// <summary>
/// Enqueues <see cref="SendDueNotifications"/> once a save that added due mail has committed, so no use case has to
/// remember to. Inside an explicit transaction it waits for the commit: a job started earlier would not see the rows.
/// Rows due later (reminders) are left to the sweeper.
/// </summary>
internal sealed class DispatchNotificationsOnSave(IBackgroundJobClient jobs, TimeProvider clock, ILogger<DispatchNotificationsOnSave> logger)
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
        if (context is null || !contextsWithNewMail.Remove(context))
            return;
        try
        {
            jobs.Enqueue<SendDueNotifications>(j => j.RunAsync(CancellationToken.None));
        }
        catch (Exception e)
        {
            // The change and its mail are committed; failing the caller now would only invite a duplicate.
            logger.LogWarning(e, "Could not enqueue the notification sender; the sweeper will send the mail");
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
            contextsWithNewMail.Remove(context);
    }
}
