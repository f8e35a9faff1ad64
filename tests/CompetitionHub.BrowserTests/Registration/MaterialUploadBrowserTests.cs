using System.Text.RegularExpressions;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CompetitionHub.BrowserTests.Registration;

/// <summary>
/// A material uploaded from a phone on a slow connection: the upload form shows how far the file has got while it travels,
/// and afterwards the page is at the materials, with the outcome there, not at the top of a long page.
/// </summary>
public sealed class MaterialUploadBrowserTests(MaterialUploadBrowserTests.Host host) : IClassFixture<MaterialUploadBrowserTests.Host>
{
    public sealed class Host : BrowserHost
    {
        /// <summary>A clock inside the seeded contest's registration window whatever day this runs.</summary>
        protected override AppFactory CreateApp() =>
            new AppFactory { Kestrel = true }.WithClock(new ShiftedClock(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(8))));
    }

    [Theory]
    [InlineData("zh-CN", "材料已上传。", "正在上传，请勿关闭页面…")]
    [InlineData("en", "Material uploaded.", "Uploading – please keep this page open…")]
    public async Task Upload_ShowsProgressAndLandsAtTheMaterials_WhenAPhoneSendsAMultiMegabyteFile(string culture, string uploaded, string uploading)
    {
        var email = TestUsers.NewEmail("upload");
        await host.App.CreateUserAsync(email, BrowserSteps.DemoPassword, "韩雪松", roles: Roles.Contestant);
        var page = await host.NewPageAsync(390, 844);
        // The language a phone's reader chose earlier (the picker sits in the folded menu; choosing it is tested elsewhere).
        await page.Context.AddCookiesAsync([new Cookie
        {
            Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = host.BaseAddress.ToString(),
        }]);
        await page.SignInAsync(email);
        var contestId = await host.App.WithDbAsync(db => db.Contests.Where(c => c.Slug == "cie-jilin").Select(c => c.Id).SingleAsync());
        await page.GotoAsync("/teams");
        await page.Locator("#team-name").FillAsync("松原智能农机团队");
        await page.Locator("#create-team-submit").ClickAsync();
        await page.GotoAsync($"/entries/new?contestId={contestId}");
        await page.Locator("#entry-title").FillAsync("玉米精量播种智能控制系统");
        await page.Locator("#entry-summary").FillAsync("面向东北黑土地的精量播种控制器。");
        await page.SelectOptionAsync("#entry-industry", "先进制造");
        await page.Locator("#entry-save").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/entries/\d+$"));

        // About 6 MB at 2 MB/s: three seconds on the way, long enough to see the bar move.
        var file = Path.Combine(Directory.CreateTempSubdirectory("chub-upload-").FullName, "business-plan.pdf");
        var pdf = new byte[6 * 1024 * 1024];
        "%PDF-1.4\n"u8.CopyTo(pdf);
        "\n%%EOF\n"u8.CopyTo(pdf.AsSpan(pdf.Length - 7));
        await File.WriteAllBytesAsync(file, pdf);
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 50, ["downloadThroughput"] = 2 * 1024 * 1024, ["uploadThroughput"] = 2 * 1024 * 1024,
        });

        await page.SelectOptionAsync("#material-kind", "BusinessPlan");
        await page.Locator("#material-file").SetInputFilesAsync(file);
        // Every value the bar shows, as the page shows it, until the page is replaced by the answer.
        await page.EvaluateAsync("""
            () => {
              window.uploadProgress = [];
              const bar = document.getElementById("material-progress");
              new MutationObserver(() => window.uploadProgress.push(bar.value)).observe(bar, { attributes: true, attributeFilter: ["value"] });
            }
            """);
        await page.Locator("#material-upload").ClickAsync();
        await Expect(page.Locator("label[for=material-progress]")).ToHaveTextAsync(uploading);
        await Expect(page.Locator("#material-progress")).ToBeVisibleAsync();
        var seen = await page.WaitForFunctionAsync("() => window.uploadProgress.some(v => v > 0 && v < 100) && window.uploadProgress", null,
            new PageWaitForFunctionOptions { Timeout = 60_000 });
        await BrowserHost.ScreenshotAsync(page, $"upload-progress-phone-{culture}");

        var message = page.Locator("#materials #status-message");
        await Expect(message).ToHaveTextAsync(uploaded, new() { Timeout = 60_000 });
        await Expect(page.Locator("#material-list li[data-kind=BusinessPlan]")).ToBeVisibleAsync();
        await Expect(message).ToBeInViewportAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/entries/\d+#materials$"));
        await BrowserHost.ScreenshotAsync(page, $"upload-done-phone-{culture}");
        Assert.NotNull(await seen.JsonValueAsync<double[]>());
        File.Delete(file);
    }
}
