using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CompetitionHub.Tests.Fuzzing;

/// <summary>One stored value that no input should have produced: which table, column and row, and why.</summary>
public sealed record StoredOffence(string Table, string Column, string Row, string Problem, string Value);

/// <summary>
/// Reads every text column of the app's database and finds what bad input left behind: NUL and other control
/// characters, bidi overrides (raw or JSON-escaped), absurd dates, values of 100 KB, file names whose extension is not
/// that of the stored content. Compared with a snapshot taken before, so only what the run stored is reported.
/// </summary>
public static partial class StoredData
{
    /// <summary>Identity's own "locked for good" (year 9999) is a value by design.</summary>
    private static readonly string[] SkippedColumns = ["LockoutEnd"];

    /// <summary>Derived copies (the audit trail, queued mail) say again what their source row says.</summary>
    private static readonly string[] Skipped = ["AuditEntries", "Notifications", "DataProtectionKeys"];

    /// <remarks>
    /// The tables and their text and time columns come from the model, so the scan reads SQLite and PostgreSQL alike;
    /// times are read as stored (text on SQLite, timestamps on PostgreSQL) and checked in the same ISO form.
    /// </remarks>
    public static async Task<HashSet<StoredOffence>> ScanAsync(FuzzHost host) =>
        await host.WithDbAsync(async db =>
        {
            var found = new HashSet<StoredOffence>();
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            try
            {
                foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is { } t && !Skipped.Contains(t) && !e.IsOwned()))
                {
                    var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
                    var key = entity.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName(table)!).ToList();
                    var columns = entity.GetProperties()
                        .Where(p => p.ClrType == typeof(string) || p.ClrType == typeof(DateTime) || p.ClrType == typeof(DateTime?))
                        .Select(p => p.GetColumnName(table))
                        .OfType<string>().Distinct().Except(SkippedColumns).ToList();
                    if (columns.Count == 0) continue;
                    await using var command = connection.CreateCommand();
                    command.CommandText = $"SELECT {string.Join(", ", key.Concat(columns).Select(c => $"\"{c}\""))} FROM \"{table.Name}\"";
                    await using var reader = await command.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                        var row = string.Join("/", key.Select((_, i) => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)));
                        var values = new Dictionary<string, string>();
                        for (var i = 0; i < columns.Count; i++)
                        {
                            var value = reader.IsDBNull(key.Count + i) ? null : reader.GetValue(key.Count + i);
                            if (value is DateTime time) value = time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                            if (value is string s) values[columns[i]] = s;
                        }
                        foreach (var (column, value) in values)
                            foreach (var problem in Problems(column, value, values))
                                found.Add(new StoredOffence(table.Name, column, row, problem, value));
                    }
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            return found;
        });

    public static IEnumerable<string> Problems(string column, string value, Dictionary<string, string> row)
    {
        if (value.Contains('\0') || Regex.IsMatch(value, @"\\u0000", RegexOptions.IgnoreCase)) yield return "NUL";
        else if (Control().IsMatch(value) || EscapedControl().IsMatch(value)) yield return "control characters";
        if (Bidi().IsMatch(value) || EscapedBidi().IsMatch(value)) yield return "bidi override";
        if (value.Length > 50_000) yield return $"a value of {value.Length:N0} characters";
        if (StoredDate().Match(value) is { Success: true } date
            && int.Parse(date.Groups[1].Value, CultureInfo.InvariantCulture) is < 1900 or > 2200) yield return $"year {date.Groups[1].Value}";
        if (column.EndsWith("FileName", StringComparison.Ordinal)
            && row.TryGetValue(column[..^"FileName".Length] + "ContentType", out var type) && Expected(type) is { } extensions
            && !extensions.Any(e => value.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            yield return $"file name not of its content ({type})";
    }

    private static string[]? Expected(string contentType) => contentType switch
    {
        "application/pdf" => [".pdf"],
        "image/png" => [".png"],
        "image/jpeg" => [".jpg", ".jpeg"],
        _ => null,
    };

    /// <summary>C0 controls but tab and line breaks, DEL, and C1 controls.</summary>
    [GeneratedRegex("[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]")]
    private static partial Regex Control();

    [GeneratedRegex(@"\\u00(0[1-8bcefBCEF]|1[0-9a-fA-F])|\\u007[fF]|\\u008[0-9a-fA-F]|\\u009[0-9a-fA-F]")]
    private static partial Regex EscapedControl();

    [GeneratedRegex("[\u202A-\u202E\u2066-\u2069]")]
    private static partial Regex Bidi();

    [GeneratedRegex(@"\\u202[a-eA-E]|\\u206[6-9]")]
    private static partial Regex EscapedBidi();

    /// <summary>A date or a time in ISO 8601 (as EF writes it to SQLite, and as the scan shows a timestamp), alone in its column.</summary>
    [GeneratedRegex(@"^(\d{4})-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?([+-]\d{2}:\d{2}|Z)?$")]
    private static partial Regex StoredDate();
}
