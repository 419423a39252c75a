using System.Diagnostics.Metrics;

namespace GreenGrid.Register.Import;

/// <summary>The meter <c>GreenGrid.Register</c>: register imports checked and committed (README, "Telemetry").</summary>
internal static class ImportMetrics
{
    private static readonly Meter Meter = new("GreenGrid.Register");
    private static readonly Counter<long> Checked = Meter.CreateCounter<long>("greengrid.imports.checked", description: "register imports checked, by outcome (checked, failed)");
    private static readonly Counter<long> Committed = Meter.CreateCounter<long>("greengrid.imports.committed", description: "register imports committed");
    private static readonly Counter<long> Residents = Meter.CreateCounter<long>("greengrid.imports.residents", description: "residents added by committed imports");

    public static void Check(bool failed) => Checked.Add(1, new KeyValuePair<string, object?>("outcome", failed ? "failed" : "checked"));

    public static void Commit(int residents)
    {
        Committed.Add(1);
        Residents.Add(residents);
    }
}
