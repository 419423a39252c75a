using System.Text.Json;
using System.Text.Json.Serialization;

namespace GreenGrid.Certification.Scenario;

// The scenario as written in issue 6. Dates and names are strings so that a bad one is reported
// by the reader with the item it belongs to (events[3].date), not as unreadable JSON.

public sealed record ScenarioRequest(string? AsOf, ScenarioStandard? Standard, List<ScenarioPlace>? Places, List<ScenarioPerson>? People, List<ScenarioEvent>? Events, List<ScenarioControl>? Controls);

/// <summary>Any field left out takes the default standard's value (Wuhan, from 1 March 2020).</summary>
public sealed record ScenarioStandard(int? QuietDays, int? ObservationDays, bool? CountAsymptomatic, List<string>? RequiredControls, string? Version = null);

public sealed record ScenarioPlace(string? Id, string? Kind, string? Parent);

public sealed record ScenarioPerson(string? Id, string? Place);

public sealed record ScenarioEvent(string? Person, string? Date, string? Type, string? LastExposure);

public sealed record ScenarioControl(string? Place, string? Control, string? Date, string? Withdrawn);

/// <summary>The answer: every place of the scenario, in the scenario's order.</summary>
public sealed record ScenarioAnswer(string AsOf, string Standard, List<PlaceAnswer> Places);

/// <param name="Status"><c>epidemicFree</c> or <c>notEpidemicFree</c>.</param>
/// <param name="FreeSince">For a free place, the first day of its current free run.</param>
/// <param name="FreeFrom">For a place that is not free, the earliest day it becomes free if nothing new happens; null when that depends on something without a known end.</param>
public sealed record PlaceAnswer(string Id, string Kind, string Status, string? FreeSince, string? FreeFrom, List<ReasonAnswer> Reasons);

/// <summary>One reason a place is not free; the fields depend on the code.</summary>
[JsonDerivedType(typeof(RecentCaseReason))]
[JsonDerivedType(typeof(UnderManagementReason))]
[JsonDerivedType(typeof(ControlMissingReason))]
[JsonDerivedType(typeof(ChildNotFreeReason))]
public abstract record ReasonAnswer([property: JsonPropertyOrder(-1)] string Code);

public sealed record RecentCaseReason(string Person, string Date) : ReasonAnswer("recentCase");

/// <param name="Until">The first day no longer under management; null while a suspected case or fever patient is unresolved.</param>
public sealed record UnderManagementReason(string Person, string Type, string? Until) : ReasonAnswer("underManagement");

public sealed record ControlMissingReason(string Control) : ReasonAnswer("controlMissing");

public sealed record ChildNotFreeReason(string Place) : ReasonAnswer("childNotFree");

internal static class ScenarioJson
{
    /// <summary>A scenario is the caller's own data; this bounds the work one request can ask for.</summary>
    public const int MaxBytes = 32 * 1024 * 1024;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>"$.events[3].date" → "events[3].date".</summary>
    public static string FieldOf(string? path) => string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');
}
