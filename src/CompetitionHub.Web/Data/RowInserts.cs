using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CompetitionHub.Web.Data;

/// <summary>
/// New rows of one plain entity type written with one multi-row INSERT, where SaveChanges would send one INSERT per row
/// and track each: a panel's score sheets and their audit records, stored while fifty judges wait for their answer.
/// Columns, their names and how each value is stored (conversions, Guid and date formats) come from the model, as they do
/// for SaveChanges, so a row written here reads back exactly as one written there.
/// </summary>
/// <remarks>
/// The rows are not tracked and no save interceptor sees them: what an interceptor would do for them (a ranking stamp)
/// the caller does in the same transaction. Called inside <see cref="AtomicSave.SaveAtomicallyAsync{T}"/>: the rows may
/// take several statements, and they commit with the rest of the change or not at all. Only for types with columns of
/// their own: no owned or complex properties, no shadow or generated column besides the key.
/// </remarks>
public static class RowInserts
{
    // SQL Server takes at most 2,100 parameters and 1,000 rows of VALUES in one statement; SQLite 32,766 parameters.
    private const int MaxParameters = 2000;
    private const int MaxRows = 1000;

    public static async Task InsertAsync<T>(this AppDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        foreach (var command in Statements(db, rows, returning: null))
        {
            await using (command) await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Inserts <paramref name="rows"/> and answers the key the database gave each, by the row's
    /// <paramref name="matchedBy"/> value (a unique column): a multi-row INSERT returns its rows in no promised order.</summary>
    public static async Task<Dictionary<TMatch, TKey>> InsertAsync<T, TKey, TMatch>(this AppDbContext db, IReadOnlyCollection<T> rows,
        Expression<Func<T, TKey>> key, Expression<Func<T, TMatch>> matchedBy, CancellationToken ct) where T : class where TMatch : notnull
    {
        var type = EntityType<T>(db);
        var returning = (Property(type, key), Property(type, matchedBy));
        var keys = new Dictionary<TMatch, TKey>(rows.Count);
        foreach (var command in Statements(db, rows, returning))
        {
            await using (command)
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct)) keys.Add(reader.GetFieldValue<TMatch>(1), reader.GetFieldValue<TKey>(0));
            }
        }
        return keys;
    }

    /// <remarks>Plain commands on the context's connection and transaction rather than EF Core's raw SQL: a query whose
    /// text is new (every group size is) is compiled first, which took longer than the insert itself.</remarks>
    private static IEnumerable<DbCommand> Statements<T>(AppDbContext db, IReadOnlyCollection<T> rows, (IProperty Key, IProperty Match)? returning)
        where T : class
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Rows are inserted inside SaveAtomicallyAsync, so that they commit together.");
        var type = EntityType<T>(db);
        var columns = Columns(type);
        var sql = db.GetService<ISqlGenerationHelper>();
        var perStatement = Math.Max(1, Math.Min(MaxRows, MaxParameters / columns.Count));
        foreach (var chunk in rows.Chunk(perStatement))
        {
            var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandTimeout = db.Database.GetCommandTimeout() ?? command.CommandTimeout;
            command.CommandText = Text(db, type, columns, chunk.Length, returning);
            foreach (var row in chunk)
            {
                foreach (var column in columns)
                {
                    // The column's own mapping converts the value as SaveChanges would (enum as text, lines as JSON).
                    command.Parameters.Add(column.GetRelationalTypeMapping().CreateParameter(command,
                        sql.GenerateParameterName("p" + command.Parameters.Count), column.GetGetter().GetClrValueUsingContainingEntity(row),
                        column.IsNullable));
                }
            }
            yield return command;
        }
    }

    /// <summary>The statement for <paramref name="rows"/> rows, parameters named p0, p1, … row by row.</summary>
    internal static string Text<T, TKey, TMatch>(AppDbContext db, int rows, Expression<Func<T, TKey>> key, Expression<Func<T, TMatch>> matchedBy)
        where T : class
    {
        var type = EntityType<T>(db);
        return Text(db, type, Columns(type), rows, (Property(type, key), Property(type, matchedBy)));
    }

    private static string Text(AppDbContext db, IEntityType type, List<IProperty> columns, int rows, (IProperty Key, IProperty Match)? returning)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
            .AppendJoin(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!))).Append(')');
        string? output = null;
        if (returning is var (key, match))
        {
            if (key.GetTypeMapping().Converter is not null || match.GetTypeMapping().Converter is not null)
                throw new NotSupportedException("The returned columns are read as stored, so they may not be converted.");
            var (k, m) = (sql.DelimitIdentifier(key.GetColumnName(table)!), sql.DelimitIdentifier(match.GetColumnName(table)!));
            // SQL Server names the returned columns before VALUES; SQLite and PostgreSQL after, as RETURNING.
            if (db.Database.IsSqlServer()) text.Append($" OUTPUT INSERTED.{k}, INSERTED.{m}");
            else output = $" RETURNING {k}, {m}";
        }
        text.Append(" VALUES ");
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
                text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder("p" + (r * columns.Count + c)));
            text.Append(')');
        }
        return text.Append(output).ToString();
    }

    private static IEntityType EntityType<T>(AppDbContext db) =>
        db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity of the model.");

    /// <summary>Every column but a generated key; a type this way of writing would get wrong is refused outright.</summary>
    private static List<IProperty> Columns(IEntityType type)
    {
        if (type.GetComplexProperties().Any() || type.GetNavigations().Any(n => n.TargetEntityType.IsOwned()))
            throw new NotSupportedException($"{type.DisplayName()} has owned or complex properties; insert it with SaveChanges.");
        var columns = new List<IProperty>();
        foreach (var property in type.GetProperties())
        {
            if (property.IsPrimaryKey() && property.ValueGenerated == ValueGenerated.OnAdd) continue;
            if (property.IsShadowProperty() || property.ValueGenerated != ValueGenerated.Never)
                throw new NotSupportedException($"{type.DisplayName()}.{property.Name} is a shadow or generated column; insert it with SaveChanges.");
            columns.Add(property);
        }
        return columns;
    }

    private static IProperty Property<T, TValue>(IEntityType type, Expression<Func<T, TValue>> selector) =>
        selector.Body is MemberExpression { Member: PropertyInfo info } && type.FindProperty(info) is { } property
            ? property
            : throw new ArgumentException($"{selector} is not a column of {type.DisplayName()}.", nameof(selector));
}
