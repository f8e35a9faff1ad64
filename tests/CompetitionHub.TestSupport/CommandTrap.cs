using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CompetitionHub.TestSupport;

/// <summary>
/// Lets a test make something real happen in the database at a chosen moment of the app's own save: once armed, the next
/// command whose SQL contains the given text springs the trap, and the action runs once, on that command's connection,
/// just before or just after the command. Whatever the action throws is what the app's command throws. A host registers
/// the trap as an <see cref="IInterceptor"/>, which the app adds to every DbContext.
/// </summary>
public sealed class CommandTrap : DbCommandInterceptor
{
    private readonly Lock gate = new();
    private string? sql;
    private bool after;
    private Func<DbCommand, Task>? action;

    /// <summary>Commands that contained the armed text since the trap was armed, the one that sprang it included.</summary>
    public int Matches { get; private set; }

    public void Before(string sqlText, Func<DbCommand, Task> onCommand) => Arm(sqlText, onCommand, afterCommand: false);

    public void After(string sqlText, Func<DbCommand, Task> onCommand) => Arm(sqlText, onCommand, afterCommand: true);

    private void Arm(string sqlText, Func<DbCommand, Task> onCommand, bool afterCommand)
    {
        lock (gate)
        {
            (sql, action, after, Matches) = (sqlText, onCommand, afterCommand, 0);
        }
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (Take(command, afterCommand: false) is { } run) await run(command);
        return result;
    }

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData,
        DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (Take(command, afterCommand: true) is { } run) await run(command);
        return result;
    }

    private Func<DbCommand, Task>? Take(DbCommand command, bool afterCommand)
    {
        lock (gate)
        {
            if (sql is null || !command.CommandText.Contains(sql, StringComparison.Ordinal)) return null;
            // Counted once per command, on the side the action is for.
            if (afterCommand != after) return null;
            Matches++;
            var run = action;
            action = null;
            return run;
        }
    }
}
