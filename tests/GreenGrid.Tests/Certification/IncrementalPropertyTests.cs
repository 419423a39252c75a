using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GreenGrid.Certification.Engine;
using GreenGrid.Tests.Support;

namespace GreenGrid.Tests.Certification;

/// <summary>
/// For random cities and random streams of events and attestations, the engine kept up to date one
/// event at a time always answers what an evaluation from scratch answers; and the curve agrees
/// with an evaluation of each of its days. FsCheck properties: a failing city is shrunk (items,
/// then unused people and places, then required controls taken out) and printed.
/// </summary>
public sealed class IncrementalPropertyTests
{
    private static readonly DateOnly Origin = new(2020, 1, 20);
    private const int Window = 60;
    private const int None = int.MinValue;

    /// <summary>An event of a person or an attestation of a compound, in days from the origin.</summary>
    public sealed record Item(bool IsEvent, int Person, EventType Type, int Day, int LastExposure, int Compound, Control Control, int Withdrawn)
    {
        public override string ToString() => IsEvent
            ? $"person {Person} {Type} d{Day}{(LastExposure == None ? "" : $" exposed d{LastExposure}")}"
            : $"compound {Compound} {Control} d{Day}{(Withdrawn == None ? "" : $" withdrawn d{Withdrawn}")}";
    }

    /// <summary>Places (parents first), the compound of each person, and the items in the order they arrive.</summary>
    public sealed record RandomCity(CertificationStandard Standard, IReadOnlyList<(AreaKind Kind, int Parent)> Places, IReadOnlyList<int> People, IReadOnlyList<Item> Items)
    {
        public override string ToString() =>
            $"standard quiet {Standard.QuietDays}, observation {Standard.ObservationDays}, asymptomatic {Standard.CountAsymptomatic}, controls [{string.Join(", ", Standard.RequiredControls)}]; " +
            $"places [{string.Join(", ", Places.Select((p, i) => $"{i} {p.Kind} in {p.Parent}"))}]; " +
            $"people in compounds [{string.Join(", ", People)}]; items [{string.Join("; ", Items)}]";
    }

    /// <summary>A city and the day it is evaluated as of, in days from the origin.</summary>
    public sealed record CityAsOf(RandomCity City, int AsOf);

    /// <summary>The cases: today's generator from a seed, and their shrinks.</summary>
    public static class Arbitraries
    {
        public static Arbitrary<RandomCity> Cities() => Arb.From(Properties.Seeds.Select(seed => Generate(new Random(seed))), Shrink);

        public static Arbitrary<CityAsOf> CitiesAsOf() => Arb.From(
            Properties.Seeds.Select(seed =>
            {
                var random = new Random(seed);
                var city = Generate(random);
                return new CityAsOf(city, random.Next(Window));
            }),
            c => Shrink(c.City).Select(city => c with { City = city }));
    }

    [Property(MaxTest = 300, Replay = Properties.Replay, Arbitrary = new[] { typeof(Arbitraries) })]
    public void The_engine_updated_one_event_at_a_time_agrees_with_an_evaluation_from_scratch_after_every_event(CityAsOf @case)
    {
        var (city, asOfDay) = @case;
        var asOf = Day(asOfDay);
        var live = new CertificationEngine(Model(city, []), city.Standard);
        live.Evaluate(asOf);
        for (var n = 0; n < city.Items.Count; n++)
        {
            var item = city.Items[n];
            if (item.IsEvent)
            {
                live.AddEvent(item.Person, item.Type, Day(item.Day), item.LastExposure == None ? null : Day(item.LastExposure));
            }
            else
            {
                live.AddControl(item.Compound, item.Control, Day(item.Day), item.Withdrawn == None ? null : Day(item.Withdrawn));
            }
            var scratch = new CertificationEngine(Model(city, city.Items.Take(n + 1).Reverse()), city.Standard);
            scratch.Evaluate(asOf);
            AssertSame(n, scratch, live, city.Places.Count);
        }
    }

    [Property(MaxTest = 100, Replay = Properties.Replay, Arbitrary = new[] { typeof(Arbitraries) })]
    public void The_curve_counts_the_places_that_an_evaluation_of_each_day_finds_free(RandomCity city)
    {
        var engine = new CertificationEngine(Model(city, city.Items), city.Standard);
        var curve = engine.Curve(Origin, Origin.AddDays(Window - 1));
        for (var d = 0; d < Window; d++)
        {
            engine.Evaluate(Origin.AddDays(d));
            int Free(AreaKind kind) => Enumerable.Range(0, city.Places.Count).Count(p => city.Places[p].Kind == kind && engine.IsFree(p));
            var expected = (Free(AreaKind.Compound), Free(AreaKind.Community), Free(AreaKind.Subdistrict), Free(AreaKind.District));
            var actual = (curve.Compounds[d], curve.Communities[d], curve.Subdistricts[d], curve.Districts[d]);
            Assert.True(expected == actual, $"day {Origin.AddDays(d)}: evaluation {expected}, curve {actual}");
        }
    }

