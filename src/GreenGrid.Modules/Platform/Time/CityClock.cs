using Microsoft.Extensions.Options;

namespace GreenGrid.Platform.Time;

/// <summary>The configuration section <c>City</c>.</summary>
public sealed class CityOptions
{
    public const string Section = "City";

    /// <summary>IANA time zone whose midnight starts a new day for every rule (default Asia/Shanghai).</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";
}

/// <summary>
/// The one source of "now" and "today" for every rule. Time comes from the injected
/// <see cref="TimeProvider"/> (tests set it), and a day is a day in the city's time zone.
/// </summary>
public sealed class CityClock(TimeProvider time, IOptions<CityOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>A UTC instant as the city's wall-clock time (for display, and for the city day it falls on).</summary>
    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);

    /// <summary>The UTC instant at which a city day begins (its local midnight).</summary>
    public DateTime StartOf(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified), _zone);

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), _zone).DateTime);
}
