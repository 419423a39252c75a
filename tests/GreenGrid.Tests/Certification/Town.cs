using GreenGrid.Certification.Scenario;
using GreenGrid.Platform.Errors;

namespace GreenGrid.Tests.Certification;

/// <summary>A scenario built in code, evaluated by the same reader and engine as the API and the command line.</summary>
internal sealed class Town
{
    private readonly List<ScenarioPlace> _places = [];
    private readonly List<ScenarioPerson> _people = [];
    private readonly List<ScenarioEvent> _events = [];
    private readonly List<ScenarioControl> _controls = [];

    /// <summary>By default no control is required, so that a test of the events sees only the events.</summary>
    public ScenarioStandard Standard { get; set; } = new(14, 14, true, []);

    public Town Place(string id, string kind, string? parent = null)
    {
        _places.Add(new ScenarioPlace(id, kind, parent));
        return this;
    }

    /// <summary>A district D, sub-district S, community C and compound K1: the shape most tests need.</summary>
    public static Town WithOneCompound() =>
        new Town().Place("D", "district").Place("S", "subdistrict", "D").Place("C", "community", "S").Place("K1", "compound", "C");

    public Town Person(string id, string compound)
    {
        _people.Add(new ScenarioPerson(id, compound));
        return this;
    }

    public Town Event(string person, string date, string type, string? lastExposure = null)
    {
        if (!_people.Any(p => p.Id == person))
        {
            Person(person, "K1");
        }
        _events.Add(new ScenarioEvent(person, date, type, lastExposure));
        return this;
    }

    public Town Control(string place, string control, string date, string? withdrawn = null)
    {
        _controls.Add(new ScenarioControl(place, control, date, withdrawn));
        return this;
    }

    public ScenarioRequest Request(string asOf) => new(asOf, Standard, _places, _people, _events, _controls);

    public Answer On(string asOf)
    {
        var errors = new ValidationErrors();
        var scenario = ScenarioReader.Read(Request(asOf), errors);
        Assert.True(scenario is not null, string.Join("; ", ScenarioEvaluator.Lines(errors)));
        return new Answer(ScenarioEvaluator.Answer(scenario));
    }
}

internal sealed record Answer(ScenarioAnswer Value)
{
    public PlaceAnswer this[string id] => Value.Places.Single(p => p.Id == id);

    public bool IsFree(string id) => this[id].Status == "epidemicFree";
}