    /// <summary>
    /// Smaller cities that are still cities: fewer items; without a person or a place that nothing
    /// refers to (those after it renumbered), as long as a compound is left; fewer required controls.
    /// </summary>
    private static IEnumerable<RandomCity> Shrink(RandomCity city)
    {
        foreach (var items in Properties.Smaller(city.Items))
        {
            yield return city with { Items = items };
        }
        for (var person = city.People.Count - 1; person >= 0; person--)
        {
            if (!city.Items.Any(i => i.IsEvent && i.Person == person))
            {
                var gone = person;
                yield return city with
                {
                    People = [.. city.People.Where((_, k) => k != gone)],
                    Items = [.. city.Items.Select(i => i.IsEvent && i.Person > gone ? i with { Person = i.Person - 1 } : i)],
                };
            }
        }
        var compounds = city.Places.Count(p => p.Kind == AreaKind.Compound);
        for (var place = city.Places.Count - 1; place > 0; place--)
        {
            if (!city.Places.Any(p => p.Parent == place) && !city.People.Contains(place) && !city.Items.Any(i => !i.IsEvent && i.Compound == place)
                && (city.Places[place].Kind != AreaKind.Compound || compounds > 1))
            {
                var gone = place;
                int Renumbered(int p) => p > gone ? p - 1 : p;
                yield return city with
                {
                    Places = [.. city.Places.Where((_, k) => k != gone).Select(p => (p.Kind, Renumbered(p.Parent)))],
                    People = [.. city.People.Select(Renumbered)],
                    Items = [.. city.Items.Select(i => i.IsEvent ? i : i with { Compound = Renumbered(i.Compound) })],
                };
            }
        }
        foreach (var controls in Properties.Smaller(city.Standard.RequiredControls))
        {
            yield return city with { Standard = city.Standard with { RequiredControls = controls } };
        }
    }

    private static void AssertSame(int step, CertificationEngine scratch, CertificationEngine live, int places)
    {
        for (var p = 0; p < places; p++)
        {
            var expected = scratch.StatusOf(p);
            var actual = live.StatusOf(p);
            if (expected != actual || !scratch.ReasonsOf(p).SequenceEqual(live.ReasonsOf(p)))
            {
                Assert.Fail($"after item {step}, place {p}: from scratch {expected} [{string.Join(", ", scratch.ReasonsOf(p))}], incremental {actual} [{string.Join(", ", live.ReasonsOf(p))}]");
            }
        }
    }

    private static DateOnly Day(int offset) => Origin.AddDays(offset);

    /// <summary>The model from scratch, through the bulk path (appended in any order, sorted once).</summary>
    private static CityModel Model(RandomCity city, IEnumerable<Item> items)
    {
        var model = new CityModel(Origin);
        foreach (var (kind, parent) in city.Places)
        {
            model.AddPlace(kind, parent);
        }
        foreach (var compound in city.People)
        {
            model.AddPerson(compound);
        }
        foreach (var item in items)
        {
            if (item.IsEvent)
            {
                model.AppendEvent(item.Person, item.Type, Day(item.Day), item.LastExposure == None ? null : Day(item.LastExposure));
            }
            else
            {
                model.AppendControl(item.Compound, item.Control, Day(item.Day), item.Withdrawn == None ? null : Day(item.Withdrawn));
            }
        }
        return model;
    }

    private static RandomCity Generate(Random random)
    {
        var controls = Enum.GetValues<Control>().Where(_ => random.Next(3) > 0).ToArray();
        var standard = new CertificationStandard("random", random.Next(1, 20), random.Next(0, 20), random.Next(2) == 0, controls);
        var places = new List<(AreaKind, int)> { (AreaKind.City, -1) };
        var compounds = new List<int>();
        // Random depth: levels may be skipped, and some places get no compound at all.
        void Grow(int parent, AreaKind kind)
        {
            var count = random.Next(0, 4);
            for (var i = 0; i < count; i++)
            {
                var childKind = kind == AreaKind.Compound || random.Next(5) == 0 ? AreaKind.Compound : kind;
                places.Add((childKind, parent));
                var index = places.Count - 1;
                if (childKind == AreaKind.Compound)
                {
                    compounds.Add(index);
                }
                else
                {
                    Grow(index, childKind + 1);
                }
            }
        }
        Grow(0, AreaKind.District);
        if (compounds.Count == 0)
        {
            places.Add((AreaKind.Compound, 0));
            compounds.Add(places.Count - 1);
        }
        var people = Enumerable.Range(0, random.Next(1, 12)).Select(_ => compounds[random.Next(compounds.Count)]).ToList();
        var items = new List<Item>();
        var types = Enum.GetValues<EventType>();
        for (var n = random.Next(0, 40); n > 0; n--)
        {
            var day = random.Next(Window);
            if (random.Next(4) == 0)
            {
                var withdrawn = random.Next(3) == 0 ? day + random.Next(0, 20) : None;
                items.Add(new Item(false, -1, default, day, None, compounds[random.Next(compounds.Count)], controls.Length > 0 && random.Next(4) > 0 ? controls[random.Next(controls.Length)] : (Control)random.Next(6), withdrawn));
            }
            else
            {
                var type = types[random.Next(types.Length)];
                var lastExposure = type == EventType.CloseContact ? day - random.Next(0, 25) : None;
                items.Add(new Item(true, random.Next(people.Count), type, day, lastExposure, -1, default, None));
            }
        }
        return new RandomCity(standard, places, people, items);
    }
}
