namespace CompetitionHub.TestSupport;

/// <summary>
/// The real clock moved to another day: time still passes (timers, delays and timeouts behave as in production)
/// but "now" is a date a test chose, e.g. inside a contest's registration window whatever day the suite runs.
/// </summary>
public sealed class ShiftedClock(DateTimeOffset startsAt) : TimeProvider
{
    private readonly TimeSpan offset = startsAt - System.GetUtcNow();
    private TimeSpan jumped;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset + jumped;

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    /// <summary>Jumps ahead, e.g. past a deadline.</summary>
    public void Advance(TimeSpan by) => jumped += by;
}
