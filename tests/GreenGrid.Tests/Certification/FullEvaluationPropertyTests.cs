using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GreenGrid.Certification.Engine;
using GreenGrid.Tests.Support;

namespace GreenGrid.Tests.Certification;

/// <summary>
/// A full evaluation reads the events from their vector layout (people a lane each, in blocks) and
/// rolls up by a max; here it is checked against the rule as written: each compound's events and
/// attestations scanned person by person as of the day, and places folded into their parents the
/// way the standard says (free iff every child is, the latest freeSince, the latest freeFrom).
/// Compounds with many people of many events fill several blocks and rows of the layout.
/// FsCheck properties: a failing town is shrunk (people, events, attestations, changes taken out) and printed.
/// </summary>
public sealed class FullEvaluationPropertyTests
{
    private static readonly DateOnly Origin = new(2020, 1, 20);
    private const int Window = 40;

    /// <summary>An event, in days from the origin.</summary>
    public sealed record Event(EventType Type, int Day, int? LastExposure)
    {
        public override string ToString() => $"{Type} d{Day}{(LastExposure is { } e ? $" exposed d{e}" : "")}";
    }

    public sealed record Person(int Compound, IReadOnlyList<Event> Events)
    {
        public override string ToString() => $"in {Compound}: {string.Join(", ", Events)}";
    }

    public sealed record Attestation(int Compound, Control Control, int Day, int? Withdrawn)
    {
        public override string ToString() => $"{Compound} {Control} d{Day}{(Withdrawn is { } w ? $" withdrawn d{w}" : "")}";
    }

    /// <summary>A town as data (places parents first, people, attestations), built into a fresh model for each check.</summary>
    public sealed record RandomTown(CertificationStandard Standard, IReadOnlyList<(AreaKind Kind, int Parent)> Places, IReadOnlyList<Person> People, IReadOnlyList<Attestation> Controls)
    {
        public CityModel Build()
        {
            var model = new CityModel(Origin);
            foreach (var (kind, parent) in Places)
            {
                model.AddPlace(kind, parent);
            }
            foreach (var person in People)
            {
                var id = model.AddPerson(person.Compound);
                foreach (var e in person.Events)
                {
                    model.AppendEvent(id, e.Type, Origin.AddDays(e.Day), e.LastExposure is { } x ? Origin.AddDays(x) : null);
                }
            }
            foreach (var a in Controls)
            {
                model.AppendControl(a.Compound, a.Control, Origin.AddDays(a.Day), a.Withdrawn is { } w ? Origin.AddDays(w) : null);
            }
            return model;
        }

        public override string ToString() =>
            $"standard quiet {Standard.QuietDays}, observation {Standard.ObservationDays}, asymptomatic {Standard.CountAsymptomatic}, controls [{string.Join(", ", Standard.RequiredControls)}]; " +
            $"places [{string.Join(", ", Places.Select((p, i) => $"{i} {p.Kind} in {p.Parent}"))}]; " +
            $"people [{string.Join("; ", People.Select((p, i) => $"{i} {p}"))}]; attestations [{string.Join("; ", Controls)}]";
    }

    /// <summary>A change after a first evaluation: an event of a person (null: a new person in the first compound), to the engine or only to the model.</summary>
    public sealed record Change(int? Person, EventType Type, int Day, int? LastExposure, bool ToTheEngine)
    {
        public override string ToString() => $"{(Person is { } p ? $"person {p}" : "new person")} {Type} d{Day}{(LastExposure is { } e ? $" exposed d{e}" : "")}{(ToTheEngine ? " (engine)" : " (model)")}";
    }

    /// <summary>A town evaluated once, then changed: events, and perhaps a new compound with one suspected case on a day.</summary>
    public sealed record ChangedTown(RandomTown Town, int FirstEvaluation, IReadOnlyList<Change> Changes, int? NewCompoundCase)
    {
        public override string ToString() =>
            $"{Town}; evaluated d{FirstEvaluation}; then [{string.Join("; ", Changes)}]{(NewCompoundCase is { } d ? $"; a new compound with a suspected case d{d}" : "")}";
    }

