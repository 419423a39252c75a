using GreenGrid.Certification.Engine;
using GreenGrid.Platform.Errors;

namespace GreenGrid.Certification.Scenario;

/// <summary>A scenario in, the answer out: the same engine as the application, without the database.</summary>
internal static class ScenarioEvaluator
{
    /// <summary>The answer, or null with <paramref name="errors"/> naming what is wrong.</summary>
    public static ScenarioAnswer? Evaluate(ReadOnlySpan<byte> json, ValidationErrors errors) =>
        ScenarioReader.Parse(json, errors) is { } scenario ? Answer(scenario) : null;

    public static ScenarioAnswer Answer(LoadedScenario scenario)
    {
        var engine = new CertificationEngine(scenario.City, scenario.Standard);
        engine.Evaluate(scenario.AsOf);
        var idOfModelPlace = new string[scenario.PlaceIds.Length];
        for (var i = 0; i < scenario.PlaceIds.Length; i++)
        {
            idOfModelPlace[scenario.ModelIndexOfPlace[i]] = scenario.PlaceIds[i];
        }
        var places = new List<PlaceAnswer>(scenario.PlaceIds.Length);
        for (var i = 0; i < scenario.PlaceIds.Length; i++)
        {
            var place = scenario.ModelIndexOfPlace[i];
            var status = engine.StatusOf(place);
            var reasons = engine.ReasonsOf(place).Select(r => Describe(r, scenario.PersonIds, idOfModelPlace)).ToList();
            places.Add(new PlaceAnswer(scenario.PlaceIds[i], ScenarioReader.KindName(scenario.City.KindOf(place)),
                status.Free ? "epidemicFree" : "notEpidemicFree", Day(status.FreeSince), Day(status.FreeFrom), reasons));
        }
        return new ScenarioAnswer(ScenarioReader.Day(scenario.AsOf), scenario.Standard.Version, places);
    }

    private static ReasonAnswer Describe(Reason reason, string[] personIds, string[] placeIds) => reason.Code switch
    {
        ReasonCode.RecentCase => new RecentCaseReason(personIds[reason.Person], ScenarioReader.Day(reason.Date!.Value)),
        ReasonCode.UnderManagement => new UnderManagementReason(personIds[reason.Person], ScenarioReader.TypeName(reason.Type), Day(reason.Until)),
        ReasonCode.ControlMissing => new ControlMissingReason(ScenarioReader.ControlName(reason.Control)),
        _ => new ChildNotFreeReason(placeIds[reason.Place]),
    };

    private static string? Day(DateOnly? date) => date is { } d ? ScenarioReader.Day(d) : null;

    /// <summary>"field: reason" lines, as the command line prints them.</summary>
    public static IEnumerable<string> Lines(ValidationErrors errors) =>
        errors.ToDictionary().SelectMany(e => e.Value.Select(reason => $"{e.Key}: {reason}"));
}
