using System.Globalization;
using System.Text.Json;
using GreenGrid.Certification.Engine;
using GreenGrid.Platform.Errors;

namespace GreenGrid.Certification.Scenario;

/// <summary>A checked scenario as the engine's model, with the ids to name places and people in the answer.</summary>
internal sealed record LoadedScenario(DateOnly AsOf, CertificationStandard Standard, CityModel City, string[] PlaceIds, int[] ModelIndexOfPlace, string[] PersonIds);

/// <summary>
/// Checks a scenario item by item and builds the engine's model. Every problem is named by its
/// JSON path (<c>events[3].date</c>) and says what is wrong with the value, so that whoever wrote
/// the file can fix it; all problems are reported at once.
/// </summary>
internal static class ScenarioReader
{
    private static readonly string[] KindNames = ["city", "district", "subdistrict", "community", "compound"];
    private static readonly string[] TypeNames = ["suspected", "fever", "closeContact", "confirmed", "asymptomatic", "released", "discarded", "recovered", "died"];
    private static readonly string[] ControlNames = ["publicity", "closedManagement", "sweep", "disinfection", "supply", "mobilisation"];

    public static string KindName(AreaKind kind) => KindNames[(int)kind];

    public static string TypeName(EventType type) => TypeNames[(int)type];

    public static string ControlName(Control control) => ControlNames[(int)control];

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Parses JSON text; a syntax or type error names where it is.</summary>
    public static LoadedScenario? Parse(ReadOnlySpan<byte> json, ValidationErrors errors)
    {
        ScenarioRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<ScenarioRequest>(json, ScenarioJson.Options);
        }
        catch (JsonException e)
        {
            errors.Add(ScenarioJson.FieldOf(e.Path), $"is not valid here: {e.Message.Split(" Path:")[0]}");
            return null;
        }
        if (request is null)
        {
            errors.Add("body", "must be a JSON object");
            return null;
        }
        return Read(request, errors);
    }

    public static LoadedScenario? Read(ScenarioRequest request, ValidationErrors errors)
    {
        var asOf = Date(errors, "asOf", request.AsOf, required: true);
        var standard = ReadStandard(request.Standard, errors);
        var places = request.Places ?? [];
        var people = request.People ?? [];
        var events = request.Events ?? [];
        var controls = request.Controls ?? [];
        if (request.Places is null)
        {
            errors.Add("places", "is required: a list of places with id, kind and parent");
        }

        // Places: ids, kinds, parents; then the order parents-first, which also finds cycles.
        var placeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var kinds = new AreaKind?[places.Count];
        for (var i = 0; i < places.Count; i++)
        {
            var place = places[i];
            if (place is null)
            {
                errors.Add($"places[{i}]", "must be an object with id, kind and parent");
                continue;
            }
            if (Id(errors, $"places[{i}].id", place.Id) is { } id)
            {
                if (!placeIndex.TryAdd(id, i))
                {
                    errors.Add($"places[{i}].id", $"\"{id}\" is already the id of places[{placeIndex[id]}]");
                }
            }
            kinds[i] = Name<AreaKind>(errors, $"places[{i}].kind", place.Kind, KindNames, "kind");
        }
        var parentOf = new int[places.Count];
        for (var i = 0; i < places.Count; i++)
        {
            parentOf[i] = -1;
            if (places[i]?.Parent is { } parent)
            {
                if (placeIndex.TryGetValue(parent, out var p))
                {
                    parentOf[i] = p;
                }
                else
                {
                    errors.Add($"places[{i}].parent", $"\"{parent}\" is not a place of the scenario");
                }
            }
        }
        var order = ParentsFirst(places, parentOf, errors);
        for (var i = 0; order is not null && i < places.Count; i++)
        {
            if (parentOf[i] >= 0 && kinds[i] is { } kind && kinds[parentOf[i]] is { } parentKind && parentKind >= kind)
            {
                errors.Add($"places[{i}].parent", $"a {KindName(kind)} cannot be under a {KindName(parentKind)} (\"{places[parentOf[i]]!.Id}\")");
            }
        }

        // People live in compounds.
        var personIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < people.Count; i++)
        {
            var person = people[i];
            if (person is null)
            {
                errors.Add($"people[{i}]", "must be an object with id and place");
                continue;
            }
            if (Id(errors, $"people[{i}].id", person.Id) is { } id && !personIndex.TryAdd(id, i))
            {
                errors.Add($"people[{i}].id", $"\"{id}\" is already the id of people[{personIndex[id]}]");
            }
            CompoundOf(errors, $"people[{i}].place", person.Place, placeIndex, kinds);
        }

        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e is null)
            {
                errors.Add($"events[{i}]", "must be an object with person, date and type");
                continue;
            }
            if (Id(errors, $"events[{i}].person", e.Person) is { } person && !personIndex.ContainsKey(person))
            {
                errors.Add($"events[{i}].person", $"\"{person}\" is not a person of the scenario");
            }
            Date(errors, $"events[{i}].date", e.Date, required: true);
            var type = Name<EventType>(errors, $"events[{i}].type", e.Type, TypeNames, "type");
            Date(errors, $"events[{i}].lastExposure", e.LastExposure, required: type == EventType.CloseContact,
                requiredReason: "is required for a close contact: the date of the last exposure starts the observation");
        }

        for (var i = 0; i < controls.Count; i++)
        {
            var c = controls[i];
            if (c is null)
            {
                errors.Add($"controls[{i}]", "must be an object with place, control and date");
                continue;
            }
            CompoundOf(errors, $"controls[{i}].place", c.Place, placeIndex, kinds);
            Name<Control>(errors, $"controls[{i}].control", c.Control, ControlNames, "control");
            var date = Date(errors, $"controls[{i}].date", c.Date, required: true);
            if (Date(errors, $"controls[{i}].withdrawn", c.Withdrawn, required: false) is { } withdrawn && withdrawn < date)
            {
                errors.Add($"controls[{i}].withdrawn", $"\"{c.Withdrawn}\" is before the attestation on \"{c.Date}\"");
            }
        }

        if (!errors.IsEmpty || asOf is not { } day || standard is null || order is null)
        {
            return null;
        }
        return Build(day, standard, places, kinds, parentOf, order, people, events, controls, placeIndex, personIndex);
    }

    private static LoadedScenario Build(DateOnly asOf, CertificationStandard standard, List<ScenarioPlace> places, AreaKind?[] kinds, int[] parentOf, int[] order,
        List<ScenarioPerson> people, List<ScenarioEvent> events, List<ScenarioControl> controls, Dictionary<string, int> placeIndex, Dictionary<string, int> personIndex)
    {
        // The record starts at its earliest date: a place free all along is free since then.
        var origin = asOf;
        foreach (var e in events)
        {
            origin = Min(origin, ParseDay(e.Date!));
        }
        foreach (var c in controls)
        {
            origin = Min(origin, ParseDay(c.Date!));
        }
        var city = new CityModel(origin);
        var modelIndex = new int[places.Count];
        foreach (var i in order)
        {
            modelIndex[i] = city.AddPlace(kinds[i]!.Value, parentOf[i] < 0 ? -1 : modelIndex[parentOf[i]]);
        }
        foreach (var person in people)
        {
            city.AddPerson(modelIndex[placeIndex[person.Place!]]);
        }
        foreach (var e in events)
        {
            var type = (EventType)Array.FindIndex(TypeNames, n => n.Equals(e.Type, StringComparison.OrdinalIgnoreCase));
            city.AppendEvent(personIndex[e.Person!], type, ParseDay(e.Date!), e.LastExposure is null ? null : ParseDay(e.LastExposure));
        }
        foreach (var c in controls)
        {
            var control = (Control)Array.FindIndex(ControlNames, n => n.Equals(c.Control, StringComparison.OrdinalIgnoreCase));
            city.AppendControl(modelIndex[placeIndex[c.Place!]], control, ParseDay(c.Date!), c.Withdrawn is null ? null : ParseDay(c.Withdrawn));
        }
        return new LoadedScenario(asOf, standard, city, [.. places.Select(p => p.Id!)], modelIndex, [.. people.Select(p => p.Id!)]);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static CertificationStandard? ReadStandard(ScenarioStandard? given, ValidationErrors errors)
    {
        var standard = CertificationStandard.Wuhan2020;
        if (given is null)
        {
            return standard;
        }
        var required = new List<Control>();
        if (given.RequiredControls is { } names)
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (Name<Control>(errors, $"standard.requiredControls[{i}]", names[i], ControlNames, "control") is { } control)
                {
                    if (required.Contains(control))
                    {
                        errors.Add($"standard.requiredControls[{i}]", $"\"{names[i]}\" is named twice");
                    }
                    required.Add(control);
                }
            }
        }
        var quiet = given.QuietDays ?? standard.QuietDays;
        var observation = given.ObservationDays ?? standard.ObservationDays;
        if (quiet is < 1 or > CertificationStandard.MaxDays)
        {
            errors.Add("standard.quietDays", $"must be between 1 and {CertificationStandard.MaxDays} (got {quiet})");
        }
        if (observation is < 0 or > CertificationStandard.MaxDays)
        {
            errors.Add("standard.observationDays", $"must be between 0 and {CertificationStandard.MaxDays} (got {observation})");
        }
        var chosen = standard with
        {
            QuietDays = quiet,
            ObservationDays = observation,
            CountAsymptomatic = given.CountAsymptomatic ?? standard.CountAsymptomatic,
            RequiredControls = given.RequiredControls is null ? standard.RequiredControls : required,
        };
        // The default's version only when the scenario asks for exactly the default.
        var same = chosen.QuietDays == standard.QuietDays && chosen.ObservationDays == standard.ObservationDays
            && chosen.CountAsymptomatic == standard.CountAsymptomatic && chosen.RequiredControls.SequenceEqual(standard.RequiredControls);
        return chosen with { Version = given.Version ?? (same ? standard.Version : "scenario") };
    }

    /// <summary>The places ordered so that each parent comes before its children; null (and an error naming the place) when the parents make a cycle.</summary>
    private static int[]? ParentsFirst(List<ScenarioPlace> places, int[] parentOf, ValidationErrors errors)
    {
        var state = new byte[places.Count]; // 0 unseen, 1 on the current path, 2 placed
        var order = new List<int>(places.Count);
        var path = new List<int>();
        var cycle = false;
        for (var start = 0; start < places.Count; start++)
        {
            path.Clear();
            var p = start;
            while (p >= 0 && state[p] == 0)
            {
                state[p] = 1;
                path.Add(p);
                p = parentOf[p];
            }
            if (p >= 0 && state[p] == 1)
            {
                var loop = path.Skip(path.IndexOf(p)).Select(i => places[i]!.Id).Append(places[p]!.Id);
                errors.Add($"places[{p}].parent", $"\"{places[p]!.Parent}\" makes a cycle: {string.Join(" → ", loop)}");
                cycle = true;
            }
            for (var k = path.Count - 1; k >= 0; k--)
            {
                state[path[k]] = 2;
                order.Add(path[k]);
            }
        }
        return cycle ? null : [.. order];
    }

    private static void CompoundOf(ValidationErrors errors, string field, string? id, Dictionary<string, int> placeIndex, AreaKind?[] kinds)
    {
        if (Id(errors, field, id) is not { } given)
        {
            return;
        }
        if (!placeIndex.TryGetValue(given, out var index))
        {
            errors.Add(field, $"\"{given}\" is not a place of the scenario");
        }
        else if (kinds[index] is { } kind && kind != AreaKind.Compound)
        {
            errors.Add(field, $"\"{given}\" is a {KindName(kind)}, not a compound");
        }
    }

    private static string? Id(ValidationErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "is required");
            return null;
        }
        return value;
    }

    private static T? Name<T>(ValidationErrors errors, string field, string? value, string[] names, string what) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"is required: one of {string.Join(", ", names)}");
            return null;
        }
        var index = Array.FindIndex(names, n => n.Equals(value, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            errors.Add(field, $"\"{value}\" is not a {what}: one of {string.Join(", ", names)}");
            return null;
        }
        return (T)(object)(byte)index;
    }

    private static DateOnly? Date(ValidationErrors errors, string field, string? value, bool required, string requiredReason = "is required: a date like \"2020-02-28\"")
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(field, requiredReason);
            }
            return null;
        }
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(field, $"\"{value}\" is not a date (write it like \"2020-02-28\")");
            return null;
        }
        return date;
    }
}
