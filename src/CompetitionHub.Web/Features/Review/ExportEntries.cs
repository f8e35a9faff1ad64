using CompetitionHub.Web.Infrastructure;
using System.Data;
using System.Globalization;
using System.Text;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace CompetitionHub.Web.Features.Review;

public sealed record ExportFile(byte[] Content, string ContentType, string FileName);

/// <summary>One sheet of an XLSX file: its name, header row and rows.</summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<string> Header, IEnumerable<object?[]> Rows);

/// <summary>
/// Every registration of a contest as a spreadsheet (one row per entry), for organizers who work on in Excel or WPS.
/// Headers and words follow the requester's language; data is written as entered.
/// </summary>

public sealed class ExportEntries(AppDbContext db, IStringLocalizer<SharedResource> t)
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private sealed record Row(int Id, string Title, string TrackName, string TrackNameEn, EntryStatus Status, string TeamName,
        string? LeaderName, string? LeaderEmail, ApplicantType ApplicantType, string? CompanyName, string? CreditCode,
        DateOnly? FoundedOn, long? AnnualRevenueYuan, string Industry, string ContactName, string ContactPhone,
        string ContactEmail, DateTime? SubmittedAt, bool? Eligible, string? DecisionReason);

    public async Task<ExportFile?> CsvAsync(int contestId, CancellationToken ct)
    {
        var table = await TableAsync(contestId, ct);
        if (table is null) return null;
        var (slug, header, rows) = table.Value;
        return new ExportFile(Csv(header, rows), CsvContentType, $"{slug}-entries.csv");
    }

    public async Task<ExportFile?> XlsxAsync(int contestId, CancellationToken ct)
    {
        var table = await TableAsync(contestId, ct);
        if (table is null) return null;
        var (slug, header, rows) = table.Value;
        return new ExportFile(await XlsxAsync("Entries", header, rows, ct), XlsxContentType, $"{slug}-entries.xlsx");
    }

    /// <summary>A table as CSV for Excel and WPS: UTF-8 with a byte order mark, CRLF records, formula-like text neutralised.</summary>
    public static byte[] Csv(IReadOnlyList<string> header, IEnumerable<object?[]> rows)
    {
        var text = new StringBuilder();
        foreach (var line in rows.Select(r => r.Select(CsvCell)).Prepend(header.Select(CsvCell)))
        {
            text.AppendJoin(',', line);
            // RFC 4180 ends every record with CRLF, whatever the server's platform.
            text.Append("\r\n");
        }
        // The byte order mark is what makes Excel read the file as UTF-8 instead of mangling the Chinese.
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        return encoding.GetPreamble().Concat(encoding.GetBytes(text.ToString())).ToArray();
    }

    /// <summary>A table as one XLSX sheet. MiniExcel writes text as inline strings, never as formulas, so text stays as typed.</summary>
    public static Task<byte[]> XlsxAsync(string sheetName, IReadOnlyList<string> header, IEnumerable<object?[]> rows, CancellationToken ct) =>
        XlsxAsync([new XlsxSheet(sheetName, header, rows)], ct);

    /// <summary>Several tables, one XLSX sheet each, in order.</summary>
    public static async Task<byte[]> XlsxAsync(IReadOnlyList<XlsxSheet> sheets, CancellationToken ct)
    {
        var tables = sheets.Select(Table).ToList();
        try
        {
            using var stream = new MemoryStream();
            if (tables.Count == 1)
                await stream.SaveAsAsync(tables[0], sheetName: tables[0].TableName, excelType: ExcelType.XLSX, cancellationToken: ct);
            else
                await stream.SaveAsAsync(tables.ToDictionary(x => x.TableName, x => (object)x), excelType: ExcelType.XLSX, cancellationToken: ct);
            return stream.ToArray();
        }
        finally
        {
            tables.ForEach(x => x.Dispose());
        }
    }

    // A table rather than a list of rows: its columns give the header row even when there is no row yet.
    private static DataTable Table(XlsxSheet sheet)
    {
        var table = new DataTable(sheet.Name);
        foreach (var name in sheet.Header)
            table.Columns.Add(name, typeof(object));
        foreach (var row in sheet.Rows)
            table.Rows.Add(row.Select(v => v ?? DBNull.Value).ToArray());
        return table;
    }

    /// <summary>
    /// A spreadsheet opens a cell that starts with = + - @ (or a tab or carriage return) as a formula; a quote in front
    /// keeps a team's text from running as one on an organizer's machine.
    /// </summary>
    public static string Neutralize(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static string CsvCell(object? value)
    {
        var text = value switch
        {
            null => "",
            string s => Neutralize(s),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => Neutralize(value.ToString() ?? ""),
        };
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private async Task<(string Slug, IReadOnlyList<string> Header, List<object?[]> Rows)?> TableAsync(int contestId, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().Where(c => c.Id == contestId)
            .Select(c => new { c.Slug, c.EditionYear, c.IndustryFields, c.IndustryFieldsEn }).SingleOrDefaultAsync(ct);
        if (contest is null) return null;
        var industryNames = new TranslatedNames(contest.IndustryFields, contest.IndustryFieldsEn);

        var entries = await db.Entries.AsNoTracking()
            .Where(e => e.ContestId == contestId)
            .OrderBy(e => e.Id)
            .Select(e => new Row(e.Id, e.Title, e.Track.Name, e.Track.NameEn, e.Status, e.Team.Name,
                e.Team.Members.Where(m => m.IsLeader).Select(m => m.User.DisplayName).FirstOrDefault(),
                e.Team.Members.Where(m => m.IsLeader).Select(m => m.User.Email).FirstOrDefault(),
                e.ApplicantType, e.CompanyName, e.CreditCode, e.FoundedOn, e.AnnualRevenueYuan, e.Industry,
                e.ContactName, e.ContactPhone, e.ContactEmail, e.SubmittedAt, e.Eligible, e.DecisionReason))
            .ToListAsync(ct);

        string[] header =
        [
            t["编号"], t["项目名称"], t["赛道"], t["状态"], t["团队"], t["负责人"], t["负责人邮箱"], t["申报主体"],
            t["企业名称"], t["统一社会信用代码"], t["成立日期"], t["上年度营业收入（万元）"], t["行业领域"], t["联系人"],
            t["联系电话"], t["联系邮箱"], t["提交时间（北京时间）"], t["资格审查"], t["审核理由"],
        ];
        var rows = entries.Select(e => new object?[]
        {
            e.Id, e.Title, Localized.Pick(e.TrackName, e.TrackNameEn), t[EntryStatusLabels.Name(e.Status)].Value, e.TeamName,
            e.LeaderName ?? "", e.LeaderEmail ?? "", t[ReviewLabels.Applicant(e.ApplicantType)].Value, e.CompanyName ?? "",
            e.CreditCode ?? "", e.FoundedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", e.AnnualRevenueYuan / 10_000m,
            industryNames.Show(e.Industry), e.ContactName, e.ContactPhone, e.ContactEmail, e.SubmittedAt is null ? "" : ChinaTime.Format(e.SubmittedAt),
            t[ReviewLabels.Eligibility(e.Eligible)].Value, e.DecisionReason ?? "",
        }).ToList();
        return ($"{contest.Slug}-{contest.EditionYear}", header, rows);
    }
}
