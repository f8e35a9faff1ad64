using System.Net;
using System.Text;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Contests;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CompetitionHub.Tests.Contests;

public sealed class PreviousWinnersTests(PreviousWinnersTests.Host host) : IClassFixture<PreviousWinnersTests.Host>
{
    public sealed class Host : AppFactory;

    private const string CodeA = "91220101MA00000001";
    private const string CodeB = "91220101MA00000002";
    private const string CodeC = "91220101MA00000003";

    /// <summary>Posts the winners page's import form with its own token.</summary>
    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, int contestId, byte[] file, string fileName = "winners.csv") =>
        client.PostFormAsync($"/manage/contests/{contestId}/winners/import", [], [new FormFile("file", fileName, file, "text/csv")],
            $"/manage/contests/{contestId}/winners");

    private Task<string> SlugAsync(int id) => host.WithDbAsync(db => db.Contests.Where(c => c.Id == id).Select(c => c.Slug).SingleAsync());

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Import_AddsNothingAndNamesEachRejectedLine_UntilTheFixedFileIsSentAgain(bool withBom)
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();
        var slug = await SlugAsync(id);
        await host.WithDbAsync(async db =>
        {
            db.PreviousWinners.Add(new PreviousWinner { ContestSlug = slug, CreditCode = CodeC, CompanyName = "已有企业", Year = 2024 });
            await db.SaveChangesAsync();
        });
        string[] good =
        [
            "统一社会信用代码,企业名称,年份,奖项",
            $"{CodeA},吉林甲科技有限公司,2025,一等奖",
            $"{CodeB.ToLowerInvariant()},\"长春乙,生物\",2024,二等奖",
            $"{CodeA},吉林甲科技有限公司,2025,一等奖",
            $"{CodeC},已有企业,2024,",
        ];
        string[] bad = ["91220101MA0000000I,坏代码,2025,三等奖", "91220101MA00000004,年份不对,20x5,三等奖", "只有一列", "", "91220101MA00000005,,2025,优秀奖"];
        byte[] Csv(IEnumerable<string> lines)
        {
            var bytes = Encoding.UTF8.GetBytes(string.Join("\r\n", lines));
            return withBom ? [.. Encoding.UTF8.GetPreamble(), .. bytes] : bytes;
        }

        var response = await ImportAsync(admin, id, Csv([.. good, .. bad]));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("有 4 行有误，未导入任何记录。请改正这些行后重新导入整个文件。", html);
        Assert.Contains("data-line=\"6\"", html);
        Assert.Contains("data-line=\"7\"", html);
        Assert.Contains("data-line=\"8\"", html);
        Assert.Contains("data-line=\"10\"", html);
        Assert.Contains("第 6 行：统一社会信用代码格式不正确。", html);
        Assert.Equal([CodeC], await host.WithDbAsync(db => db.PreviousWinners.Where(w => w.ContestSlug == slug).Select(w => w.CreditCode).ToListAsync()));

        response = await ImportAsync(admin, id, Csv(good));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("导入完成：新增 2 条，重复跳过 2 条，有误 0 行。", await (await admin.GetAsync(response.Headers.Location)).Content.ReadAsStringAsync());
        var winners = await host.WithDbAsync(db => db.PreviousWinners.AsNoTracking().Where(w => w.ContestSlug == slug).OrderBy(w => w.CreditCode).ToListAsync());
        Assert.Equal([CodeA, CodeB, CodeC], winners.Select(w => w.CreditCode));
        Assert.Equal("长春乙,生物", winners[1].CompanyName);
        Assert.True(await host.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "PreviousWinner" && a.EntityId == slug && a.Action == "Import")));
    }

    [Fact]
    public async Task Import_StoresNamesByTheTextRuleOfEveryForm_WhenCellsCarryControlAndBidiCharacters()
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();
        var slug = await SlugAsync(id);
        var csv = $"{CodeA}, \u202E吉林\u0007甲科技\u2066有限公司\u200F ,2025,\u0001一等奖\t";

        var response = await ImportAsync(admin, id, Encoding.UTF8.GetBytes(csv));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var winner = await host.WithDbAsync(db => db.PreviousWinners.AsNoTracking().SingleAsync(w => w.ContestSlug == slug));
        Assert.Equal(("吉林甲科技有限公司", "一等奖"), (winner.CompanyName, winner.Award));
    }

    [Fact]
    public async Task Import_RedirectsAndTheWinnersPageSaysItOnce_WhenEveryLineIsImported()
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();

        var response = await ImportAsync(admin, id, Encoding.UTF8.GetBytes($"{CodeA},吉林乙科技有限公司,2025,二等奖\n"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("导入完成：新增 1 条，重复跳过 0 条，有误 0 行。", await admin.FollowAsync(response));
        Assert.DoesNotContain("导入完成", await admin.GetStringAsync($"/manage/contests/{id}/winners"));
    }

    [Fact]
    public async Task Import_RefusesTheFile_WhenItIsNotUtf8()
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();
        // "企业" in GBK: bytes that are not valid UTF-8.
        byte[] gbk = [.. Encoding.ASCII.GetBytes(CodeA + ","), 0xC6, 0xF3, 0xD2, 0xB5, .. Encoding.ASCII.GetBytes(",2025,x")];

        var html = await (await ImportAsync(admin, id, gbk)).Content.ReadAsStringAsync();

        Assert.Contains("文件不是 UTF-8 编码", html);
        Assert.False(await host.WithDbAsync(async db => await db.PreviousWinners.AnyAsync(w => w.ContestSlug == "never")));
    }

    [Fact]
    public async Task Import_RefusesTheFileWithAHint_WhenItIsAnExcelWorkbook()
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();
        using var workbook = new MemoryStream();
        await workbook.SaveAsAsync(new[] { new { 统一社会信用代码 = CodeA, 企业名称 = "吉林甲科技有限公司", 年份 = 2025, 奖项 = "一等奖" } });

        var response = await ImportAsync(admin, id, workbook.ToArray(), "winners.csv");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("这是 Excel 工作簿，请在 Excel 中另存为“CSV UTF-8”后再上传。", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.False(await host.WithDbAsync(async db => await db.PreviousWinners.AnyAsync(w => w.ContestSlug == db.Contests.Single(c => c.Id == id).Slug)));
    }

    [Fact]
    public async Task Import_RefusesTheFile_WhenItsContentIsNotText()
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();
        byte[] pdf = [.. "%PDF-1.4\n"u8, .. Encoding.UTF8.GetBytes($"{CodeA},吉林甲科技有限公司,2025,一等奖\n"), 0, 0];

        var response = await ImportAsync(admin, id, pdf);

        Assert.Contains("文件内容不是往届获奖名单要求的格式（CSV）。", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.False(await host.WithDbAsync(async db => await db.PreviousWinners.AnyAsync(w => w.ContestSlug == db.Contests.Single(c => c.Id == id).Slug)));
    }

    [Fact]
    public async Task Import_IsRefusedWithTheWordsOfEveryUpload_WhenTheFileIsTooLarge()
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();
        var csv = Encoding.UTF8.GetBytes($"{CodeA},吉林甲科技有限公司,2025,一等奖\n" + new string(' ', (int)ImportPreviousWinners.MaxBytes));

        var response = await ImportAsync(admin, id, csv);

        Assert.Contains("文件过大：每个文件最大 1 MB。", await response.Content.ReadAsStringAsync());
        Assert.False(await host.WithDbAsync(async db => await db.PreviousWinners.AnyAsync(w => w.ContestSlug == db.Contests.Single(c => c.Id == id).Slug)));
    }

    [Fact]
    public async Task Import_AuditsTheCleanNameWithTheCsvExtension_WhenTheNameSaysOtherwise()
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();
        var slug = await SlugAsync(id);

        var response = await ImportAsync(admin, id, Encoding.UTF8.GetBytes($"{CodeA},吉林甲科技有限公司,2025,一等奖\n"), "\u202E往届名单xslx.txt");

        Assert.Contains("导入完成：新增 1 条", await admin.FollowAsync(response));
        var after = await host.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "PreviousWinner" && a.EntityId == slug && a.Action == "Import")
            .Select(a => a.After).SingleAsync());
        Assert.Equal("往届名单xslx.csv", System.Text.Json.JsonDocument.Parse(after!).RootElement.GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task AddAndRemove_KeepTheListAndRefuseDuplicates_WhenOrganizerEditsByHand()
    {
        var organizerId = (await host.FindUserAsync(TestUsers.DemoOrganizer))!.Id;
        var organizer = await host.SignedInAsync(TestUsers.DemoOrganizer);
        var id = await host.AddContestAsync(organizerUserId: organizerId);
        var page = $"/manage/contests/{id}/winners";
        KeyValuePair<string, string>[] fields =
            [new("Form.CreditCode", CodeA.ToLowerInvariant()), new("Form.CompanyName", "吉林甲科技有限公司"), new("Form.Year", "2025"), new("Form.Award", "一等奖")];

        var added = await organizer.PostFormAsync(page, fields, formPage: page);
        var again = await organizer.PostFormAsync(page, fields, formPage: page);
        var badCode = await organizer.PostFormAsync(page, [new("Form.CreditCode", "91220101MA0000000O"), new("Form.CompanyName", "x"), new("Form.Year", "2025")], formPage: page);

        Assert.Contains(CodeA, await organizer.FollowAsync(added));
        Assert.Contains($"{CodeA} 已在往届获奖名单中。", await again.Content.ReadAsStringAsync());
        Assert.Contains("统一社会信用代码格式不正确。", await badCode.Content.ReadAsStringAsync());
        var winnerId = await host.WithDbAsync(async db => (await db.PreviousWinners.SingleAsync(w => w.CreditCode == CodeA && w.ContestSlug == db.Contests.Single(c => c.Id == id).Slug)).Id);
        var removed = await organizer.PostFormAsync($"{page}/{winnerId}/delete", [], formPage: page);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await host.WithDbAsync(db => db.PreviousWinners.AnyAsync(w => w.Id == winnerId)));
    }
}
