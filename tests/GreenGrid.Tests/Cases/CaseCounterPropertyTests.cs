using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GreenGrid.Cases;
using GreenGrid.Cases.Counts;
using GreenGrid.Tests.Support;

namespace GreenGrid.Tests.Cases;

/// <summary>
/// The pure counter on many random trees and histories: every count of every place is the sum of
/// its children's (plus the people living at the place itself), equals the length of its list and
/// what each person counts as by <see cref="CaseMeasures.Of"/>; a recount after one new event equals
/// a full count. FsCheck properties: a failing world is shrunk (people, events, empty places and
/// changes taken out, each history still one that could have been recorded) and printed.
/// </summary>
public sealed class CaseCounterPropertyTests
{
    private static readonly DateOnly Start = new(2020, 1, 10);
    private static readonly DateOnly End = new(2020, 2, 28);

    /// <summary>A person living at a place, with a history that could have been recorded.</summary>
    public sealed record Person(long Id, long Place, IReadOnlyList<CaseEvent> Events)
    {
        public override string ToString() => $"{Id} at {Place}: {string.Join(", ", Events.Select(RandomHistories.Describe))}";
    }

    /// <summary>A tree (a root and places each under an earlier one), its people, and the day counted.</summary>
    public sealed record World(IReadOnlyList<(long Id, long? ParentId)> Places, IReadOnlyList<Person> People, DateOnly Day)
    {
        /// <summary>A fresh counter, and the people with histories of their own to add to.</summary>
        public (CaseCounter Counter, List<(long Id, long Place, List<CaseEvent> Events)> People) Build()
        {
            var counter = new CaseCounter(new CaseTree(Places), RandomHistories.ObservationDays);
            var people = People.Select(p => (p.Id, p.Place, p.Events.ToList())).ToList();
            foreach (var (id, place, events) in people)
            {
                counter.Set(id, place, events);
            }
            return (counter, people);
        }

        public override string ToString() =>
            $"places [{string.Join(", ", Places.Select(p => $"{p.Id} in {p.ParentId?.ToString() ?? "-"}"))}]; people [{string.Join("; ", People)}]; as of {Day:yyyy-MM-dd}";
    }

    /// <summary>A world, then new events of its people recorded one at a time (each recounted).</summary>
    public sealed record ChangedWorld(World World, IReadOnlyList<(long Person, CaseEvent Event)> Changes)
    {
        public override string ToString() => $"{World}; then [{string.Join("; ", Changes.Select(c => $"{c.Person}: {RandomHistories.Describe(c.Event)}"))}]";
    }

    /// <summary>The cases: the generators below from a seed, and their shrinks.</summary>
    public static class Arbitraries
    {
        public static Arbitrary<World> Worlds() => Arb.From(Properties.Seeds.Select(seed => Generate(new Random(seed)).World), Shrink);

        public static Arbitrary<ChangedWorld> ChangedWorlds() => Arb.From(Properties.Seeds.Select(seed => GenerateChanged(new Random(seed))), Shrink);
    }

    [Property(MaxTest = 300, Replay = Properties.Replay, Arbitrary = new[] { typeof(Arbitraries) })]
    public void On_random_trees_and_histories_every_count_is_the_sum_of_its_children_and_the_length_of_its_list(World world)
    {
        var (counter, people) = world.Build();
        AssertConsistent(counter, people, counter.CountAsOf(world.Day), "");
    }

    [Property(MaxTest = 300, Replay = Properties.Replay, Arbitrary = new[] { typeof(Arbitraries) })]
    public void A_recount_after_one_new_event_or_correction_equals_a_full_count(ChangedWorld changed)
    {
        var (counter, people) = changed.World.Build();
        var counts = counter.CountAsOf(changed.World.Day);
        for (var change = 0; change < changed.Changes.Count; change++)
        {
            var (id, added) = changed.Changes[change];
            var index = people.FindIndex(p => p.Id == id);
            // A shrunk world may have lost the person or the event a change relied on: such a change is not made.
            if (index < 0 || CaseHistory.Check(people[index].Events, added, RandomHistories.ObservationDays) is not null)
            {
                continue;
            }
            var (_, place, events) = people[index];
            events.Add(added);
            counter.Set(id, place, events);
            counter.Recount(counts, id);
            AssertSame(counter, counter.CountAsOf(changed.World.Day), counts, $"change {change}, ");
        }
        AssertConsistent(counter, people, counts, "after recounts, ");
    }

    /// <summary>A random tree of up to 30 places, up to 60 people at random places with random histories, a day; and the next event id.</summary>
    private static (World World, long NextId) Generate(Random random)
    {
        // A random tree: a root and up to 30 places, each under an earlier one.
        var places = new List<(long Id, long? ParentId)> { (1, null) };
        for (var i = 2; i <= random.Next(2, 31); i++)
        {
            places.Add((i, places[random.Next(places.Count)].Id));
        }
        long nextId = 0;
        var people = new List<Person>();
        for (var p = 0; p < random.Next(0, 60); p++)
        {
            var events = RandomHistories.Generate(random, Start, End, () => ++nextId);
            people.Add(new Person(1000 + p, places[random.Next(places.Count)].Id, events));
        }
        var day = Start.AddDays(random.Next(0, End.DayNumber - Start.DayNumber + 1));
        return (new World(places, people, day), nextId);
    }

