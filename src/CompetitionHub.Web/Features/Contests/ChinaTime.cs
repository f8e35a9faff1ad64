namespace CompetitionHub.Web.Features.Contests;

/// <summary>
/// Organizers think and type in China time; the database keeps UTC. Every conversion between the two goes through here
/// so a form and a page can never disagree by eight hours.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTime? ToChina(DateTime? utc) =>
        utc is { } t ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc), Zone) : null;

    /// <summary>A wall-clock time typed in China (a datetime-local input) as UTC.</summary>
    public static DateTime? ToUtc(DateTime? china) =>
        china is { } t ? TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(t, DateTimeKind.Unspecified), Zone) : null;

    public static string Format(DateTime? utc) => ToChina(utc)?.ToString("yyyy-MM-dd HH:mm") ?? "—";
}
