using System.Diagnostics;
using CompetitionHub.BrowserTests.Crawl;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CompetitionHub.BrowserTests.Accessibility;

/// <summary>
/// axe-core (WCAG 2.1 A and AA) over every page README.md lists for each role (<see cref="CrawlRoles"/>, the one list),
/// on the <see cref="TestSupport.Scenario.EveryPageScenario"/>, on a phone (390 px) and a desktop (1366 px) in Chinese
/// and on the desktop in English. A critical or serious violation fails the test with its page, width, rule, impact and
/// elements. Each page is photographed as it was checked: tests/results/screenshots/a11y/{role}/{page}-{width}-{language}.png.
/// A page several roles open (the public pages, the staff pages Admins share with organizers) is checked for the first
/// role that lists it, and every role's home page for its own navigation: the same page twice would double the run and
/// find nothing new.
/// </summary>
public sealed class AccessibilityBrowserTests(CrawlHost host, ITestOutputHelper output) : IClassFixture<CrawlHost>
{
    private static readonly (int Width, int Height, string Culture)[] Views = [(390, 844, "zh-CN"), (1366, 768, "zh-CN"), (1366, 768, "en")];

    private static readonly AxeRunOptions Wcag21 = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        ResultTypes = [ResultType.Violations],
    };

    public static TheoryData<string> Roles => ["anonymous", "Contestant", "Judge", "Investor", "Organizer", "Admin"];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Pages_HaveNoCriticalOrSeriousViolation_WhenRoleOpensThemOnPhoneAndDesktop(string roleName)
    {
        var scenario = await host.ScenarioAsync();
        var roles = CrawlRoles.For(scenario);
        var role = roles.Single(r => r.Name == roleName);
        var earlier = roles.TakeWhile(r => r != role).SelectMany(r => r.Seeds).ToHashSet();
        List<string> pages = ["/", .. role.Seeds.Where(url => url != "/" && !earlier.Contains(url) && IsOwnPage(url))];
        var clock = Stopwatch.StartNew();
        var page = await host.NewPageAsync(Views[0].Width, Views[0].Height);
        if (role.Email is { } email) await page.SignInAsync(email);

        var failures = new List<string>();
        var others = 0;
        var data = new HashSet<string>();
        foreach (var (width, height, culture) in Views)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.Context.AddCookiesAsync([new Cookie
            {
                Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = host.BaseAddress.ToString(),
            }]);
            foreach (var url in pages)
            {
                var response = await page.GotoAsync(url) ?? throw new InvalidOperationException($"no response for {url}");
                Assert.True(response.Status == 200, $"{roleName} {url}: {response.Status}");
                if ((await response.HeaderValueAsync("content-type"))?.StartsWith("text/html", StringComparison.Ordinal) != true)
                {
                    data.Add(url);
                    continue;
                }
                await BrowserHost.ScreenshotAsync(page, $"a11y/{roleName}/{FileName(url)}-{width}-{culture}");
                var result = await page.RunAxe(Wcag21);
                foreach (var violation in result.Violations)
                {
                    if (violation.Impact is not ("critical" or "serious"))
                    {
                        others += violation.Nodes.Length;
                        continue;
                    }
                    var targets = string.Join(", ", violation.Nodes.Take(5).Select(n => n.Target.ToString()));
                    var more = violation.Nodes.Length > 5 ? $" and {violation.Nodes.Length - 5} more" : "";
                    failures.Add($"{url} at {width} px ({culture}): {violation.Id} ({violation.Impact}, {violation.Nodes.Length} elements) {targets}{more}");
                }
            }
        }
        await page.Context.CloseAsync();

        output.WriteLine($"{roleName}: {pages.Count - data.Count} pages × {Views.Length} views in {clock.Elapsed.TotalSeconds:0} s "
            + $"({data.Count} addresses answered data, not a page: {string.Join(", ", data)}); "
            + $"{failures.Count} critical or serious violations, {others} moderate or minor elements.");
        foreach (var failure in failures) output.WriteLine(failure);
        Assert.True(failures.Count == 0, $"{failures.Count} critical or serious violations for {roleName}:\n" + string.Join('\n', failures));
    }

    /// <summary>
    /// Our own pages: not the API or calendar feeds (data; a feed would start a download), nor Hangfire's dashboard, which
    /// is a library's page, not ours to fix. What else answers with data is told by its content type.
    /// </summary>
    private static bool IsOwnPage(string url) =>
        !url.StartsWith("/api/", StringComparison.Ordinal) && !url.EndsWith(".ics", StringComparison.Ordinal) && url != "/hangfire";

    private static string FileName(string url) =>
        url == "/" ? "home" : string.Join('-', url.Split(['/', '?', '=', '&'], StringSplitOptions.RemoveEmptyEntries));
}
