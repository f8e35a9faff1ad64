using System.Globalization;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>
/// Times are stored in UTC and shown, entered and judged in China Standard Time, where the contests happen. Every
/// conversion between the two goes through here, so a form and a page can never disagree by eight hours.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTime FromUtc(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static DateTime? ToChina(DateTime? utc) => utc is { } value ? FromUtc(value) : null;

    /// <summary>A wall-clock time typed in China (a datetime-local input) as UTC for storage.</summary>
    public static DateTime ToUtc(DateTime chinaLocal) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(chinaLocal, DateTimeKind.Unspecified), Zone);

    public static DateTime? ToUtc(DateTime? chinaLocal) => chinaLocal is { } value ? ToUtc(value) : null;

    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow().UtcDateTime);

    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(FromUtc(utc));

    /// <summary>For pages: "2027-01-31 23:59", or a dash when there is no time.</summary>
    public static string Format(DateTime? utc, string format = "yyyy-MM-dd HH:mm") =>
        utc is { } value ? FromUtc(value).ToString(format, CultureInfo.InvariantCulture) : "—";
}
