using System.Diagnostics.Metrics;

namespace GreenGrid.Cases.RecordEvents;

/// <summary>The meter <c>GreenGrid.Cases</c>: case events committed, by type (README, "Telemetry").</summary>
internal static class CaseEventMetrics
{
    private static readonly Meter Meter = new("GreenGrid.Cases");
    private static readonly Counter<long> Events = Meter.CreateCounter<long>("greengrid.case_events.recorded", description: "case events committed, by type");

    public static void Recorded(IReadOnlyList<CaseEvent> events)
    {
        foreach (var e in events)
        {
            Events.Add(1, new KeyValuePair<string, object?>("type", System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(e.Type.ToString())));
        }
    }
}
