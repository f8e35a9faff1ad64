using CompetitionHub.TestSupport;
using Microsoft.Playwright;

namespace CompetitionHub.BrowserTests;

/// <summary>
/// One real Kestrel host and one headless Debian Chromium per test class. Screenshots go to tests/results/screenshots,
/// beside the TRX files, so a failed run in CI leaves pictures of what the browser saw.
/// </summary>
public class BrowserHost : IAsyncLifetime
{
    // Debian's Chromium, launched by path: the test run never downloads a browser. As root (CI) it needs --no-sandbox;
    // the rest keeps it from reaching for the network or a GPU on a headless machine that has neither.
    internal static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private IPlaywright? playwright;
    private IBrowser? browser;

    private AppFactory? app;

    public AppFactory App => app ??= CreateApp();

    /// <summary>The app under test, on a real Kestrel; a class that needs mail or a clock of its own brings its own.</summary>
    protected virtual AppFactory CreateApp() => new() { Kestrel = true };
    public Uri BaseAddress { get; private set; } = null!;
    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser is not started.");
    public static string ResultsFolder { get; } = Path.Combine(RepositoryRoot(), "tests", "results");
    public static string ScreenshotFolder { get; } = Path.Combine(ResultsFolder, "screenshots");

    public virtual async Task InitializeAsync()
    {
        BaseAddress = App.ServerAddress;
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A fresh browser profile (no cookies) on the app; a Chinese-speaking visitor unless told otherwise.</summary>
    public Task<IPage> NewPageAsync(int width = 1280, int height = 900) => NewPageAsync(BaseAddress, width, height);

    /// <summary>As <see cref="NewPageAsync(int, int)"/>, but reaching the app at <paramref name="baseAddress"/> (a proxy in front of it).</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        return await context.NewPageAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public virtual async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CompetitionHub.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"CompetitionHub.sln not found above {AppContext.BaseDirectory}");
    }
}
