using CompetitionHub.TestSupport;
using CompetitionHub.TestSupport.Scenario;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CompetitionHub.BrowserTests.Crawl;

/// <summary>
/// The app on a real Kestrel with the <see cref="EveryPageScenario"/>, its clock at the scenario's date, watched by an
/// <see cref="EndpointLog"/> (which actions answered) and an <see cref="ErrorLog"/> (what it logged as errors). The crawl
/// runs once, on first demand, and every test of the class reads its report.
/// </summary>
public sealed class CrawlHost : BrowserHost
{
    private readonly Lazy<Task<EveryPageScenario>> scenario;
    private readonly Lazy<Task<CrawlReport>> crawl;

    public CrawlHost()
    {
        scenario = new Lazy<Task<EveryPageScenario>>(() => EveryPageScenario.BuildAsync(App, Clock, BaseAddress));
        crawl = new Lazy<Task<CrawlReport>>(RunAsync);
    }

    public ShiftedClock Clock { get; } = new(EveryPageScenario.Start);
    public EndpointLog Endpoints { get; } = new();
    public ErrorLog Errors { get; } = new();
    public EveryPageScenario Scenario { get; private set; } = null!;

    protected override AppFactory CreateApp() => new CrawlApp(this) { Kestrel = true }.WithClock(Clock);

    /// <summary>The scenario, built once on first demand; a class that only reads pages needs no crawl.</summary>
    public async Task<EveryPageScenario> ScenarioAsync() => Scenario = await scenario.Value;

    public Task<CrawlReport> CrawlAsync() => crawl.Value;

    private async Task<CrawlReport> RunAsync()
    {
        await ScenarioAsync();
        var trace = Path.Combine(ResultsFolder, "crawl-trace.log");
        File.Delete(trace);
        var report = new CrawlReport { TracePath = trace };
        await KeyPages.ScreenshotsAsync(this, report);
        var crawler = new SiteCrawler(Browser, BaseAddress, App, report, Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Date);
        await crawler.CrawlAsync(CrawlRoles.For(Scenario));
        return report;
    }

    private sealed class CrawlApp(CrawlHost host) : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(host.Errors));
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(host.Endpoints));
        }
    }
}
