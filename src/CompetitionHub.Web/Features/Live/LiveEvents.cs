using Microsoft.AspNetCore.SignalR;

namespace CompetitionHub.Web.Features.Live;

/// <summary>Snapshot of the outbox for the organizer dashboard; small, so each message carries all of it.</summary>
public sealed record OutboxStatus(int Pending, int Sent, int Failed, long Version);

/// <summary>
/// What the server says over SignalR, with every event name in one place. Jobs and use cases call this and never
/// touch the hub; with a Redis backplane the message reaches clients connected to any instance.
/// </summary>
public sealed class LiveEvents(IHubContext<LiveHub> hub)
{
    public const string StaffGroup = "staff";
    public const string OutboxChanged = "outboxChanged";

    public Task OutboxChangedAsync(OutboxStatus status, CancellationToken ct = default) =>
        hub.Clients.Group(StaffGroup).SendAsync(OutboxChanged, status, ct);
}
