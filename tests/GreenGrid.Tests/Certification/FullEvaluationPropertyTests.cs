using GreenGrid.Certification.Engine;

namespace GreenGrid.Tests.Certification;

/// <summary>
/// A full evaluation reads the events from their vector layout (people a lane each, in blocks) and
/// rolls up by a max; here it is checked against the rule as written: each compound's events and
/// attestations scanned person by person as of the day, and places folded into their parents the
/// way the standard says (free iff every child is, the latest freeSince, the latest freeFrom).
/// Compounds with many people of many events fill several blocks and rows of the layout.
/// </summary>
public sealed class FullEvaluationPropertyTests
{
    private static readonly DateOnly Origin = new(2020, 1, 20);
    private const int Window = 40;

    [Fact]
    public void A_full_evaluation_agrees_with_the_rule_scanned_person_by_person_for_every_place_on_every_day()
    {
        for (var seed = 1; seed <= 200; seed++)
        {
            var random = new Random(seed);
            var (model, standard) = Generate(random);
            var engine = new CertificationEngine(model, standard);
            AssertAgreesOnEveryDay($"seed {seed}", model, standard, engine);
        }
    }

    [Fact]
    public void After_new_events_and_a_new_compound_a_full_evaluation_still_agrees_with_the_rule()
    {
        // The layout is patched: the compounds that changed are laid out again, the others copied.
        for (var seed = 1; seed <= 100; seed++)
        {
            var random = new Random(seed);
            var (model, standard) = Generate(random);
            var engine = new CertificationEngine(model, standard);
            engine.Evaluate(Origin.AddDays(random.Next(Window)));
            for (var n = random.Next(1, 6); n > 0; n--)
            {
                var person = model.PersonCount > 0 && random.Next(5) > 0
                    ? random.Next(model.PersonCount)
                    : model.AddPerson(Enumerable.Range(0, model.PlaceCount).First(p => model.KindOf(p) == AreaKind.Compound));
                var type = (EventType)random.Next(9);
                var day = Origin.AddDays(random.Next(Window));
                DateOnly? lastExposure = type == EventType.CloseContact ? day.AddDays(-random.Next(0, 5)) : null;
                if (random.Next(2) == 0)
                {
                    engine.AddEvent(person, type, day, lastExposure);
                }
                else
                {
                    model.AppendEvent(person, type, day, lastExposure);
                }
            }
            if (random.Next(2) == 0)
            {
                var compound = model.AddPlace(AreaKind.Compound, 0);
                model.AppendEvent(model.AddPerson(compound), EventType.Suspected, Origin.AddDays(random.Next(Window)));
            }
            AssertAgreesOnEveryDay($"seed {seed}, after new events", model, standard, engine);
        }
    }

    private static void AssertAgreesOnEveryDay(string what, CityModel model, CertificationStandard standard, CertificationEngine engine)
    {
        for (var d = -1; d <= Window + 20; d++)
        {
            var day = Origin.AddDays(d);
            engine.Evaluate(day);
            var expected = ByTheRule(model, standard, day.DayNumber);
            for (var p = 0; p < model.PlaceCount; p++)
            {
                if (engine.StatusOf(p) != expected[p])
                {
                    Assert.Fail($"{what}, day {day}, place {p} ({model.KindOf(p)}): by the rule {expected[p]}, evaluated {engine.StatusOf(p)}");
                }
            }
        }
    }

    [Fact]
    public void A_compound_whose_people_have_more_events_than_a_block_has_lanes_is_evaluated_like_one_with_few()
    {
        // One person with 30 events in a row of cases, watches and contacts, beside people with one
        // event each: the busiest person sets the block's height, the others' lanes are padding.
        var model = new CityModel(Origin);
        var city = model.AddPlace(AreaKind.City);
        var compound = model.AddPlace(AreaKind.Compound, city);
        var busy = model.AddPerson(compound);
        for (var d = 0; d < 30; d++)
        {
            var type = (EventType)(d % 9);
            model.AppendEvent(busy, type, Origin.AddDays(d), type == EventType.CloseContact ? Origin.AddDays(d - 1) : null);
        }
        for (var i = 0; i < 2 * EventLanes.Width + 3; i++)
        {
            model.AppendEvent(model.AddPerson(compound), EventType.Recovered, Origin.AddDays(i));
        }
        var standard = CertificationStandard.Wuhan2020 with { RequiredControls = [] };
        var engine = new CertificationEngine(model, standard);
        for (var d = 0; d < 60; d++)
        {
            engine.Evaluate(Origin.AddDays(d));
            var expected = ByTheRule(model, standard, Origin.AddDays(d).DayNumber);
            Assert.Equal(expected[city], engine.StatusOf(city));
            Assert.Equal(expected[compound], engine.StatusOf(compound));
        }
    }


