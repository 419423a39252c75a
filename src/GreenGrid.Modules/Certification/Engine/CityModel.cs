using System.Runtime.InteropServices;

namespace GreenGrid.Certification.Engine;

/// <summary>The levels the standard rolls up through. A village is a community here, as the standard treats it.</summary>
public enum AreaKind : byte
{
    City,
    District,
    Subdistrict,
    Community,
    Compound,
}

/// <summary>
/// What can happen to a person. Management starts with suspected, fever or closeContact; the
/// other types end it (released, discarded, confirmed, asymptomatic) or only inform (recovered, died).
/// </summary>
public enum EventType : byte
{
    Suspected,
    Fever,
    CloseContact,
    Confirmed,
    Asymptomatic,
    Released,
    Discarded,
    Recovered,
    Died,
}

/// <summary>One dated event of one person. Days are <see cref="DateOnly.DayNumber"/>; <see cref="LastExposure"/> only for a close contact.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct PersonEvent(int Person, int Day, EventType Type, int LastExposure) : IComparable<PersonEvent>
{
    /// <summary>
    /// Per person by day; on one day the starts of management before what ends it, so that a
    /// release on the day of the report ends that management. The order makes the engine's answer
    /// independent of the order in which events arrive.
    /// </summary>
    public int CompareTo(PersonEvent other)
    {
        var c = Person.CompareTo(other.Person);
        if (c != 0)
        {
            return c;
        }
        c = Day.CompareTo(other.Day);
        if (c != 0)
        {
            return c;
        }
        c = Type.CompareTo(other.Type); // starts (suspected, fever, closeContact) come first in the enum
        return c != 0 ? c : LastExposure.CompareTo(other.LastExposure);
    }
}

/// <summary>A control attested for a compound on <see cref="Day"/>, withdrawn on <see cref="Withdrawn"/> (or <see cref="Days.Never"/>).</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct Attestation(Control Control, int Day, int Withdrawn) : IComparable<Attestation>
{
    public int CompareTo(Attestation other)
    {
        var c = Control.CompareTo(other.Control);
        if (c != 0)
        {
            return c;
        }
        c = Day.CompareTo(other.Day);
        return c != 0 ? c : Withdrawn.CompareTo(other.Withdrawn);
    }
}

internal static class Days
{
    /// <summary>No such day (no last exposure, no end known, no withdrawal): larger than every day, so a max over ends is "unknown" as soon as one end is.</summary>
    public const int Never = int.MaxValue;

    public static int Of(DateOnly date) => date.DayNumber;

    public static DateOnly? Date(int day) => day == Never ? null : DateOnly.FromDayNumber(day);
}

/// <summary>
/// The city as the engine sees it, in memory: places (parents before children), people with events
/// (each living in a compound), and per compound its events (sorted per person by day) and its
/// control attestations. Everything is indexed by compound so that an evaluation of one compound
/// reads one contiguous list.
/// </summary>
public sealed class CityModel
{
    private readonly List<AreaKind> _kinds = [];
    private readonly List<int> _parents = [];
    private readonly List<int> _compoundOfPlace = [];
    private readonly List<int> _placeOfCompound = [];
    private readonly List<int> _compoundOfPerson = [];
    private readonly List<List<PersonEvent>> _events = [];
    private readonly List<List<Attestation>> _controls = [];
    private readonly List<bool> _unsorted = [];
    private readonly List<int> _controlVersions = [];
    private bool _anyUnsorted;
    // Every compound's events laid out for a full evaluation (EventLanes); on first use after a change, the
    // compounds whose events changed since are laid out again from their lists, the others copied.
    private EventLanes? _lanes;
    private readonly List<bool> _laneStale = [];
    private bool _anyLaneStale;
    private int[]? _childStart;
    private int[]? _children;

    /// <param name="origin">The first day the record covers: a place free since before it is reported free since <paramref name="origin"/>.</param>
    public CityModel(DateOnly origin) => Origin = origin.DayNumber;

    internal int Origin { get; }

