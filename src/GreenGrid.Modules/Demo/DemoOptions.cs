namespace GreenGrid.Demo;

/// <summary>The configuration section <c>Demo</c>: whether and how big a demo city to load on first start.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Load the demo city when the database is empty.</summary>
    public bool Load { get; set; } = true;

    /// <summary>tiny (tests), small (default: quick first start), wuchang (full district), wuhan (whole city, for benchmarks).</summary>
    public DemoSize Size { get; set; } = DemoSize.Small;

    /// <summary>
    /// The day the demo stands on (default 20 March 2020, the middle of the campaign): while the demo
    /// is on, the city's clock runs on this day, so its outbreak history, certified compounds and
    /// revocations show as they were. Empty: real time.
    /// </summary>
    public DateOnly? StandsOn { get; set; } = new DateOnly(2020, 3, 20);

    /// <summary>Same seed, same city.</summary>
    public int Seed { get; set; } = 20200228;
}

public enum DemoSize
{
    Tiny,
    Small,
    Wuchang,
    Wuhan,
}
