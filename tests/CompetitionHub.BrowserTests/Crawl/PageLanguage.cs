using System.Data.Common;
using System.Text.Json;
using System.Text.RegularExpressions;
using CompetitionHub.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CompetitionHub.BrowserTests.Crawl;

/// <summary>A piece of text a person reads on the page: a text node, the title, or a label-like attribute.</summary>
public sealed record PageText(string Text, string Lang, string Kind);

/// <summary>
/// Whether a page speaks its reader's language. People's own words (titles, names, reasons, the seeded contests' names
/// that have no translation) are in whatever language they were typed; everything the application itself says must be
/// in the page's language. So in English, Chinese that is not somebody's data is untranslated text; in Chinese, English
/// words that are not somebody's data (an enum's name, a framework message) are. Code, preformatted blocks and elements
/// marked translate="no" are machine text (the audit trail's codes and states); elements with a lang attribute say their
/// language themselves.
/// </summary>
public sealed partial class PageLanguage(AppFactory app)
{
    private const string TextScript = """
        () => {
          const out = [];
          const push = (text, el, kind) => {
            text = (text || '').replace(/\s+/g, ' ').trim();
            if (!text) return;
            if (el && el.closest('script,style,noscript,textarea,code,pre,kbd,samp,[translate=no]')) return;
            const marked = el && el.closest('[lang]');
            out.push({ text, lang: marked && marked !== document.documentElement ? marked.getAttribute('lang') : '', kind });
          };
          push(document.title, null, 'title');
          const main = document.querySelector('main') || document.body;
          const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) push(n.nodeValue, n.parentElement, 'text');
          main.querySelectorAll('*').forEach(el => {
            for (const a of el.getAttributeNames())
              if (a === 'placeholder' || a === 'title' || a === 'aria-label' || a === 'alt' || a === 'data-confirm' || a.startsWith('data-msg'))
                push(el.getAttribute(a), el, a);
            if (el.matches('input[type=submit],input[type=button]')) push(el.value, el, 'value');
          });
          return JSON.stringify(out);
        }
        """;

    // Words that are the same in both languages: formats, product and method names, units.
    private static readonly HashSet<string> Universal = new(StringComparer.OrdinalIgnoreCase)
    {
        "CompetitionHub", "PDF", "PPTX", "PNG", "JPEG", "JPG", "CSV", "XLSX", "UTF", "BOM", "QR", "MB", "KB", "ID", "UTC", "SHA",
        "iCalendar", "ics", "Kendall", "Spearman", "API", "OpenAPI", "JSON", "Hangfire", "SignalR", "WebSocket", "Email", "PPT",
        "Excel", "Chrome", "HTTPS", "localhost", "BarcodeDetector", "https", "http", "www", "SplitMix", "Fisher", "Yates", "mod",
        // National standards keep their Latin designation in Chinese text (GB 32100 for credit codes).
        "GB",
    };

    private readonly List<string> typed = [];
    private string[] known = [];
    private DateTime loadedAt = DateTime.MinValue;

    /// <summary>Values the crawl typed into forms: its own data from now on (read with the database's at the next check).</summary>
    public void Typed(IEnumerable<string> values)
    {
        lock (typed) typed.AddRange(values.Where(v => v.Length > 0));
        loadedAt = DateTime.MinValue;
    }

