using GreenGrid.Cases;
using GreenGrid.Cases.Counts;

namespace GreenGrid.Tests.Cases;

/// <summary>
/// The pure counter on many random trees and histories: every count of every place is the sum of
/// its children's (plus the people living at the place itself), equals the length of its list and
/// what each person counts as by <see cref="CaseMeasures.Of"/>; a recount after one new event equals
/// a full count.
/// </summary>
public sealed class CaseCounterPropertyTests
{
    private static readonly DateOnly Start = new(2020, 1, 10);
    private static readonly DateOnly End = new(2020, 2, 28);

    private sealed record World(CaseCounter Counter, List<(long Id, long Place, List<CaseEvent> Events)> People, long NextId);

    private static World Random(Random random)
    {
        // A random tree: a root and up to 30 places, each under an earlier one.
        var places = new List<(long Id, long? ParentId)> { (1, null) };
        for (var i = 2; i <= random.Next(2, 31); i++)
        {
            places.Add((i, places[random.Next(places.Count)].Id));
        }
        var counter = new CaseCounter(new CaseTree(places), RandomHistories.ObservationDays);
        long nextId = 0;
        var people = new List<(long, long, List<CaseEvent>)>();
        for (var p = 0; p < random.Next(0, 60); p++)
        {
            var events = RandomHistories.Generate(random, Start, End, () => ++nextId);
            var place = places[random.Next(places.Count)].Id;
            counter.Set(1000 + p, place, events);
            people.Add((1000 + p, place, events));
        }
        return new World(counter, people, nextId);
    }

    [Fact]
    public void On_random_trees_and_histories_every_count_is_the_sum_of_its_children_and_the_length_of_its_list()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var world = Random(random);
            var day = Start.AddDays(random.Next(0, End.DayNumber - Start.DayNumber + 1));
            AssertConsistent(world, world.Counter.CountAsOf(day), $"seed {seed}, {day}");
        }
    }

    [Fact]
    public void A_recount_after_one_new_event_or_correction_equals_a_full_count()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var world = Random(random);
            if (world.People.Count == 0)
            {
                continue;
            }
            var day = Start.AddDays(random.Next(0, End.DayNumber - Start.DayNumber + 1));
            var counts = world.Counter.CountAsOf(day);
            var nextId = world.NextId;
            for (var change = 0; change < 5; change++)
            {
                var (id, place, events) = world.People[random.Next(world.People.Count)];
                var more = RandomHistories.Generate(random, Start, End, () => ++nextId, maxSteps: 1);
                // One more event for the person: a fresh one, or a retraction of one in force (the last case may go away).
                var inForce = CaseHistory.InForce(events);
                CaseEvent? added = random.Next(3) == 0 && inForce.Count > 0
                    ? new CaseEvent { Id = ++nextId, Type = CaseEventType.Retracted, EffectiveDate = day, SupersedesId = inForce[random.Next(inForce.Count)].Id }
                    : more.Count == 0 ? null : Shifted(more[0], ++nextId);
                if (added is null || CaseHistory.Check(events, added, RandomHistories.ObservationDays) is not null)
                {
                    continue;
                }
                events.Add(added);
                world.Counter.Set(id, place, events);
                world.Counter.Recount(counts, id);
                AssertSame(world, world.Counter.CountAsOf(day), counts, $"seed {seed}, change {change}");
            }
            AssertConsistent(world, counts, $"seed {seed} after recounts");
        }
    }

    [Fact]
    public void A_recount_of_a_person_new_to_the_counter_adds_them_on_their_path()
    {
        var counter = new CaseCounter(new CaseTree([(1, null), (2, 1), (3, 2)]), 14);
        var counts = counter.CountAsOf(new DateOnly(2020, 2, 20));
        counter.Set(7, 3, [new CaseEvent { Id = 1, Type = CaseEventType.Confirmed, EffectiveDate = new DateOnly(2020, 2, 18) }]);
        counter.Recount(counts, 7);

        Assert.Equal([1, 1, 1], new long[] { 1, 2, 3 }.Select(p => counts[p, CaseMeasure.Confirmed]));
        Assert.Equal(2, counts.DaysSinceLastConfirmed(1));
        Assert.Equal([7L], counter.PeopleIn(counts, 2, CaseMeasure.CumulativeConfirmed));
    }

    private static CaseEvent Shifted(CaseEvent e, long id)
    {
        e.Id = id;
        return e;
    }

    private static void AssertSame(World world, CaseCounts expected, CaseCounts actual, string what)
    {
        foreach (var place in world.Counter.Tree.Ids)
        {
            Assert.True(expected.Of(place).SequenceEqual(actual.Of(place)), $"{what}, place {place}: recount differs from a full count");
            Assert.True(expected.LastConfirmed(place) == actual.LastConfirmed(place), $"{what}, place {place}: last confirmed {actual.LastConfirmed(place)} ≠ {expected.LastConfirmed(place)}");
        }
    }

    private static void AssertConsistent(World world, CaseCounts counts, string what)
    {
        var tree = world.Counter.Tree;
        for (var i = 0; i < tree.Count; i++)
        {
            var place = tree.Ids[i];
            var children = tree.Children(i).Select(c => tree.Ids[c]).ToList();
            var here = world.People.Where(p => p.Place == place).ToList();
            var within = world.People.Where(p => tree.IsWithin(tree.IndexOf(p.Place), i)).ToList();
            foreach (var measure in CaseMeasures.All)
            {
                var count = counts[place, measure];
                var expected = within.Count(p => CaseMeasures.Of(CaseHistory.InForce(p.Events), counts.Day, RandomHistories.ObservationDays).Has(measure));
                Assert.True(count == expected, $"{what}, place {place}, {measure}: {count} ≠ {expected} people counting as it");
                var sum = children.Sum(c => counts[c, measure])
                    + here.Count(p => CaseMeasures.Of(CaseHistory.InForce(p.Events), counts.Day, RandomHistories.ObservationDays).Has(measure));
                Assert.True(count == sum, $"{what}, place {place}, {measure}: {count} ≠ sum of children {sum}");
                Assert.True(count == world.Counter.PeopleIn(counts, place, measure).Count(), $"{what}, place {place}, {measure}: list length differs");
            }
            Assert.True(CaseMeasures.Current.Sum(m => counts[place, m]) <= within.Count, $"{what}: a person counted in two current categories");
            var lasts = children.Select(counts.LastConfirmed).Concat(here.Select(p => CaseMeasures.Of(CaseHistory.InForce(p.Events), counts.Day, 14).LastConfirmed)).Where(d => d is not null).ToList();
            Assert.Equal(lasts.Count == 0 ? null : lasts.Max(), counts.LastConfirmed(place));
        }
    }
}
