using CompetitionHub.Web.Infrastructure;
using System.ComponentModel.DataAnnotations;

namespace CompetitionHub.Web.Features.Notifications;

/// <summary>How the outbox is drained: retry back-off and horizon, batch size, claims, sweep schedule. Bound from "Notifications".</summary>
public sealed class NotificationOptions : ISettings
{
    public static string Section => "Notifications";

    public static readonly TimeSpan[] DefaultRetryDelays =
        [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1)];

    /// <summary>
    /// Wait after the 1st, 2nd, … failed attempt; the last one repeats until <see cref="RetryHorizon"/>.
    /// Empty here because the binder appends to a pre-filled list; the defaults are applied after binding.
    /// </summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    /// <summary>
    /// How long a mail is tried again, from its first attempt, before it is given up as Failed. A relay that is down or
    /// over its quota for a day does not lose the mail queued meanwhile; only a recipient refused for good fails at once.
    /// </summary>
    public TimeSpan RetryHorizon { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Rows claimed (and sent over one SMTP connection) at a time.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// How long a claim holds without renewal. A sender renews its claims every third of this while it sends, so a
    /// batch of any length stays its own, and the rows of a sender that died are free again this long after it died.
    /// </summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A pending mail this long past its due time is listed on the Admin mail page, as is one tried more than once.</summary>
    public TimeSpan OverdueAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Cron of the sweeper that sends whatever is due (reminders, rows whose job was lost).</summary>
    [Required]
    public string SweepCron { get; set; } = "* * * * *";

    public TimeSpan DelayAfter(int attempts) => RetryDelays[Math.Clamp(attempts - 1, 0, RetryDelays.Count - 1)];

    /// <summary>How often a sender extends the claims of the rows it still has to send.</summary>
    public TimeSpan ClaimRenewal => ClaimDuration / 3;
}