    public async Task<IReadOnlyList<string>> UntranslatedAsync(IPage page, string culture)
    {
        var texts = JsonSerializer.Deserialize<List<PageText>>(await page.EvaluateAsync<string>(TextScript), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var english = culture == "en";
        var suspects = texts.Where(t => !t.Lang.StartsWith(english ? "zh" : "en", StringComparison.OrdinalIgnoreCase) && !IsMachineText(t))
            .Where(t => english ? Cjk().IsMatch(t.Text) : LatinWords(t.Text).Any()).ToList();
        if (suspects.Count == 0) return [];
        await RefreshAsync();
        return suspects.Where(t => english ? Cjk().IsMatch(Strip(t.Text)) : LatinWords(Strip(Technical().Replace(t.Text, " "))).Any())
            .Select(t => $"{t.Kind}: \"{Shorten(t.Text)}\"").Distinct().ToList();
    }

    /// <summary>A JSON value, or a placeholder showing the shape of a code ("startup", "ABCD2345"): not words of a language.</summary>
    private static bool IsMachineText(PageText text)
    {
        if (text.Kind == "placeholder" && !text.Text.Contains(' ', StringComparison.Ordinal)) return true;
        if (!(text.Text.StartsWith('{') || text.Text.StartsWith('['))) return false;
        try
        {
            using var json = JsonDocument.Parse(text.Text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static IEnumerable<string> LatinWords(string text) =>
        LatinWord().Matches(Code().Replace(Technical().Replace(text, " "), " ")).Select(m => m.Value).Where(w => !Universal.Contains(w));

    private string Strip(string text)
    {
        foreach (var s in known)
        {
            if (text.Length == 0) break;
            if (s.Length <= text.Length) text = text.Replace(s, " ", StringComparison.Ordinal);
        }
        return text;
    }

    private static string Shorten(string s) => s.Length <= 120 ? s : s[..117] + "…";

    /// <summary>
    /// Everything people have put in the database is their data: each text column's values (JSON lists taken apart),
    /// except a Chinese value whose row has its English counterpart (Name beside NameEn), which an English page must not
    /// show. The audit trail and the outbox are records about data, not data shown as such. Read again at most every few
    /// seconds, as the crawl adds data as it goes.
    /// </summary>
    private async Task RefreshAsync()
    {
        if (DateTime.UtcNow - loadedAt < TimeSpan.FromSeconds(5)) return;
        var values = new HashSet<string>(StringComparer.Ordinal);
        await app.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            try
            {
                var tables = await ReadAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' " +
                    "AND name NOT IN ('AuditEntries', 'Notifications', '__EFMigrationsHistory', 'DataProtectionKeys')");
                foreach (var table in tables)
                {
                    var columns = await ReadAsync(connection, $"SELECT name FROM pragma_table_info('{table}') WHERE type = 'TEXT'");
                    foreach (var column in columns)
                    {
                        var sql = columns.Contains(column + "En")
                            ? $"SELECT DISTINCT \"{column}\" FROM \"{table}\" WHERE \"{column}En\" IS NULL OR \"{column}En\" = ''"
                            : $"SELECT DISTINCT \"{column}\" FROM \"{table}\"";
                        foreach (var value in await ReadAsync(connection, sql)) AddValue(values, value);
                    }
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
        lock (typed) values.UnionWith(typed);
        known = [.. values.Where(v => v.Trim().Length > 0).OrderByDescending(v => v.Length)];
        loadedAt = DateTime.UtcNow;
    }

    private static void AddValue(HashSet<string> values, string value)
    {
        if (value.StartsWith('[') && value.EndsWith(']'))
        {
            try
            {
                using var list = JsonDocument.Parse(value);
                foreach (var item in list.RootElement.EnumerateArray())
                    if (item.ValueKind == JsonValueKind.String) values.Add(item.GetString()!);
                return;
            }
            catch (JsonException)
            {
            }
        }
        // A lone capitalised word is an enum's or a role's name ("Approved", "Admin"): never text for a page to show as it is.
        if (EnumLike().IsMatch(value)) return;
        values.Add(value);
        // Multi-line text (rules, descriptions) is shown a line or a paragraph at a time.
        foreach (var line in value.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) values.Add(line);
    }

    private static async Task<List<string>> ReadAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            if (!reader.IsDBNull(0)) result.Add(reader.GetString(0));
        return result;
    }

    [GeneratedRegex(@"^(?:[A-Z][a-z]+)+$")]
    private static partial Regex EnumLike();

    // Han ideographs and the full-width punctuation that only Chinese text uses.
    [GeneratedRegex(@"[\u3000-\u303F\u3400-\u9FFF\uFF01-\uFF0F\uFF1A-\uFF1F]")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"[A-Za-z]{2,}")]
    private static partial Regex LatinWord();

    // Addresses, file names, version stamps and other machine text that is not a word of either language.
    [GeneratedRegex(@"\S+@\S+|https?://\S+|/\S*|\S+\.(pdf|png|jpe?g|pptx|csv|xlsx|ics)\b|\b[0-9A-F]{8}-[0-9A-F-]{27}\b", RegexOptions.IgnoreCase)]
    private static partial Regex Technical();

    // Codes people are shown to type or quote: ticket codes, credit codes, seeds (capitals and digits, six or more).
    [GeneratedRegex(@"\b[0-9A-Z]{6,}\b")]
    private static partial Regex Code();
}
