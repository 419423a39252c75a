namespace GreenGrid.Cases;

/// <summary>Settings of the cases module (section <c>Cases</c>).</summary>
public sealed class CasesOptions
{
    public const string Section = "Cases";

    /// <summary>Days of observation of a close contact after the last exposure (default 14).</summary>
    public int ObservationDays { get; set; } = 14;

    /// <summary>Most events in one batch request.</summary>
    public int MaxBatch { get; set; } = 1000;
}
