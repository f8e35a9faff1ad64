using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;

namespace CompetitionHub.Web.Features.Scoring;

/// <summary>
/// Sends a session's stage to its group, coalescing: <see cref="Publish"/> only marks the session as changed and returns,
/// and a background loop builds and sends the newest state. Ten judges submitting within a second cause a few sends, not
/// ten, and a judge's acknowledgement never waits for the audience.
/// </summary>
/// <remarks>
/// Stored sheets (<see cref="PublishSheets"/>) change only the panel's submitted marks, so the stage last sent is sent
/// again with just those marks read afresh (<see cref="StageSnapshots.WithSheetsReadAsync"/>) rather than rebuilt whole:
/// the whole build reads the session, the rankings and the conflict map, and a panel scoring at once waits for it. The
/// stage last sent is built whole again after any organizer step (its version), any save on this instance that drops
/// <see cref="StageFacts"/> (a recusal, a panel or name change) and anything else published through <see cref="Publish"/>;
/// a recusal declared on another instance reaches the screens with the next step, as it reaches the sheet checks.
/// A state that was published over while it was being built is not sent (up to <see cref="MaxSuperseded"/> in a row): the
/// next pass builds the newer one, so the screens never read a state the loop already knows to be old.
/// The revealed list and ranking go only in a message whose <see cref="LiveStage.BoardKey"/> differs from the last one this
/// instance sent (<see cref="LiveStage.BoardLeftOut"/>); a screen that lacks them (it heard another instance, or joined in
/// between) reads the stage whole again.
/// </remarks>
public sealed class StageBroadcaster(IServiceScopeFactory scopes, IHubContext<StageHub> hub, StageFacts facts, ILogger<StageBroadcaster> logger)
    : BackgroundService
{
    /// <summary>Sessions to send; true when the stage must be built whole, false when only sheets were stored.</summary>
    private readonly ConcurrentDictionary<int, bool> changed = new();
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>
    /// The stage last built per session (sent, or passed over for a newer one), and the <see cref="StageFacts.Generation"/>
    /// it was built in; the loop's alone.
    /// </summary>
    private readonly Dictionary<int, (SeatedStage Stage, long Generation)> sent = [];

    /// <summary>States in a row the loop built and did not send because a newer change was published meanwhile.</summary>
    private readonly Dictionary<int, int> superseded = [];

    private const int MaxSuperseded = 2;

    /// <summary>The <see cref="LiveStage.BoardKey"/> of the last stage this instance sent per session; the loop's alone.</summary>
    private readonly Dictionary<int, string> boardSent = [];

    public void Publish(int sessionId)
    {
        changed[sessionId] = true;
        wake.Writer.TryWrite(true);
    }

    /// <summary>Sheets were stored for the session's entry on stage, and nothing else changed.</summary>
    public void PublishSheets(int sessionId)
    {
        changed.AddOrUpdate(sessionId, false, (_, whole) => whole);
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
                    if (changed.TryRemove(sessionId, out var whole)) await SendAsync(sessionId, whole, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(int sessionId, bool whole, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var snapshots = scope.ServiceProvider.GetRequiredService<StageSnapshots>();
            // Read before building: a change saved while building raises it, and the next send builds whole again.
            var generation = facts.Generation;
            var state = !whole && sent.TryGetValue(sessionId, out var last) && last.Generation == generation
                ? await snapshots.WithSheetsReadAsync(last.Stage, ct)
                : null;
            state ??= await snapshots.BuildSeatedAsync(sessionId, ct);
            if (state is null || state.Stage.Phase == nameof(StagePhase.Finished))
            {
                sent.Remove(sessionId);
                boardSent.Remove(sessionId);
            }
            else sent[sessionId] = (state, generation);
            if (state is null) return;
            // Published again while this was read: it is already old, and the newer state goes out on the next pass. Each
            // screen reads every message it is sent, in order, so a stale one only delays the newer (at a thousand screens
            // one message costs about what the whole broadcast does). A few in a row are still sent, so a stream of
            // changes cannot keep the screens waiting.
            if (changed.ContainsKey(sessionId) && superseded.GetValueOrDefault(sessionId) < MaxSuperseded)
            {
                superseded[sessionId] = superseded.GetValueOrDefault(sessionId) + 1;
                return;
            }
            superseded.Remove(sessionId);
            // The revealed list and ranking change with a reveal, not with a judge's mark: sent again only when they differ
            // from what this instance sent last. A screen that joined since read them whole from JoinStage.
            var message = state.Stage;
            if (boardSent.GetValueOrDefault(sessionId) == message.BoardKey) message = message.WithBoardLeftOut();
            else if (message.Phase != nameof(StagePhase.Finished)) boardSent[sessionId] = message.BoardKey;
            await hub.Clients.Group(StageHub.Group(sessionId)).SendAsync(StageHub.StageChanged, message, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            sent.Remove(sessionId);
            boardSent.Remove(sessionId);
            // A missed broadcast heals itself: clients fetch the snapshot on reconnect and the next change sends it all.
            logger.LogWarning(ex, "Could not broadcast the stage of session {SessionId}", sessionId);
        }
    }
}
