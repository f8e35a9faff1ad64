using CompetitionHub.TestSupport;
using CompetitionHub.TestSupport.Scenario;

namespace CompetitionHub.BrowserTests;

/// <summary>
/// A browser on the app with mail to a real SMTP listener, and a clock inside the seeded contests' windows
/// (<see cref="EveryPageScenario.Start"/>) whatever day the suite runs.
/// </summary>
public class ScenarioMailHost : BrowserHost
{
    public SmtpListener Mail => ((SmtpAppFactory)App).Smtp;

    /// <summary>The app's clock: a test jumps it ahead, e.g. past a review period.</summary>
    public ShiftedClock Clock { get; } = new(EveryPageScenario.Start);

    protected override AppFactory CreateApp() => new SmtpAppFactory { Kestrel = true }.WithClock(Clock);
}
