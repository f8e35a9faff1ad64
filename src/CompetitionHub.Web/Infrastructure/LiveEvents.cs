using Microsoft.AspNetCore.SignalR;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>
/// What the server tells signed-in staff pages over <see cref="LiveHub"/>, with every event name in one place. Jobs and
/// use cases call this and never touch the hub; with a Redis backplane the message reaches clients connected to any
/// instance. The messages themselves are records of the feature that sends them (the outbox status, the attendance
/// counts). The roadshow stage has a hub of its own (Features/Scoring/Live).
/// </summary>
public sealed class LiveEvents(IHubContext<LiveHub> hub)
{
    /// <summary>Every Organizer and Admin: only for what belongs to no contest (the site's mail counts).</summary>
    public const string StaffGroup = "staff";

    /// <summary>Admins hear every contest's staff events.</summary>
    public const string AdminGroup = "admins";

    /// <summary>The Organizers assigned to one contest; an Organizer of another contest hears nothing of it.</summary>
    public static string ContestStaffGroup(int contestId) => $"contest-staff:{contestId}";

    /// <summary>The site's outbox counts, sent to <see cref="StaffGroup"/>; small, so each message carries all of it.</summary>
    public const string OutboxChanged = "outboxChanged";

    /// <summary>
    /// An Activity Week event's attendance, sent on every check-in to the Organizers of the event's contest and to Admins;
    /// pages pick their event by id.
    /// </summary>
    public const string AttendanceChanged = "attendanceChanged";

    /// <summary>Tells every Organizer and Admin.</summary>
    public Task ToStaffAsync<T>(string eventName, T message, CancellationToken ct = default) =>
        hub.Clients.Group(StaffGroup).SendAsync(eventName, message, ct);

    /// <summary>Tells the Organizers of one contest and the Admins.</summary>
    public Task ToContestStaffAsync<T>(int contestId, string eventName, T message, CancellationToken ct = default) =>
        hub.Clients.Groups([ContestStaffGroup(contestId), AdminGroup]).SendAsync(eventName, message, ct);
}
