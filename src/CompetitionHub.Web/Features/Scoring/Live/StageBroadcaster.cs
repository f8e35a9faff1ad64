using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;

namespace CompetitionHub.Web.Features.Scoring;

/// <summary>
/// Sends a session's stage to its group, coalescing: <see cref="Publish"/> only marks the session as changed and returns,
/// and a background loop builds and sends the newest state. Ten judges submitting within a second cause a few sends, not
/// ten, and a judge's acknowledgement never waits for the audience.
/// </summary>
public sealed class StageBroadcaster(IServiceScopeFactory scopes, IHubContext<StageHub> hub, ILogger<StageBroadcaster> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<int, byte> changed = new();
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Publish(int sessionId)
    {
        changed[sessionId] = 0;
        wake.Writer.TryWrite(true);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await wake.Reader.WaitToReadAsync(stoppingToken))
            {
                wake.Reader.TryRead(out _);
                foreach (var sessionId in changed.Keys)
                {
                    // Removed before building, so a change made while building marks it again and is sent next time.
                    changed.TryRemove(sessionId, out _);
                    await SendAsync(sessionId, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(int sessionId, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var state = await scope.ServiceProvider.GetRequiredService<StageSnapshots>().BuildAsync(sessionId, ct);
            if (state is null) return;
            await hub.Clients.Group(StageHub.Group(sessionId)).SendAsync(StageHub.StageChanged, state, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A missed broadcast heals itself: clients fetch the snapshot on reconnect and the next change sends it all.
            logger.LogWarning(ex, "Could not broadcast the stage of session {SessionId}", sessionId);
        }
    }
}
