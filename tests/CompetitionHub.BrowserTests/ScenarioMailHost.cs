using CompetitionHub.TestSupport;
using CompetitionHub.TestSupport.Scenario;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

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

    protected override AppFactory CreateApp() => new MailApp(Clock);

    private sealed class MailApp : SmtpAppFactory
    {
        private readonly ShiftedClock clock;

        public MailApp(ShiftedClock clock)
        {
            this.clock = clock;
            Kestrel = true;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        }
    }
}
