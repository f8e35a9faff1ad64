using System.Net;
using CompetitionHub.Web.Features.Scoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CompetitionHub.Benchmarks.LiveLoad;

/// <summary>
/// The floor for score-to-screen: a minimal SignalR hub on its own Kestrel (127.0.0.1, any port) that keeps the stage in
/// memory and, on every submission, sends the whole <see cref="LiveStage"/> to the group at once. No database, no
/// coalescing, no authentication: only what any live broadcast to the same clients costs.
/// </summary>
public sealed class BareStageServer : IAsyncDisposable
{
    public const string Path = "/hubs/bare";
    public const string Group = "stage";

    private readonly WebApplication app;

    private BareStageServer(WebApplication app) => this.app = app;

    public Uri Address { get; private set; } = null!;
    public BareStage Stage => app.Services.GetRequiredService<BareStage>();

    public static async Task<BareStageServer> StartAsync(BareStage stage)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSignalR();
        builder.Services.AddSingleton(stage);
        var app = builder.Build();
        app.MapHub<BareStageHub>(Path);
        await app.StartAsync();
        var server = new BareStageServer(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = new Uri(address);
        return server;
    }

    /// <summary>The organizer's "next entry" of the bare stage, sent like any other change.</summary>
    public Task NextAsync(int entryId) =>
        app.Services.GetRequiredService<IHubContext<BareStageHub>>().Clients.Group(Group).SendAsync("stageChanged", Stage.Next(entryId));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>The in-memory stage of the bare server, shaped like the app's: panel flags, revealed scores and a ranking.</summary>
public sealed class BareStage(IReadOnlyList<string> judgeNames)
{
    private readonly Lock gate = new();
    private readonly List<LiveScore> revealed = [];
    private LiveStage current = Empty(judgeNames);

    private static LiveStage Empty(IReadOnlyList<string> names) => new(1, 1, "第一场 长春国际会展中心 A 厅", "复赛路演", "Semi-final roadshow",
        nameof(StagePhase.Idle), DateTime.UtcNow, 8, 7, null, names.Select((_, i) => new LiveJudge(i + 1, false, false)).ToList(), [], [], 0);

    /// <summary>Puts the entry on stage with scoring open and the previous one revealed; returns the state to send.</summary>
    public LiveStage Next(int entryId)
    {
        lock (gate)
        {
            if (current.Entry is { } previous)
                revealed.Add(new LiveScore(previous.EntryId, previous.Title, previous.Team, 85.17m, current.Panel.Select((_, i) => 80m + i % 10).ToList(), 2));
            var ranking = revealed.OrderByDescending(s => s.Score).Select((s, i) => new LiveRank(i + 1, s.EntryId, s.Title, s.Team, s.Score ?? 0)).ToList();
            current = current with
            {
                Phase = nameof(StagePhase.Scoring), PhaseStartedAt = DateTime.UtcNow,
                Entry = new LiveEntry(entryId, $"路演项目{entryId:D4} 智能农业装备", $"团队路演项目{entryId:D4}", "创业组", "Startup", entryId),
                Panel = current.Panel.Select(j => j with { Submitted = false }).ToList(),
                Revealed = revealed.ToList(), Groups = [new LiveGroup("创业组", "Startup", ranking)], Version = current.Version + 1,
            };
            return current;
        }
    }

    public LiveStage Submitted(int entryId, int judge)
    {
        lock (gate)
        {
            if (current.Entry?.EntryId != entryId) return current;
            current = current with { Panel = current.Panel.Select((j, i) => i == judge ? j with { Submitted = true } : j).ToList() };
            return current;
        }
    }
}

/// <summary>Join and Submit, each answering once the group send has been handed to every connection.</summary>
public sealed class BareStageHub(BareStage stage) : Hub
{
    public Task Join() => Groups.AddToGroupAsync(Context.ConnectionId, BareStageServer.Group);

    public async Task<bool> Submit(int entryId, int judge)
    {
        await Clients.Group(BareStageServer.Group).SendAsync("stageChanged", stage.Submitted(entryId, judge));
        return true;
    }
}