    public DateOnly OriginDate => DateOnly.FromDayNumber(Origin);

    public int PlaceCount => _kinds.Count;

    public int CompoundCount => _placeOfCompound.Count;

    public int PersonCount => _compoundOfPerson.Count;

    public int EventCount { get; private set; }

    /// <summary>Adds a place under <paramref name="parent"/> (−1 for a root). Parents come first, so the tree cannot have a cycle.</summary>
    public int AddPlace(AreaKind kind, int parent = -1)
    {
        if (parent < -1 || parent >= PlaceCount)
        {
            throw new ArgumentOutOfRangeException(nameof(parent), parent, "the parent must be added before its children");
        }
        if (parent >= 0 && _kinds[parent] >= kind)
        {
            throw new ArgumentException($"a {kind} cannot be under a {_kinds[parent]}", nameof(kind));
        }
        _kinds.Add(kind);
        _parents.Add(parent);
        _childStart = null;
        if (kind == AreaKind.Compound)
        {
            _compoundOfPlace.Add(_placeOfCompound.Count);
            _placeOfCompound.Add(PlaceCount - 1);
            _events.Add([]);
            _controls.Add([]);
            _unsorted.Add(false);
            _controlVersions.Add(0);
            _laneStale.Add(true);
            _anyLaneStale = true;
        }
        else
        {
            _compoundOfPlace.Add(-1);
        }
        return PlaceCount - 1;
    }

    /// <summary>Adds a person living in the compound <paramref name="compoundPlace"/> (a place index).</summary>
    public int AddPerson(int compoundPlace)
    {
        _compoundOfPerson.Add(CompoundOf(compoundPlace));
        return PersonCount - 1;
    }

    public AreaKind KindOf(int place) => _kinds[place];

    public int ParentOf(int place) => _parents[place];

    public int PlaceOfPerson(int person) => _placeOfCompound[_compoundOfPerson[person]];

    /// <summary>Appends without keeping the order; the next evaluation sorts what was appended (the bulk path).</summary>
    public void AppendEvent(int person, EventType type, DateOnly date, DateOnly? lastExposure = null)
    {
        var compound = CheckedEvent(person, type, lastExposure);
        _events[compound].Add(new PersonEvent(person, date.DayNumber, type, lastExposure?.DayNumber ?? Days.Never));
        MarkUnsorted(compound);
        EventCount++;
        MarkLanesStale(compound);
    }

    public void AppendControl(int compoundPlace, Control control, DateOnly date, DateOnly? withdrawn = null)
    {
        var compound = CheckedControl(compoundPlace, date, withdrawn);
        _controls[compound].Add(new Attestation(control, date.DayNumber, withdrawn?.DayNumber ?? Days.Never));
        _controlVersions[compound]++;
        MarkUnsorted(compound);
    }

    /// <summary>Inserts in order (the incremental path); returns the compound index.</summary>
    internal int InsertEvent(int person, EventType type, int day, int lastExposure)
    {
        var compound = CheckedEvent(person, type, lastExposure == Days.Never ? null : DateOnly.FromDayNumber(lastExposure));
        Sort();
        InsertSorted(_events[compound], new PersonEvent(person, day, type, lastExposure));
        EventCount++;
        MarkLanesStale(compound);
        return compound;
    }

    internal int InsertControl(int compoundPlace, Control control, int day, int withdrawn)
    {
        var compound = CheckedControl(compoundPlace, DateOnly.FromDayNumber(day), withdrawn == Days.Never ? null : DateOnly.FromDayNumber(withdrawn));
        Sort();
        InsertSorted(_controls[compound], new Attestation(control, day, withdrawn));
        _controlVersions[compound]++;
        return compound;
    }

    internal ReadOnlySpan<PersonEvent> EventsOf(int compound) => CollectionsMarshal.AsSpan(_events[compound]);

    /// <summary>Changes each time an attestation of the compound is added, so that what is derived from them can be kept until then.</summary>
    internal int ControlVersion(int compound) => _controlVersions[compound];

