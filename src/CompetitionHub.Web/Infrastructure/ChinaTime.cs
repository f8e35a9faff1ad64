using System.Globalization;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>Times are stored in UTC and shown, entered and judged in China Standard Time, where the contests happen.</summary>
public static class ChinaTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTime FromUtc(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>A wall-clock time typed by an organizer in China, as UTC for storage.</summary>
    public static DateTime ToUtc(DateTime chinaLocal) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(chinaLocal, DateTimeKind.Unspecified), Zone);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(FromUtc(clock.GetUtcNow().UtcDateTime));

    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(FromUtc(utc));

    public static string Format(DateTime? utc, string format = "yyyy-MM-dd HH:mm") =>
        utc is { } value ? FromUtc(value).ToString(format, CultureInfo.InvariantCulture) : "";
}
