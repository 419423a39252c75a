using System.Numerics;

namespace GreenGrid.Cases.Counts;

/// <summary>A place tree to count in: places by index, each with its parent's index (-1 for a root).</summary>
public sealed class CaseTree
{
    private readonly Dictionary<long, int> _index;
    private List<int>[]? _children;

    /// <param name="places">Every place with its parent; a parent not in the list makes the place a root.</param>
    public CaseTree(IReadOnlyList<(long Id, long? ParentId)> places)
    {
        Ids = new long[places.Count];
        Parent = new int[places.Count];
        _index = new Dictionary<long, int>(places.Count);
        for (var i = 0; i < places.Count; i++)
        {
            Ids[i] = places[i].Id;
            _index.Add(places[i].Id, i);
        }
        for (var i = 0; i < places.Count; i++)
        {
            Parent[i] = places[i].ParentId is { } parent && _index.TryGetValue(parent, out var p) ? p : -1;
        }
    }

    public int Count => Ids.Length;

    public long[] Ids { get; }

    /// <summary>The parent's index of each place, -1 for a root.</summary>
    public int[] Parent { get; }

    public int IndexOf(long placeId) => _index.TryGetValue(placeId, out var i) ? i : throw new KeyNotFoundException($"place {placeId} is not in the tree");

    public bool Contains(long placeId) => _index.ContainsKey(placeId);

    public IReadOnlyList<int> Children(int index)
    {
        if (_children is null)
        {
            var children = new List<int>[Count];
            for (var i = 0; i < Count; i++)
            {
                children[i] = [];
            }
            for (var i = 0; i < Count; i++)
            {
                if (Parent[i] >= 0)
                {
                    children[Parent[i]].Add(i);
                }
            }
            _children = children;
        }
        return _children[index];
    }