    /// <summary>A world and up to five new events for its people: a fresh one, or a retraction of one in force (the last case may go away).</summary>
    private static ChangedWorld GenerateChanged(Random random)
    {
        var (world, nextId) = Generate(random);
        var histories = world.People.Select(p => p.Events.ToList()).ToList();
        var changes = new List<(long, CaseEvent)>();
        for (var change = 0; change < 5 && histories.Count > 0; change++)
        {
            var person = random.Next(histories.Count);
            var events = histories[person];
            var more = RandomHistories.Generate(random, Start, End, () => ++nextId, maxSteps: 1);
            var inForce = CaseHistory.InForce(events);
            CaseEvent? added = random.Next(3) == 0 && inForce.Count > 0
                ? new CaseEvent { Id = ++nextId, Type = CaseEventType.Retracted, EffectiveDate = world.Day, SupersedesId = inForce[random.Next(inForce.Count)].Id }
                : more.Count == 0 ? null : Renumbered(more[0], ++nextId);
            if (added is null || CaseHistory.Check(events, added, RandomHistories.ObservationDays) is not null)
            {
                continue;
            }
            events.Add(added);
            changes.Add((world.People[person].Id, added));
        }
        return new ChangedWorld(world, changes);
    }

    /// <summary>
    /// Smaller worlds: fewer people, or a person with one event fewer (still a history that could
    /// have been recorded), or without a place where nobody lives and nothing is under it.
    /// </summary>
    private static IEnumerable<World> Shrink(World world)
    {
        foreach (var people in Properties.Smaller(world.People))
        {
            yield return world with { People = people };
        }
        foreach (var people in Properties.Each(world.People, p => RandomHistories.Smaller(p.Events).Select(events => p with { Events = events })))
        {
            yield return world with { People = people };
        }
        foreach (var (id, _) in world.Places.Skip(1).Reverse())
        {
            if (!world.Places.Any(p => p.ParentId == id) && !world.People.Any(p => p.Place == id))
            {
                yield return world with { Places = [.. world.Places.Where(p => p.Id != id)] };
            }
        }
    }

    private static IEnumerable<ChangedWorld> Shrink(ChangedWorld changed)
    {
        foreach (var changes in Properties.Smaller(changed.Changes))
        {
            yield return changed with { Changes = changes };
        }
        foreach (var world in Shrink(changed.World))
        {
            yield return changed with { World = world };
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

    private static CaseEvent Renumbered(CaseEvent e, long id)
    {
        e.Id = id;
        return e;
    }

    private static void AssertSame(CaseCounter counter, CaseCounts expected, CaseCounts actual, string what)
    {
        foreach (var place in counter.Tree.Ids)
        {
            Assert.True(expected.Of(place).SequenceEqual(actual.Of(place)), $"{what}place {place}: recount differs from a full count");
            Assert.True(expected.LastConfirmed(place) == actual.LastConfirmed(place), $"{what}place {place}: last confirmed {actual.LastConfirmed(place)} ≠ {expected.LastConfirmed(place)}");
        }
    }

    private static void AssertConsistent(CaseCounter counter, List<(long Id, long Place, List<CaseEvent> Events)> people, CaseCounts counts, string what)
    {
        var tree = counter.Tree;
        for (var i = 0; i < tree.Count; i++)
        {
            var place = tree.Ids[i];
            var children = tree.Children(i).Select(c => tree.Ids[c]).ToList();
            var here = people.Where(p => p.Place == place).ToList();
            var within = people.Where(p => tree.IsWithin(tree.IndexOf(p.Place), i)).ToList();
            foreach (var measure in CaseMeasures.All)
            {
                var count = counts[place, measure];
                var expected = within.Count(p => CaseMeasures.Of(CaseHistory.InForce(p.Events), counts.Day, RandomHistories.ObservationDays).Has(measure));
                Assert.True(count == expected, $"{what}place {place}, {measure}: {count} ≠ {expected} people counting as it");
                var sum = children.Sum(c => counts[c, measure])
                    + here.Count(p => CaseMeasures.Of(CaseHistory.InForce(p.Events), counts.Day, RandomHistories.ObservationDays).Has(measure));
                Assert.True(count == sum, $"{what}place {place}, {measure}: {count} ≠ sum of children {sum}");
                Assert.True(count == counter.PeopleIn(counts, place, measure).Count(), $"{what}place {place}, {measure}: list length differs");
            }
            Assert.True(CaseMeasures.Current.Sum(m => counts[place, m]) <= within.Count, $"{what}a person counted in two current categories");
            var lasts = children.Select(counts.LastConfirmed).Concat(here.Select(p => CaseMeasures.Of(CaseHistory.InForce(p.Events), counts.Day, 14).LastConfirmed)).Where(d => d is not null).ToList();
            Assert.Equal(lasts.Count == 0 ? null : lasts.Max(), counts.LastConfirmed(place));
        }
    }
}