    /// <summary>The cases: the generator below from a seed, and their shrinks.</summary>
    public static class Arbitraries
    {
        public static Arbitrary<RandomTown> Towns() => Arb.From(Properties.Seeds.Select(seed => Generate(new Random(seed))), Shrink);

        public static Arbitrary<ChangedTown> ChangedTowns() => Arb.From(Properties.Seeds.Select(seed => GenerateChanged(new Random(seed))), Shrink);
    }

    [Property(MaxTest = 200, Replay = Properties.Replay, Arbitrary = new[] { typeof(Arbitraries) })]
    public void A_full_evaluation_agrees_with_the_rule_scanned_person_by_person_for_every_place_on_every_day(RandomTown town)
    {
        var model = town.Build();
        AssertAgreesOnEveryDay("", model, town.Standard, new CertificationEngine(model, town.Standard));
    }

    [Property(MaxTest = 100, Replay = Properties.Replay, Arbitrary = new[] { typeof(Arbitraries) })]
    public void After_new_events_and_a_new_compound_a_full_evaluation_still_agrees_with_the_rule(ChangedTown changed)
    {
        // The layout is patched: the compounds that changed are laid out again, the others copied.
        var model = changed.Town.Build();
        var engine = new CertificationEngine(model, changed.Town.Standard);
        engine.Evaluate(Origin.AddDays(changed.FirstEvaluation));
        foreach (var change in changed.Changes)
        {
            // A person of the town or an earlier change (taken modulo: a shrunk town may have fewer people).
            var person = change.Person is { } p && model.PersonCount > 0
                ? p % model.PersonCount
                : model.AddPerson(Enumerable.Range(0, model.PlaceCount).First(place => model.KindOf(place) == AreaKind.Compound));
            var day = Origin.AddDays(change.Day);
            DateOnly? lastExposure = change.LastExposure is { } e ? Origin.AddDays(e) : null;
            if (change.ToTheEngine)
            {
                engine.AddEvent(person, change.Type, day, lastExposure);
            }
            else
            {
                model.AppendEvent(person, change.Type, day, lastExposure);
            }
        }
        if (changed.NewCompoundCase is { } caseDay)
        {
            var compound = model.AddPlace(AreaKind.Compound, 0);
            model.AppendEvent(model.AddPerson(compound), EventType.Suspected, Origin.AddDays(caseDay));
        }
        AssertAgreesOnEveryDay("after new events, ", model, changed.Town.Standard, engine);
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
                    Assert.Fail($"{what}day {day}, place {p} ({model.KindOf(p)}): by the rule {expected[p]}, evaluated {engine.StatusOf(p)}");
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
    private static RandomTown Generate(Random random)
    {
        var controls = Enum.GetValues<Control>().Where(_ => random.Next(3) > 0).ToArray();
        var standard = new CertificationStandard("random", random.Next(1, 20), random.Next(0, 20), random.Next(2) == 0, controls);
        var places = new List<(AreaKind Kind, int Parent)> { (AreaKind.City, -1) };
        var parents = new List<int> { 0 };
        var compounds = new List<int>();
        for (var i = random.Next(1, 12); i > 0; i--)
        {
            var parent = parents[random.Next(parents.Count)];
            var kind = places[parent].Kind < AreaKind.Community && random.Next(3) > 0 ? places[parent].Kind + 1 : AreaKind.Compound;
            places.Add((kind, parent));
            (kind == AreaKind.Compound ? compounds : parents).Add(places.Count - 1);
        }
        if (compounds.Count == 0)
        {
            places.Add((AreaKind.Compound, 0));
            compounds.Add(places.Count - 1);
        }
        var people = new List<Person>();
        var attestations = new List<Attestation>();
        var types = Enum.GetValues<EventType>();
        foreach (var compound in compounds)
        {
            // Crowded compounds fill several blocks; in quiet ones a single event decides freeSince.
            var crowded = random.Next(2) == 0;
            for (var n = crowded ? random.Next(0, 41) : random.Next(1, 4); n > 0; n--)
            {
                var events = new List<Event>();
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
                    events.Add(new Event(type, day, type == EventType.CloseContact ? day - random.Next(0, 25) : null));
                }
                people.Add(new Person(compound, events));
            }
            foreach (var control in Enum.GetValues<Control>())
            {
                if (random.Next(crowded ? 6 : 30) == 0)
                {
                    continue; // never attested
                }
                // In a quiet compound the controls are mostly in place early, so that its events decide.
                var day = crowded ? random.Next(-5, Window) : random.Next(-5, 1);
                int? withdrawn = random.Next(crowded ? 4 : 12) == 0 ? day + random.Next(0, 20) : null;
                attestations.Add(new Attestation(compound, control, day, withdrawn));
                if (withdrawn is { } w && random.Next(2) == 0)
                {
                    attestations.Add(new Attestation(compound, control, w + random.Next(0, 10), null));
                }
            }
        }
        return new RandomTown(standard, places, people, attestations);
    }

