using CompetitionHub.TestSupport;
using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Features.Scoring;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CompetitionHub.Tests.Live;

/// <summary>Who may open a hub connection, and what an anonymous or non-judge connection to the stage may do.</summary>
public sealed class HubAccessTests(HubAccessTests.Host host) : IClassFixture<HubAccessTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host()
        {
            Kestrel = true;
            With("SignalR:AllowedOrigins:0", "https://screens.example.cn");
        }
    }

    /// <summary>A client that sends an Origin header, as a browser does when a page opens a WebSocket.</summary>
    private static HubConnection Connect(Uri server, string path, string? origin, Browserless? signedIn = null) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(server, path), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                if (origin is not null) o.Headers["Origin"] = origin;
                if (signedIn is not null) o.Cookies = signedIn.Cookies;
            })
            .Build();

    private string OwnOrigin => host.ServerAddress.GetLeftPart(UriPartial.Authority);

    [Theory]
    [InlineData(StageHub.Path)]
    [InlineData(LiveHub.Path)]
    public async Task Connect_IsRefused_WhenThePageIsOfAnotherOrigin(string path)
    {
        using var organizer = new Browserless(host.ServerAddress);
        await organizer.SignInAsync(TestUsers.DemoOrganizer);
        await using var connection = Connect(host.ServerAddress, path, "https://evil.example", organizer);

        await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());

        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    [Fact]
    public async Task Connect_Succeeds_WhenThePageIsOfThisSiteOrAnAllowedOrigin()
    {
        await using var own = Connect(host.ServerAddress, StageHub.Path, OwnOrigin);
        await using var allowed = Connect(host.ServerAddress, StageHub.Path, "https://screens.example.cn");
        await using var noBrowser = Connect(host.ServerAddress, StageHub.Path, origin: null);

        await own.StartAsync();
        await allowed.StartAsync();
        await noBrowser.StartAsync();

        Assert.All([own, allowed, noBrowser], c => Assert.Equal(HubConnectionState.Connected, c.State));
    }

    [Fact]
    public async Task SubmitScore_IsRefused_WhenTheConnectionIsAnonymousOrNotAJudge()
    {
        var email = TestUsers.NewEmail("spectator");
        await host.CreateUserAsync(email, "Secret123", "观众");
        using var spectator = new Browserless(host.ServerAddress);
        await spectator.SignInAsync(email, "Secret123");
        await using var anonymous = Connect(host.ServerAddress, StageHub.Path, OwnOrigin);
        await using var signedIn = Connect(host.ServerAddress, StageHub.Path, OwnOrigin, spectator);
        await anonymous.StartAsync();
        await signedIn.StartAsync();
        var score = new StageScore(Guid.NewGuid(), 1, 1, new Dictionary<int, decimal> { [1] = 80m }, null);

        var fromAnonymous = await anonymous.InvokeAsync<ScoreOutcome>(nameof(StageHub.SubmitScore), score);
        var fromSpectator = await signedIn.InvokeAsync<ScoreOutcome>(nameof(StageHub.SubmitScore), score with { SubmissionId = Guid.NewGuid() });

        Assert.Equal("请先登录评委账号。", fromAnonymous.Error);
        Assert.Equal("请先登录评委账号。", fromSpectator.Error);
    }
}
