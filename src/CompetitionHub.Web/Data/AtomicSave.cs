using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Data;

/// <summary>
/// The one way to save a unit of work that needs more than one SaveChanges (an id needed by its audit record or mail, a
/// conditional update that claims or locks a row): the reads that decide, the changes, the audit record, the outbox rows
/// and the commit run as one transaction inside the provider's execution strategy.
/// </summary>
/// <remarks>
/// Every provider runs a retrying strategy (SQL Server's and Npgsql's <c>EnableRetryOnFailure</c>,
/// <see cref="SqliteRetryingExecutionStrategy"/>), and a retrying strategy refuses a transaction opened anywhere else: it
/// could not replay half of one. So this is the only place that begins a transaction.
/// <para>A transient failure (deadlock, serialization failure, busy file) runs the whole unit again from its first read.
/// The unit therefore does its own reads, and each attempt starts with an empty change tracker, the first one too, so
/// what a unit forgets to read again fails every time, not only on the rare retry.</para>
/// <para>The unit commits when it returns, whatever it returns: it decides a refusal before it changes anything. An
/// exception rolls it back and leaves the change tracker empty, so the page shown next reads what the database holds.</para>
/// </remarks>
public static class AtomicSave
{
    public static async Task<T> SaveAtomicallyAsync<T>(this AppDbContext db, Func<CancellationToken, Task<T>> unit, CancellationToken ct)
    {
        // Called from inside another unit: part of that one, committed or retried with it.
        if (db.Database.CurrentTransaction is not null)
            return await unit(ct);

        try
        {
            return await db.Database.CreateExecutionStrategy().ExecuteAsync(async attemptCt =>
            {
                db.ChangeTracker.Clear();
                await using var tx = await db.Database.BeginTransactionAsync(attemptCt);
                var result = await unit(attemptCt);
                await tx.CommitAsync(attemptCt);
                return result;
            }, ct);
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }
}
