using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CompetitionHub.Web.Data;

/// <summary>
/// Work a save does to its own changes before they are written, whether the save is synchronous or not: the work may
/// read the database, so it is written once, asynchronously, and a synchronous save waits for it.
/// </summary>
public abstract class BeforeSave : SaveChangesInterceptor
{
    /// <param name="sync">True within a synchronous save: the work then runs its reads synchronously too.</param>
    protected abstract Task WorkAsync(AppDbContext db, bool sync, CancellationToken ct);

    public sealed override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db) WorkAsync(db, sync: true, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public sealed override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db) await WorkAsync(db, sync: false, cancellationToken);
        return result;
    }
}
