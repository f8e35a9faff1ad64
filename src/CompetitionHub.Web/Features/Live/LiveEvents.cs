using Microsoft.AspNetCore.SignalR;

namespace CompetitionHub.Web.Features.Live;

/// <summary>Snapshot of the outbox for the organizer dashboard; small, so each message carries all of it.</summary>
public sealed record OutboxStatus(int Pending, int Sent, int Failed, long Version);

/// <summary>Attendance of one Activity Week event, for the door page and the organizer's event page.</summary>
public sealed record AttendanceCounts(int EventId, int CheckedIn, int Confirmed, int Waitlisted, long Version);

/// <summary>
/// What the server says over SignalR, with every event name in one place. Jobs and use cases call this and never
/// touch the hub; with a Redis backplane the message reaches clients connected to any instance.
/// </summary>
public sealed class LiveEvents(IHubContext<LiveHub> hub)
{
    /// <summary>Every Organizer and Admin: only for what belongs to no contest (the site's mail counts).</summary>
    public const string StaffGroup = "staff";

    /// <summary>Admins hear every contest's staff events.</summary>
    public const string AdminGroup = "admins";

    /// <summary>The Organizers assigned to one contest; an Organizer of another contest hears nothing of it.</summary>
    public static string ContestStaffGroup(int contestId) => $"contest-staff:{contestId}";

    public const string OutboxChanged = "outboxChanged";

    /// <summary>A roadshow session's whole <see cref="Scoring.LiveStage"/>, sent to <see cref="StageGroup"/> on every change.</summary>
    public const string StageChanged = "stageChanged";

    /// <summary>Everyone watching a session: organizers' consoles, judges' tablets, the big screen, the public page.</summary>
    public static string StageGroup(int sessionId) => $"stage:{sessionId}";

    /// <summary>
    /// An Activity Week event's <see cref="AttendanceCounts"/>, sent on every check-in to the Organizers of the event's
    /// contest and to Admins; pages pick their event by id.
    /// </summary>
    public const string AttendanceChanged = "attendanceChanged";

    public Task AttendanceChangedAsync(int contestId, AttendanceCounts counts, CancellationToken ct = default) =>
        hub.Clients.Groups([ContestStaffGroup(contestId), AdminGroup]).SendAsync(AttendanceChanged, counts, ct);

    public Task OutboxChangedAsync(OutboxStatus status, CancellationToken ct = default) =>
        hub.Clients.Group(StaffGroup).SendAsync(OutboxChanged, status, ct);
}
