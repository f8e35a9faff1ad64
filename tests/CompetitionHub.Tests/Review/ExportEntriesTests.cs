using System.IO.Compression;
using System.Net;
using System.Text;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Review;
using MiniExcelLibs;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Tests.Review;

public sealed class ExportEntriesTests(ExportEntriesTests.Host host) : IClassFixture<ExportEntriesTests.Host>
{
    public sealed class Host : AppFactory;

    [Fact]
    public async Task ExportCsv_IsUtf8WithBomCrlfAndNeutralizedFormulas()
    {
        var tag = ReviewData.Tag();
        var entry = await host.CreateEntryAsync(EntryStatus.Approved, $"长白山人参深加工{tag}", configure: e =>
        {
            e.CompanyName = "=HYPERLINK(\"http://evil.example\",\"点我\")";
            e.ContactName = "@SUM(1,2)";
            e.ContactPhone = "+8613800000000";
            e.DecisionReason = "材料齐全，\"同意\"\n进入初赛";
            e.SubmittedAt = new DateTime(2026, 11, 20, 16, 30, 0, DateTimeKind.Utc);
            e.Eligible = true;
        });
        await host.CreateEntryAsync(EntryStatus.Draft, $"草稿也导出{tag}", withLeader: false);
        var client = await host.DemoOrganizerAsync();

        var response = await client.GetAsync($"/manage/contests/{entry.ContestId}/entries/export.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        // Leaders' phones and emails: kept out of every cache.
        Assert.Equal(PrivateDownloads.CacheControl, response.Headers.CacheControl?.ToString());
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("编号,项目名称,赛道,状态,团队,负责人,负责人邮箱,", text);
        Assert.EndsWith("\r\n", text);
        var line = text.Split("\r\n").Single(l => l.StartsWith($"{entry.Id},", StringComparison.Ordinal));
        Assert.Contains($"长白山人参深加工{tag}", line);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点我\"\")\"", line);
        Assert.Contains(",\"'@SUM(1,2)\",'+8613800000000,", line);
        Assert.Contains("已通过", line);
        Assert.Contains("2026-11-21 00:30", line);
        Assert.Contains(",150,", line);
        Assert.Contains("符合条件", line);
        Assert.Contains(entry.LeaderEmail!, line);
        // The reason's line break stays inside its quoted field: the record goes on after it.
        Assert.Contains("\"材料齐全，\"\"同意\"\"\n进入初赛\"", text);
        Assert.Contains($"草稿也导出{tag}", text);
    }

    [Fact]
    public async Task ExportCsv_HasEnglishHeaders_WhenTheOrganizerReadsEnglish()
    {
        var contestId = await host.ContestIdAsync();
        var client = await host.DemoOrganizerAsync("en");

        var bytes = await client.GetByteArrayAsync($"/manage/contests/{contestId}/entries/export.csv");

        Assert.StartsWith("Id,Title,Track,Status,Team,Leader,Leader email,", Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public async Task ExportXlsx_OpensWithMiniExcelAndHoldsTheRows()
    {
        var tag = ReviewData.Tag();
        var entry = await host.CreateEntryAsync(EntryStatus.Submitted, $"松花江智慧水务{tag}", configure: e =>
        {
            e.CompanyName = "=1+1";
            e.CreditCode = "91220101MA0000000X";
        });
        var client = await host.DemoOrganizerAsync();

        var response = await client.GetAsync($"/manage/contests/{entry.ContestId}/entries/export.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExportEntries.XlsxContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PrivateDownloads.CacheControl, response.Headers.CacheControl?.ToString());
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var row = Assert.Single(rows, r => Convert.ToInt32(r["编号"]) == entry.Id);
        Assert.Equal($"松花江智慧水务{tag}", row["项目名称"]);
        Assert.Equal("待审核", row["状态"]);
        Assert.Equal("91220101MA0000000X", row["统一社会信用代码"]);
        Assert.Equal(150m, Convert.ToDecimal(row["上年度营业收入（万元）"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(entry.LeaderEmail, row["负责人邮箱"]);
        // Text, not a formula: the cell reads back as what the team typed, and the sheet holds no formula element.
        Assert.Equal("=1+1", row["企业名称"]?.ToString());
        stream.Position = 0;
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        var sheet = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal));
        using var reader = new StreamReader(sheet.Open());
        var xml = await reader.ReadToEndAsync();
        Assert.Contains("=1+1", xml);
        Assert.DoesNotMatch("<(\\w+:)?f[ >]", xml);
    }

    [Fact]
    public async Task Exports_AreForbidden_ForAnotherContestsOrganizer()
    {
        var contestId = await host.ContestIdAsync();
        var client = await host.OrganizerOfAsync(ReviewData.OtherContest);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/manage/contests/{contestId}/entries/export.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/manage/contests/{contestId}/entries/export.xlsx")).StatusCode);
    }

    [Fact]
    public async Task Exports_HaveTheHeaderRowOnly_WhenTheContestHasNoEntries()
    {
        var contestId = await host.ContestIdAsync("shuangchuang-week-jilin");
        var client = await host.AdminAsync();

        var csv = await client.GetByteArrayAsync($"/manage/contests/{contestId}/entries/export.csv");
        var xlsx = await client.GetAsync($"/manage/contests/{contestId}/entries/export.xlsx");

        Assert.Single(Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var row = (IDictionary<string, object?>)Assert.Single(stream.Query(useHeaderRow: false));
        Assert.Equal("编号", row["A"]);
        Assert.Equal("审核理由", row["S"]);
    }

    [Theory]
    [InlineData("=cmd", "'=cmd")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@x", "'@x")]
    [InlineData("\tx", "'\tx")]
    [InlineData("普通文本", "普通文本")]
    [InlineData("", "")]
    public void Neutralize_PrefixesAQuote_WhenACellWouldRunAsAFormula(string value, string expected) =>
        Assert.Equal(expected, ExportEntries.Neutralize(value));
}
