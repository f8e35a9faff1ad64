using System.Text.Json;
using CompetitionHub.BrowserTests.Crawl;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CompetitionHub.BrowserTests.Accessibility;

/// <summary>
/// On a phone (390 px) every list a role opens reads without sideways scrolling, in Chinese and in English: no page is wider
/// than the screen, and every visible cell of a list is at least <see cref="ReadableWidth"/> wide and lies on the screen
/// (a row squeezed into columns of a character or two, or pushed off to the right, is not readable). The pages are the
/// ones each role's crawl starts from (<see cref="CrawlRoles"/>) on the <see cref="TestSupport.Scenario.EveryPageScenario"/>,
/// photographed as checked: tests/results/screenshots/phone/{role}/{page}-{language}.png.
/// </summary>
public sealed class PhoneListBrowserTests(CrawlHost host, ITestOutputHelper output) : IClassFixture<CrawlHost>
{
    private const int ReadableWidth = 120;

    public static TheoryData<string> Roles => ["anonymous", "Contestant", "Judge", "Investor", "Organizer"];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Lists_ReadWithoutSidewaysScrolling_WhenRoleOpensThemOnAPhone(string roleName)
    {
        var scenario = await host.ScenarioAsync();
        var role = CrawlRoles.For(scenario).Single(r => r.Name == roleName);
        var page = await host.NewPageAsync(390, 844);
        if (role.Email is { } email) await page.SignInAsync(email);

        var failures = new List<string>();
        var lists = 0;
        foreach (var culture in new[] { "zh-CN", "en" })
        {
            await page.Context.AddCookiesAsync([new Cookie
            {
                Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = host.BaseAddress.ToString(),
            }]);
            foreach (var url in role.Seeds.Where(IsPhonePage).Distinct())
            {
                var response = await page.GotoAsync(url) ?? throw new InvalidOperationException($"no response for {url}");
                if ((await response.HeaderValueAsync("content-type"))?.StartsWith("text/html", StringComparison.Ordinal) != true) continue;
                var layout = await page.EvaluateAsync<JsonElement>(MeasureScript, ReadableWidth);
                var cells = layout.GetProperty("cells").GetInt32();
                if (cells == 0) continue;
                lists++;
                await BrowserHost.ScreenshotAsync(page, $"phone/{roleName}/{FileName(url)}-{culture}");
                if (layout.GetProperty("pageWidth").GetInt32() > layout.GetProperty("screenWidth").GetInt32())
                    failures.Add($"{url} ({culture}): the page is {layout.GetProperty("pageWidth")} px wide on a {layout.GetProperty("screenWidth")} px screen");
                foreach (var narrow in layout.GetProperty("unreadable").EnumerateArray().Take(3))
                    failures.Add($"{url} ({culture}): {narrow.GetString()}");
            }
        }
        await page.Context.CloseAsync();

        output.WriteLine($"{roleName}: {lists} pages with lists checked; {failures.Count} problems.");
        foreach (var failure in failures) output.WriteLine(failure);
        Assert.True(lists > 0, $"{roleName} opened no page with a list: the check would prove nothing.");
        Assert.True(failures.Count == 0, $"{failures.Count} lists unreadable on a phone for {roleName}:\n" + string.Join('\n', failures));
    }

    /// <summary>Every visible body cell of every table in the page's main part: how wide it is and whether it is on screen.</summary>
    private const string MeasureScript = """
        (readable) => {
          const screenWidth = document.documentElement.clientWidth;
          const unreadable = [];
          let cells = 0;
          for (const cell of document.querySelectorAll("main table tbody tr > *")) {
            const box = cell.getBoundingClientRect();
            if (box.width === 0 || box.height === 0 || getComputedStyle(cell).visibility === "hidden") continue;
            cells++;
            if (box.width < readable || box.left < 0 || box.right > screenWidth + 1) {
              const table = cell.closest("table");
              const name = table.id ? "#" + table.id : "table." + [...table.classList].join(".");
              const text = cell.innerText.trim().replace(/\s+/g, " ").slice(0, 30);
              unreadable.push(`${name}: a cell ${Math.round(box.width)} px wide at ${Math.round(box.left)}–${Math.round(box.right)} px ("${text}")`);
            }
          }
          return { screenWidth, pageWidth: document.documentElement.scrollWidth, cells, unreadable };
        }
        """;

    /// <summary>Pages, not data; and not the hall's screen, which is a projector's page, never a phone's.</summary>
    private static bool IsPhonePage(string url) =>
        !url.StartsWith("/api/", StringComparison.Ordinal) && !url.EndsWith(".ics", StringComparison.Ordinal) && url != "/hangfire"
        && !url.EndsWith("/screen", StringComparison.Ordinal) && url != "/health";

    private static string FileName(string url) =>
        url == "/" ? "home" : string.Join('-', url.Split(['/', '?', '=', '&'], StringSplitOptions.RemoveEmptyEntries));
}
