using System.Globalization;
using CompetitionHub.TestSupport;
using CompetitionHub.TestSupport.Scenario;
using CompetitionHub.Web.Features.Scoring;
using static Microsoft.Playwright.Assertions;

namespace CompetitionHub.BrowserTests.ScaleOut;

/// <summary>
/// The live pages in Chromium through the round-robin proxy in front of two instances (<see cref="Deployment"/>): the
/// page, each of its scripts and its SignalR connection may reach a different instance, as behind a province's load
/// balancer. Runs where CHUB_TEST_POSTGRES names a PostgreSQL server (tests/run.sh starts one).
/// </summary>
public sealed class LiveThroughProxyBrowserTests(LiveThroughProxyBrowserTests.Host host) : IClassFixture<LiveThroughProxyBrowserTests.Host>
{
    public sealed class Host : BrowserHost
    {
        public Deployment Deployment { get; private set; } = null!;

        /// <summary>The app in the test process on the deployment's database, for arranging; the pages use the proxy.</summary>
        protected override AppFactory CreateApp()
        {
            var arranger = Deployment.Arranger();
            arranger.Kestrel = true;
            return arranger;
        }

        public override async Task InitializeAsync()
        {
            if (!Deployment.Available) return;
            Deployment = await Deployment.StartAsync(2);
            await base.InitializeAsync();
        }

        public override async Task DisposeAsync()
        {
            if (Deployment is null) return;
            await base.DisposeAsync();
            await Deployment.DisposeAsync();
        }
    }

    public sealed class DeploymentFactAttribute : FactAttribute
    {
        public DeploymentFactAttribute()
        {
            if (!Deployment.Available) Skip = "Needs a PostgreSQL server named by CHUB_TEST_POSTGRES, as tests/run.sh starts.";
        }
    }

    [DeploymentFact]
    public async Task LivePages_ConnectAndShowTheScore_WhenOpenedThroughTheRoundRobinProxy()
    {
        var steps = new ScenarioSteps(host.App, host.Deployment.ProxyAddress);
        OpenStage stage;
        using (ScenarioSteps.ChineseCulture())
            stage = await steps.OpenStageAsync(await steps.OpenContestAsync());
        var screen = await host.NewPageAsync(host.Deployment.ProxyAddress, 1920, 1080);
        var judge = await host.NewPageAsync(host.Deployment.ProxyAddress, 390, 844);

        await screen.GotoAsync($"/live/sessions/{stage.SessionId}/screen");
        await judge.SignInAsync(stage.JudgeEmail);
        await judge.GotoAsync($"/judging/sessions/{stage.SessionId}");
        await Expect(screen.Locator("#liveIndicator")).ToHaveTextAsync("实时连接正常");
        await Expect(judge.Locator("#liveIndicator")).ToHaveTextAsync("实时连接正常");

        await Expect(judge.Locator("#scoreForm")).ToBeVisibleAsync();
        foreach (var (criterion, points) in stage.Points)
        {
            // A range input cannot be typed into: set as a thumb would.
            await judge.Locator($"#criterion-{criterion}").EvaluateAsync(
                "(el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); }", points.ToString(CultureInfo.InvariantCulture));
        }
        await judge.Locator("#submitScore").ClickAsync();
        // The sheet asks for confirmation with its total before it goes out.
        await judge.Locator("#confirmSubmit").ClickAsync();
        await Expect(judge.Locator("#judgeNotice")).ToHaveTextAsync("您已提交该项目的评分。");

        // The organizer closes scoring and reveals from a third process; the screen hears it through the backplane.
        await steps.StepAsync(stage.SessionId, StageStep.CloseScoring);
        await steps.StepAsync(stage.SessionId, StageStep.Reveal);
        await Expect(screen.Locator("#latestScore .live-score")).ToHaveTextAsync(stage.Points.Values.Sum().ToString("0.00", CultureInfo.InvariantCulture));
        await BrowserHost.ScreenshotAsync(screen, "live-screen-through-proxy");
    }
}