    /// <summary>A town, the day of its first evaluation, 1–5 events (of anyone, a new person now and then), and perhaps a new compound.</summary>
    private static ChangedTown GenerateChanged(Random random)
    {
        var town = Generate(random);
        var firstEvaluation = random.Next(Window);
        var people = town.People.Count;
        var changes = new List<Change>();
        for (var n = random.Next(1, 6); n > 0; n--)
        {
            int? person = people > 0 && random.Next(5) > 0 ? random.Next(people) : null;
            if (person is null)
            {
                people++;
            }
            var type = (EventType)random.Next(9);
            var day = random.Next(Window);
            int? lastExposure = type == EventType.CloseContact ? day - random.Next(0, 5) : null;
            changes.Add(new Change(person, type, day, lastExposure, random.Next(2) == 0));
        }
        int? newCompoundCase = random.Next(2) == 0 ? random.Next(Window) : null;
        return new ChangedTown(town, firstEvaluation, changes, newCompoundCase);
    }

    /// <summary>
    /// Smaller towns that are still towns: fewer people, events, attestations or required controls;
    /// without a place that nothing refers to (those after it renumbered), as long as a compound is left.
    /// </summary>
    private static IEnumerable<RandomTown> Shrink(RandomTown town)
    {
        foreach (var people in Properties.Smaller(town.People))
        {
            yield return town with { People = people };
        }
        foreach (var people in Properties.Each(town.People, p => Properties.Smaller(p.Events).Select(events => p with { Events = events })))
        {
            yield return town with { People = people };
        }
        foreach (var controls in Properties.Smaller(town.Controls))
        {
            yield return town with { Controls = controls };
        }
        foreach (var required in Properties.Smaller(town.Standard.RequiredControls))
        {
            yield return town with { Standard = town.Standard with { RequiredControls = required } };
        }
        var compounds = town.Places.Count(p => p.Kind == AreaKind.Compound);
        for (var place = town.Places.Count - 1; place > 0; place--)
        {
            if (!town.Places.Any(p => p.Parent == place) && !town.People.Any(p => p.Compound == place) && !town.Controls.Any(c => c.Compound == place)
                && (town.Places[place].Kind != AreaKind.Compound || compounds > 1))
            {
                var gone = place;
                int Renumbered(int p) => p > gone ? p - 1 : p;
                yield return town with
                {
                    Places = [.. town.Places.Where((_, k) => k != gone).Select(p => (p.Kind, Renumbered(p.Parent)))],
                    People = [.. town.People.Select(p => p with { Compound = Renumbered(p.Compound) })],
                    Controls = [.. town.Controls.Select(c => c with { Compound = Renumbered(c.Compound) })],
                };
            }
        }
    }

    private static IEnumerable<ChangedTown> Shrink(ChangedTown changed)
    {
        foreach (var changes in Properties.Smaller(changed.Changes))
        {
            yield return changed with { Changes = changes };
        }
        if (changed.NewCompoundCase is not null)
        {
            yield return changed with { NewCompoundCase = null };
        }
        foreach (var town in Shrink(changed.Town))
        {
            yield return changed with { Town = town };
        }
    }
}
