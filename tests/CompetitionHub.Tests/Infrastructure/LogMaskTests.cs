using System.Collections.Concurrent;
using System.Net;
using CompetitionHub.Tests.Notifications;
using CompetitionHub.Tests.Review;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CompetitionHub.Tests.Infrastructure;

public sealed class LogMaskTests(LogMaskTests.Host host) : IClassFixture<LogMaskTests.Host>
{
    /// <summary>The app with every log line it writes kept, as a log file or log service would keep it.</summary>
    public sealed class Host : SmtpAppFactory
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(new Keeper(Lines))));
        }

        private sealed class Keeper(ConcurrentQueue<string> lines) : ILoggerProvider, ILogger
        {
            public ILogger CreateLogger(string categoryName) => this;
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
            public void Dispose() { }
        }
    }

    [Theory]
    [InlineData("zhang.san@example.com", "z***@example.com")]
    [InlineData("a@b.cn", "a***@b.cn")]
    [InlineData("no-at-sign", "***")]
    [InlineData("", "")]
    public void Email_KeepsTheFirstLetterAndTheDomainOnly(string address, string masked) =>
        Assert.Equal(masked, LogMask.Email(address));

    [Fact]
    public void EmailsIn_MasksEveryAddressInAMailServersAnswer() =>
        Assert.Equal("550 5.1.1 <l***@example.com>: user unknown (cc w***@example.org)",
            LogMask.EmailsIn("550 5.1.1 <li.si@example.com>: user unknown (cc wang@example.org)"));

    [Fact]
    public async Task Logs_ShowTheRecipientMasked_WhenAJudgeIsInvitedAndTheMailIsSent()
    {
        var contestId = await host.ContestIdAsync();
        var email = TestUsers.NewEmail("logged");
        var organizer = await host.DemoOrganizerAsync();

        var response = await organizer.PostFormAsync($"/manage/contests/{contestId}/judges", ("Email", email), ("Name", "赵评审"), ("MaxLoad", "12"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var mail = (await host.NotificationsToAsync(email, ManageJudgePool.InvitationTemplate)).Last();
        await host.WaitForRowAsync(mail.Id, n => n.Status == NotificationStatus.Sent, "sent");
        var masked = LogMask.Email(email);
        Assert.Contains(host.Lines, l => l.Contains("invited", StringComparison.Ordinal) && l.Contains(masked, StringComparison.Ordinal));
        Assert.Contains(host.Lines, l => l.StartsWith("Sent notification", StringComparison.Ordinal) && l.Contains(masked, StringComparison.Ordinal));
        Assert.DoesNotContain(host.Lines, l => l.Contains(email, StringComparison.OrdinalIgnoreCase));
    }
}
