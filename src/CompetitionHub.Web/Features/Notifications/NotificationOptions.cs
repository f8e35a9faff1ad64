using System.ComponentModel.DataAnnotations;

namespace CompetitionHub.Web.Features.Notifications;

/// <summary>How the outbox is drained: retry back-off, batch size, sweep schedule. Bound from "Notifications".</summary>
public sealed class NotificationOptions
{
    public static readonly TimeSpan[] DefaultRetryDelays =
        [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(6)];

    /// <summary>
    /// Wait after the 1st, 2nd, … failed attempt; the last one repeats until <see cref="MaxAttempts"/>.
    /// Empty here because the binder appends to a pre-filled list; the defaults are applied after binding.
    /// </summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    /// <summary>Attempts before a row is given up as Failed; by default one more than there are delays.</summary>
    [Range(1, 1000)]
    public int? MaxAttempts { get; set; }

    /// <summary>Rows claimed (and sent over one SMTP connection) at a time.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>How long a claim holds; a sender that died mid-batch lets its rows go after this.</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Cron of the sweeper that sends whatever is due (reminders, rows whose job was lost).</summary>
    [Required]
    public string SweepCron { get; set; } = "* * * * *";

    public int AttemptsAllowed => MaxAttempts ?? RetryDelays.Count + 1;

    public TimeSpan DelayAfter(int attempts) => RetryDelays[Math.Clamp(attempts - 1, 0, RetryDelays.Count - 1)];
}
