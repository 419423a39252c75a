namespace GreenGrid.Certification;

/// <summary>Settings of the certification workflow (section <c>Certification</c>).</summary>
public sealed class CertificationOptions
{
    public const string Section = "Certification";

    /// <summary>Days a sub-district's or district's application stays on public notice (公示) before city HQ may approve it (default 3).</summary>
    public int NoticeDays { get; set; } = 3;

    /// <summary>Days between batches (default 3): the next batch is due this many days after the last one.</summary>
    public int BatchEveryDays { get; set; } = 3;
}