    /// <summary>The statuses the standard gives, computed the long way (no layout, no cached control gaps, no max).</summary>
    private static PlaceStatus[] ByTheRule(CityModel model, CertificationStandard standard, int day)
    {
        var scan = new BlockScan(standard);
        var places = model.PlaceCount;
        var free = new bool[places];
        var since = new int[places];
        var from = new int[places];
        for (var p = 0; p < places; p++)
        {
            if (model.KindOf(p) == AreaKind.Compound)
            {
                var c = model.CompoundSlot(p);
                var sink = new DayStatusSink(day);
                scan.Scan(model.EventsOf(c), model.ControlsOf(c), day, ref sink);
                (free[p], since[p], from[p]) = (!sink.Blocked, Math.Max(model.Origin, sink.LastEnd), sink.BlockedUntil);
            }
            else
            {
                (free[p], since[p], from[p]) = (true, model.Origin, int.MinValue);
            }
        }
        for (var p = places - 1; p >= 0; p--)
        {
            var parent = model.ParentOf(p);
            if (parent < 0)
            {
                continue;
            }
            if (free[p])
            {
                since[parent] = Math.Max(since[parent], since[p]);
            }
            else
            {
                free[parent] = false;
                from[parent] = Math.Max(from[parent], from[p]);
            }
        }
        return [.. Enumerable.Range(0, places).Select(p => free[p]
            ? new PlaceStatus(true, DateOnly.FromDayNumber(since[p]), null)
            : new PlaceStatus(false, null, from[p] == int.MaxValue ? null : DateOnly.FromDayNumber(from[p])))];
    }

    /// <summary>
    /// A few compounds under a random tree, each crowded (0–40 people of 0–12 events) or quiet (1–3
    /// people of 1–4 events): what the city sees (close contacts, releases, suspected cases resolved,
    /// cases), and in crowded ones some events of any type; a third of each person's events on the day of the one before.
    /// </summary>
    private static (CityModel Model, CertificationStandard Standard) Generate(Random random)
    {
        var controls = Enum.GetValues<Control>().Where(_ => random.Next(3) > 0).ToArray();
        var standard = new CertificationStandard("random", random.Next(1, 20), random.Next(0, 20), random.Next(2) == 0, controls);
        var model = new CityModel(Origin);
        var city = model.AddPlace(AreaKind.City);
        var parents = new List<int> { city };
        var compounds = new List<int>();
        for (var i = random.Next(1, 12); i > 0; i--)
        {
            var parent = parents[random.Next(parents.Count)];
            var kind = model.KindOf(parent) < AreaKind.Community && random.Next(3) > 0 ? model.KindOf(parent) + 1 : AreaKind.Compound;
            var place = model.AddPlace(kind, parent);
            (kind == AreaKind.Compound ? compounds : parents).Add(place);
        }
        if (compounds.Count == 0)
        {
            compounds.Add(model.AddPlace(AreaKind.Compound, city));
        }
        var types = Enum.GetValues<EventType>();
        foreach (var compound in compounds)
        {
            // Crowded compounds fill several blocks; in quiet ones a single event decides freeSince.
            var crowded = random.Next(2) == 0;
            for (var n = crowded ? random.Next(0, 41) : random.Next(1, 4); n > 0; n--)
            {
                var person = model.AddPerson(compound);
                var day = random.Next(crowded ? Window : 12);
                for (var e = crowded ? random.Next(0, 13) : random.Next(1, 5); e > 0; e--)
                {
                    // A third of a person's events fall on the day of the one before (the edges of the rule), the others a few days later.
                    day += random.Next(3) == 0 ? 0 : random.Next(1, 6);
                    var type = crowded && random.Next(4) == 0 ? types[random.Next(types.Length)] : random.Next(6) switch
                    {
                        0 or 1 => EventType.CloseContact,
                        2 => EventType.Released,
                        3 => random.Next(2) == 0 ? EventType.Suspected : EventType.Fever,
                        4 => random.Next(2) == 0 ? EventType.Discarded : EventType.Confirmed,
                        _ => EventType.Confirmed,
                    };
                    model.AppendEvent(person, type, Origin.AddDays(day), type == EventType.CloseContact ? Origin.AddDays(day - random.Next(0, 25)) : null);
                }
            }
            foreach (var control in Enum.GetValues<Control>())
            {
                if (random.Next(crowded ? 6 : 30) == 0)
                {
                    continue; // never attested
                }
                // In a quiet compound the controls are mostly in place early, so that its events decide.
                var day = crowded ? random.Next(-5, Window) : random.Next(-5, 1);
                var withdrawn = random.Next(crowded ? 4 : 12) == 0 ? Origin.AddDays(day + random.Next(0, 20)) : (DateOnly?)null;
                model.AppendControl(compound, control, Origin.AddDays(day), withdrawn);
                if (withdrawn is not null && random.Next(2) == 0)
                {
                    model.AppendControl(compound, control, withdrawn.Value.AddDays(random.Next(0, 10)));
                }
            }
        }
        return (model, standard);
    }
}
