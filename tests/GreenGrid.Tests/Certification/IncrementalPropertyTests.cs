using GreenGrid.Certification.Engine;

namespace GreenGrid.Tests.Certification;

/// <summary>
/// For random cities and random streams of events and attestations, the engine kept up to date one
/// event at a time always answers what an evaluation from scratch answers; and the curve agrees
/// with an evaluation of each of its days. A failure names the seed to replay it.
/// </summary>
public sealed class IncrementalPropertyTests
{
    private static readonly DateOnly Origin = new(2020, 1, 20);
    private const int Window = 60;
    private const int None = int.MinValue;

    private sealed record Item(bool IsEvent, int Person, EventType Type, int Day, int LastExposure, int Compound, Control Control, int Withdrawn);

    private sealed record RandomCity(CertificationStandard Standard, List<(AreaKind Kind, int Parent)> Places, List<int> People, List<Item> Items);

    [Fact]
    public void The_engine_updated_one_event_at_a_time_agrees_with_an_evaluation_from_scratch_after_every_event()
    {
        for (var seed = 1; seed <= 300; seed++)
        {
            var random = new Random(seed);
            var city = Generate(random);
            var asOf = Origin.AddDays(random.Next(Window));
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
                AssertSame(seed, n, scratch, live, city.Places.Count);
            }
        }
    }

    [Fact]
    public void The_curve_counts_the_places_that_an_evaluation_of_each_day_finds_free()
    {
        for (var seed = 1; seed <= 100; seed++)
        {
            var random = new Random(seed);
            var city = Generate(random);
            var engine = new CertificationEngine(Model(city, city.Items), city.Standard);
            var curve = engine.Curve(Origin, Origin.AddDays(Window - 1));
            for (var d = 0; d < Window; d++)
            {
                engine.Evaluate(Origin.AddDays(d));
                int Free(AreaKind kind) => Enumerable.Range(0, city.Places.Count).Count(p => city.Places[p].Kind == kind && engine.IsFree(p));
                var expected = (Free(AreaKind.Compound), Free(AreaKind.Community), Free(AreaKind.Subdistrict), Free(AreaKind.District));
                var actual = (curve.Compounds[d], curve.Communities[d], curve.Subdistricts[d], curve.Districts[d]);
                Assert.True(expected == actual, $"seed {seed}, day {Origin.AddDays(d)}: evaluation {expected}, curve {actual}");
            }
        }
    }

    private static void AssertSame(int seed, int step, CertificationEngine scratch, CertificationEngine live, int places)
    {
        for (var p = 0; p < places; p++)
        {
            var expected = scratch.StatusOf(p);
            var actual = live.StatusOf(p);
            if (expected != actual || !scratch.ReasonsOf(p).SequenceEqual(live.ReasonsOf(p)))
            {
                Assert.Fail($"seed {seed}, after event {step}, place {p}: from scratch {expected} [{string.Join(", ", scratch.ReasonsOf(p))}], incremental {actual} [{string.Join(", ", live.ReasonsOf(p))}]");
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
