using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Notifications;

/// <summary>
/// Asks for <see cref="SendDueNotifications"/> once a save that added due mail has committed, so no use case has to
/// remember to. Inside an explicit transaction it waits for the commit: a job started earlier would not see the rows.
/// Rows due later (reminders) are left to the sweeper. The job is enqueued off the request, by <see cref="SenderDispatcher"/>.
/// </summary>
internal sealed class DispatchNotificationsOnSave(SenderDispatcher sender, TimeProvider clock) : AfterCommitInterceptor
{
    protected override bool Concerns(DbContext context)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return context.ChangeTracker.Entries<Notification>().Any(e => e.State == EntityState.Added && e.Entity.NextAttemptAt <= now);
    }

    protected override void Committed() => sender.Request();
}
