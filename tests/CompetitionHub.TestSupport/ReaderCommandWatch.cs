using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CompetitionHub.TestSupport;

/// <summary>
/// Sees every command that reads rows (a query, or a write that returns its keys) just before it runs, sync or async; a
/// test's watch says what it counts. A host adds it with <see cref="AppFactory.Watching"/>, and the app puts it on every
/// DbContext.
/// </summary>
public abstract class ReaderCommandWatch : DbCommandInterceptor
{
    protected abstract void Saw(DbCommand command);

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Saw(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Saw(command);
        return ValueTask.FromResult(result);
    }
}
