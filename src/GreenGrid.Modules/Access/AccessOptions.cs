namespace GreenGrid.Access;

/// <summary>The configuration section <c>Access</c>.</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>How far a gate's clock may be from the server's before a scan is flagged and decided on the server's time.</summary>
    public int ClockSkewMinutes { get; set; } = 5;

    /// <summary>Most offline scans in one upload.</summary>
    public int MaxSyncBatch { get; set; } = 500;

    public TimeSpan ClockSkew => TimeSpan.FromMinutes(ClockSkewMinutes);
}
