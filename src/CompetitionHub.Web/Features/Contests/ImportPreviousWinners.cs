using System.Globalization;
using System.Text;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Contests;

public sealed record RejectedLine(int LineNumber, string Reason);

public sealed record WinnerImportReport(int Added, int Duplicates, IReadOnlyList<RejectedLine> Rejected, string? Error = null);

/// <summary>
/// Imports previous winners from a CSV file with the columns 统一社会信用代码,企业名称,年份,奖项 (UTF-8, with or
/// without BOM, header line optional). Every line is accounted for: added, skipped as already listed, or rejected with
/// its line number and reason. A file with any rejected line adds nothing: the organizer fixes those lines and sends the
/// whole file again, and a page refreshed after the refusal sends nothing new.
/// </summary>
public sealed class ImportPreviousWinners(AppDbContext db, AuditLog audit, FileUploads uploads, IStringLocalizer<SharedResource> t,
    ILogger<ImportPreviousWinners> logger)
{
    public const long MaxBytes = 1024 * 1024;
    public static readonly IReadOnlyList<FileFormat> Formats = [FileFormat.Csv];
    private const int MaxLines = 10_000;
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public async Task<WinnerImportReport> HandleAsync(int contestId, IFormFile? file, CancellationToken ct)
    {
        var slug = await db.Contests.Where(c => c.Id == contestId).Select(c => c.Slug).SingleOrDefaultAsync(ct);
        if (slug is null) return new(0, 0, [], t["未找到该赛事。"]);
        var upload = await uploads.ReadAsync(file, new UploadRule(t["往届获奖名单"], Formats, MaxBytes), ct);
        if (!upload.Succeeded) return new(0, 0, [], upload.Error);

        string text;
        try
        {
            // Strict UTF-8: a GBK file exported by an older Excel is refused with a clear message instead of becoming mojibake.
            var content = upload.File.Content.AsSpan();
            text = StrictUtf8.GetString(content.StartsWith(Encoding.UTF8.Preamble) ? content[Encoding.UTF8.Preamble.Length..] : content);
        }
        catch (DecoderFallbackException)
        {
            return new(0, 0, [], t["文件不是 UTF-8 编码，请另存为“CSV UTF-8”后重试。"]);
        }

        var existing = (await db.PreviousWinners.Where(w => w.ContestSlug == slug).Select(w => w.CreditCode).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var rejected = new List<RejectedLine>();
        var duplicates = 0;
        var added = new List<PreviousWinner>();
        var lines = text.Split('\n');
        if (lines.Length > MaxLines) return new(0, 0, [], t["文件最多 {0} 行。", MaxLines]);

        for (var i = 0; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            var line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line)) continue;
            var cells = SplitCsvLine(line);
            if (i == 0 && cells.Count > 0 && cells[0].Trim().StartsWith("统一社会信用代码", StringComparison.Ordinal)) continue;
            if (cells.Count is < 3 or > 4)
            {
                rejected.Add(new(lineNumber, t["应有 4 列（统一社会信用代码,企业名称,年份,奖项）。"]));
                continue;
            }
            var code = PreviousWinners.Normalize(cells[0]);
            // The same text rule as a form: a spreadsheet cell can carry control or bidi characters just as well.
            var name = TextInput.Normalize(cells[1]);
            var award = cells.Count > 3 ? TextInput.Normalize(cells[3]) : "";
            if (!PreviousWinners.LooksLikeCreditCode(code))
                rejected.Add(new(lineNumber, t["统一社会信用代码格式不正确。"]));
            else if (name.Length is 0 or > 200)
                rejected.Add(new(lineNumber, t["企业名称不能为空且不能超过 {0} 个字符。", 200]));
            else if (!int.TryParse(cells[2].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1990 or > 2100)
                rejected.Add(new(lineNumber, t["年份无效。"]));
            else if (award.Length > 50)
                rejected.Add(new(lineNumber, t["奖项不能超过 {0} 个字符。", 50]));
            else if (!existing.Add(code))
                duplicates++;
            else
                added.Add(new PreviousWinner { ContestSlug = slug, CreditCode = code, CompanyName = name, Year = year, Award = award });
        }

        if (rejected.Count > 0) return new(0, duplicates, rejected);
        if (added.Count > 0)
        {
            db.PreviousWinners.AddRange(added);
            audit.Record(contestId, "PreviousWinner", slug, "Import", after: new { Added = added.Count, Duplicates = duplicates, Rejected = rejected.Count, upload.File.FileName });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.Classify() == DatabaseError.UniqueViolation)
            {
                // Another import of the same codes finished first; nothing of this one was stored.
                return new(0, 0, [], t["导入时名单被他人修改，请重新导入。"]);
            }
        }
        logger.LogInformation("Previous winners import for {Slug}: {Added} added, {Duplicates} duplicates, {Rejected} rejected",
            slug, added.Count, duplicates, rejected.Count);
        return new(added.Count, duplicates, rejected);
    }

    /// <summary>One CSV record on one line: commas separate, double quotes enclose, "" is a quote inside quotes.</summary>
    public static List<string> SplitCsvLine(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else cell.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(ch);
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
