namespace GreenGrid.Platform.Time;

/// <summary>
/// Real time moved to another day: the clock runs, but on the day the demo stands on (see
/// <c>Demo:StandsOn</c>), so that a simulated outbreak of 2020 shows as it was on that day.
/// </summary>
public sealed class ShiftedTimeProvider(TimeProvider inner, TimeSpan offset) : TimeProvider
{
    public TimeSpan Offset => offset;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + offset;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long GetTimestamp() => inner.GetTimestamp();

    /// <summary>The shift that puts the city's today on <paramref name="day"/>, keeping the time of day.</summary>
    public static TimeSpan To(DateOnly day, TimeProvider inner, TimeZoneInfo zone)
    {
        var now = TimeZoneInfo.ConvertTime(inner.GetUtcNow(), zone);
        return day.ToDateTime(TimeOnly.MinValue) - DateOnly.FromDateTime(now.DateTime).ToDateTime(TimeOnly.MinValue);
    }
}