    /// <summary>All compounds' events in the layout a full evaluation reads; brought up to date with the lists on first use after a change.</summary>
    internal EventLanes Lanes()
    {
        Sort();
        if (_lanes is null || _anyLaneStale)
        {
            _lanes = EventLanes.Build(_events, _lanes, CollectionsMarshal.AsSpan(_laneStale));
            CollectionsMarshal.AsSpan(_laneStale).Clear();
            _anyLaneStale = false;
        }
        return _lanes;
    }

    internal ReadOnlySpan<Attestation> ControlsOf(int compound) => CollectionsMarshal.AsSpan(_controls[compound]);

    internal int CompoundOf(int place) =>
        place >= 0 && place < PlaceCount && _compoundOfPlace[place] is var c and >= 0 ? c
        : throw new ArgumentException($"place {place} is not a compound", nameof(place));

    internal int CompoundSlot(int place) => _compoundOfPlace[place];

    internal int PlaceOfCompound(int compound) => _placeOfCompound[compound];

    /// <summary>The place of each compound, by compound index.</summary>
    internal ReadOnlySpan<int> PlacesOfCompounds => CollectionsMarshal.AsSpan(_placeOfCompound);

    internal int CompoundOfPerson(int person) => _compoundOfPerson[person];

    internal ReadOnlySpan<int> Parents => CollectionsMarshal.AsSpan(_parents);

    internal ReadOnlySpan<AreaKind> Kinds => CollectionsMarshal.AsSpan(_kinds);

    /// <summary>The children of a place, in the order they were added.</summary>
    internal ReadOnlySpan<int> ChildrenOf(int place)
    {
        BuildChildren();
        return _children.AsSpan(_childStart![place], _childStart[place + 1] - _childStart[place]);
    }

    /// <summary>Sorts what the bulk path appended, so that every compound's lists are in order.</summary>
    internal void Sort()
    {
        if (!_anyUnsorted)
        {
            return;
        }
        for (var c = 0; c < _unsorted.Count; c++)
        {
            if (_unsorted[c])
            {
                _events[c].Sort();
                _controls[c].Sort();
                _unsorted[c] = false;
            }
        }
        _anyUnsorted = false;
    }

    private void BuildChildren()
    {
        if (_childStart is not null)
        {
            return;
        }
        var start = new int[PlaceCount + 1];
        foreach (var parent in _parents)
        {
            if (parent >= 0)
            {
                start[parent + 1]++;
            }
        }
        for (var p = 0; p < PlaceCount; p++)
        {
            start[p + 1] += start[p];
        }
        var children = new int[start[PlaceCount]];
        var next = start[..PlaceCount];
        for (var p = 0; p < PlaceCount; p++)
        {
            if (_parents[p] >= 0)
            {
                children[next[_parents[p]]++] = p;
            }
        }
        _children = children;
        _childStart = start;
    }

    private int CheckedEvent(int person, EventType type, DateOnly? lastExposure)
    {
        if (person < 0 || person >= PersonCount)
        {
            throw new ArgumentOutOfRangeException(nameof(person), person, "unknown person");
        }
        if (type == EventType.CloseContact && lastExposure is null)
        {
            throw new ArgumentException("a close contact needs the date of the last exposure", nameof(lastExposure));
        }
        return _compoundOfPerson[person];
    }

    private int CheckedControl(int compoundPlace, DateOnly date, DateOnly? withdrawn)
    {
        if (withdrawn < date)
        {
            throw new ArgumentException("a control cannot be withdrawn before it was attested", nameof(withdrawn));
        }
        return CompoundOf(compoundPlace);
    }

    private void MarkLanesStale(int compound)
    {
        _laneStale[compound] = true;
        _anyLaneStale = true;
    }

    private void MarkUnsorted(int compound)
    {
        _unsorted[compound] = true;
        _anyUnsorted = true;
    }

    private static void InsertSorted<T>(List<T> list, T item) where T : IComparable<T>
    {
        var index = list.BinarySearch(item);
        list.Insert(index < 0 ? ~index : index, item);
    }
}
