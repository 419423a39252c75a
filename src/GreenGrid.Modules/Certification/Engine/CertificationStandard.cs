namespace GreenGrid.Certification.Engine;

/// <summary>The six controls that must be in place (六个到位).</summary>
public enum Control : byte
{
    Publicity,
    ClosedManagement,
    Sweep,
    Disinfection,
    Supply,
    Mobilisation,
}

/// <summary>
/// The certification standard as data. A standard is a value: a changed rule is a new version, and
/// an evaluation always names the version it applied (docs/adr/0006-certification-engine.md).
/// </summary>
/// <param name="QuietDays">A case reported on day C blocks days C … C+QuietDays−1.</param>
/// <param name="ObservationDays">A close contact is under management until lastExposure + ObservationDays (exclusive), or an earlier release.</param>
/// <param name="CountAsymptomatic">Whether an asymptomatic infection blocks like a confirmed case.</param>
/// <param name="RequiredControls">Controls each compound must have attested and not withdrawn.</param>
public sealed record CertificationStandard(string Version, int QuietDays, int ObservationDays, bool CountAsymptomatic, IReadOnlyList<Control> RequiredControls)
{
    public const int MaxDays = 365;

    /// <summary>Wuhan's standard from 1 March 2020: 14 quiet days, 14 days of observation, asymptomatic counted, all six controls.</summary>
    public static CertificationStandard Wuhan2020 { get; } = new("wuhan-2020-03-01", 14, 14, true, Enum.GetValues<Control>());

    /// <summary>The reasons the standard cannot be applied, empty when it can.</summary>
    public IEnumerable<string> Problems()
    {
        if (QuietDays is < 1 or > MaxDays)
        {
            yield return $"quietDays must be between 1 and {MaxDays} (got {QuietDays})";
        }
        if (ObservationDays is < 0 or > MaxDays)
        {
            yield return $"observationDays must be between 0 and {MaxDays} (got {ObservationDays})";
        }
        if (RequiredControls.Distinct().Count() != RequiredControls.Count)
        {
            yield return "requiredControls must not name a control twice";
        }
    }
}