    /// <summary>Whether <paramref name="index"/> is <paramref name="ancestor"/> or lies under it.</summary>
    public bool IsWithin(int index, int ancestor)
    {
        for (var at = index; at >= 0; at = Parent[at])
        {
            if (at == ancestor)
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>
/// Counts every <see cref="CaseMeasure"/> at every place of a tree for one day: a person counts at the
/// place they live in (their household's building now, or whichever place of the tree holds it) and at
/// every place above it, so that every count is the sum of its children's by construction. Pure code
/// over people held in memory: the API fills it from the database, the benchmark from a generated city.
/// <para>
/// A full count is one pass over the people with events (<see cref="CountAsOf"/>); after a person's
/// events change, <see cref="Recount"/> brings a count up to date by taking out what the person
/// counted as and adding what they count as now, on their path only.
/// </para>
/// </summary>
public sealed class CaseCounter(CaseTree tree, int observationDays)
{
    private sealed class Person(long id, int leaf, CaseEvent[] inForce)
    {
        public long Id { get; } = id;
        public int Leaf { get; set; } = leaf;
        public CaseEvent[] InForce { get; set; } = inForce;
    }

    private readonly List<Person> _people = [];
    private readonly Dictionary<long, int> _index = [];
    private List<int>[]? _peopleAt;

    public CaseTree Tree => tree;

    public int ObservationDays => observationDays;

    public int People => _people.Count;

    /// <summary>
    /// A person's events (all of them, superseded and retractions included: <see cref="CaseHistory.InForce"/>
    /// decides) and the place they count at. Call again for a person to replace their events or move them.
    /// </summary>
    public void Set(long personId, long placeId, IEnumerable<CaseEvent> events)
    {
        var leaf = tree.IndexOf(placeId);
        var inForce = CaseHistory.InForce(events).ToArray();
        if (_index.TryGetValue(personId, out var i))
        {
            var person = _people[i];
            if (person.Leaf != leaf && _peopleAt is not null)
            {
                _peopleAt[person.Leaf].Remove(i);
                _peopleAt[leaf].Add(i);
            }
            person.Leaf = leaf;
            person.InForce = inForce;
            return;
        }
        _index.Add(personId, _people.Count);
        _peopleAt?[leaf].Add(_people.Count);
        _people.Add(new Person(personId, leaf, inForce));
    }

    /// <summary>Every count of every place on <paramref name="day"/>.</summary>
    public CaseCounts CountAsOf(DateOnly day)
    {
        var counts = new CaseCounts(this, day, _people.Count);
        for (var i = 0; i < _people.Count; i++)
        {
            var person = _people[i];
            var measures = CaseMeasures.Of(person.InForce, day, observationDays);
            counts.Person[i] = measures;
            counts.Leaf[i] = person.Leaf;
            Add(counts, person.Leaf, measures, +1);
        }
        return counts;
    }

    /// <summary>
    /// Brings <paramref name="counts"/> up to date after <see cref="Set"/> changed the person's events
    /// (or added the person): their old measures out, the new ones in, on their path only.
    /// </summary>
    public void Recount(CaseCounts counts, long personId)
    {
        var i = _index[personId];
        var person = _people[i];
        counts.Grow(_people.Count);
        var before = counts.Person[i];
        var beforeLeaf = counts.Leaf[i];
        var after = CaseMeasures.Of(person.InForce, counts.Day, observationDays);
        counts.Person[i] = after;
        if (beforeLeaf >= 0)
        {
            AddMask(counts, beforeLeaf, before.Mask, -1);
        }
        AddMask(counts, person.Leaf, after.Mask, +1);
        counts.Leaf[i] = person.Leaf;
        if (after.LastConfirmedDay >= before.LastConfirmedDay && beforeLeaf == person.Leaf)
        {
            RaiseLast(counts, person.Leaf, after.LastConfirmedDay);
            return;
        }
        // The last confirmed day may have gone down (a retraction): places whose maximum it was look again.
        if (beforeLeaf >= 0)
        {
            for (var at = beforeLeaf; at >= 0; at = tree.Parent[at])
            {
                if (counts.Last[at] == before.LastConfirmedDay)
                {
                    counts.Last[at] = LastOf(counts, at);
                }
            }
        }
        RaiseLast(counts, person.Leaf, after.LastConfirmedDay);
    }

    /// <summary>The people counted in <paramref name="measure"/> at the place (the place's drill-down list), by person id.</summary>
    public IEnumerable<long> PeopleIn(CaseCounts counts, long placeId, CaseMeasure measure)
    {
        var place = tree.IndexOf(placeId);
        var bit = CaseMeasures.Bit(measure);
        for (var i = 0; i < counts.Person.Length && i < _people.Count; i++)
        {
            if ((counts.Person[i].Mask & bit) != 0 && tree.IsWithin(counts.Leaf[i], place))
            {
                yield return _people[i].Id;
            }
        }
    }

    /// <summary>Every person held, by id (those whose events were all taken out included: they count as nothing).</summary>
    public IEnumerable<long> PersonIds => _people.Select(p => p.Id);

    /// <summary>
    /// The people (by the counter's person index) who count at the place or below it, found through the tree and
    /// an index of people by place, so a small place does not look at the whole city.
    /// </summary>
    public List<int> PeopleUnder(long placeId)
    {
        var peopleAt = PeopleAt();
        var found = new List<int>();
        var stack = new Stack<int>();
        stack.Push(tree.IndexOf(placeId));
        while (stack.Count > 0)
        {
            var at = stack.Pop();
            found.AddRange(peopleAt[at]);
            foreach (var child in tree.Children(at))
            {
                stack.Push(child);
            }
        }
        return found;
    }

    /// <summary>The person at an index of <see cref="PeopleUnder"/>: id, events in force and the index of their place.</summary>
    public (long Id, CaseEvent[] InForce, int Leaf) PersonAt(int index) => (_people[index].Id, _people[index].InForce, _people[index].Leaf);

    /// <summary>A person's events in force (in effective-date order) and place, for a list.</summary>
    public (CaseEvent[] InForce, long PlaceId)? PersonOf(long personId) =>
        _index.TryGetValue(personId, out var i) ? (_people[i].InForce, tree.Ids[_people[i].Leaf]) : null;

    private void Add(CaseCounts counts, int leaf, PersonMeasures measures, int sign)
    {
        AddMask(counts, leaf, measures.Mask, sign);
        RaiseLast(counts, leaf, measures.LastConfirmedDay);
    }

    private void AddMask(CaseCounts counts, int leaf, int mask, int sign)
    {
        if (mask == 0)
        {
            return;
        }
        var parent = tree.Parent;
        var values = counts.Values;
        for (var at = leaf; at >= 0; at = parent[at])
        {
            var row = at * CaseCounts.Width;
            for (var m = mask; m != 0; m &= m - 1)
            {
                values[row + BitOperations.TrailingZeroCount(m)] += sign;
            }
        }
    }

    private void RaiseLast(CaseCounts counts, int leaf, int day)
    {
        if (day == PersonMeasures.NoDay)
        {
            return;
        }
        for (var at = leaf; at >= 0 && counts.Last[at] < day; at = tree.Parent[at])
        {
            counts.Last[at] = day;
        }
    }

    /// <summary>The people of each place (by index), built on first use and kept by <see cref="Set"/> after it.</summary>
    private List<int>[] PeopleAt()
    {
        if (_peopleAt is null)
        {
            _peopleAt = new List<int>[tree.Count];
            for (var p = 0; p < tree.Count; p++)
            {
                _peopleAt[p] = [];
            }
            for (var i = 0; i < _people.Count; i++)
            {
                _peopleAt[_people[i].Leaf].Add(i);
            }
        }
        return _peopleAt;
    }

    /// <summary>A place's last confirmed day from its children's and its own people's.</summary>
    private int LastOf(CaseCounts counts, int place)
    {
        var peopleAt = PeopleAt();
        var last = PersonMeasures.NoDay;
        foreach (var child in tree.Children(place))
        {
            last = Math.Max(last, counts.Last[child]);
        }
        foreach (var i in peopleAt[place])
        {
            if (counts.Leaf[i] == place)
            {
                last = Math.Max(last, counts.Person[i].LastConfirmedDay);
            }
        }
        return last;
    }
}

/// <summary>Every count of every place of a <see cref="CaseCounter"/>'s tree on one day.</summary>
public sealed class CaseCounts
{
    internal static readonly int Width = CaseMeasures.All.Length;

    private readonly CaseCounter _counter;

    internal CaseCounts(CaseCounter counter, DateOnly day, int people)
    {
        _counter = counter;
        Day = day;
        Values = new int[counter.Tree.Count * Width];
        Last = new int[counter.Tree.Count];
        Array.Fill(Last, PersonMeasures.NoDay);
        Person = new PersonMeasures[people];
        Leaf = new int[people];
        for (var i = 0; i < people; i++)
        {
            Leaf[i] = -1;
        }
    }

    public DateOnly Day { get; }

    internal int[] Values { get; }

    internal int[] Last { get; }

    /// <summary>What each person counted as (by the counter's person index) and where.</summary>
    internal PersonMeasures[] Person { get; private set; }

    internal int[] Leaf { get; private set; }

    internal void Grow(int people)
    {
        if (people <= Person.Length)
        {
            return;
        }
        var old = Person.Length;
        Person = [.. Person, .. new PersonMeasures[people - old]];
        Leaf = [.. Leaf, .. Enumerable.Repeat(-1, people - old)];
    }

    public int this[long placeId, CaseMeasure measure] => Values[_counter.Tree.IndexOf(placeId) * Width + (int)measure];

    /// <summary>Every measure of the place.</summary>
    public Dictionary<CaseMeasure, int> Of(long placeId)
    {
        var row = _counter.Tree.IndexOf(placeId) * Width;
        return CaseMeasures.All.ToDictionary(m => m, m => Values[row + (int)m]);
    }

    /// <summary>The last day on or before <see cref="Day"/> with a new confirmed case under the place, or null.</summary>
    public DateOnly? LastConfirmed(long placeId) =>
        Last[_counter.Tree.IndexOf(placeId)] is var last && last != PersonMeasures.NoDay ? DateOnly.FromDayNumber(last) : null;

    /// <summary>Days from the last new confirmed case to <see cref="Day"/> (0: one today), null when there was none.</summary>
    public int? DaysSinceLastConfirmed(long placeId) => LastConfirmed(placeId) is { } last ? Day.DayNumber - last.DayNumber : null;
}
