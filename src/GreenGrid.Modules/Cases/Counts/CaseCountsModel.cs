using System.Diagnostics;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Time;
using GreenGrid.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GreenGrid.Cases.Counts;

/// <summary>
/// The case counts of the whole city kept in memory (docs/adr/0020-case-counts-in-memory.md): one
/// <see cref="CaseCounter"/> over every place (retired ones included, buildings as leaves) holding
/// everyone with case events at the building of their household now, a merged record's events counted
/// for the record it was merged into (as <see cref="CaseCountReader.Events"/> reads them). The counts of
/// a day are computed once from it (one pass over the people, no database) and kept for the last few
/// days asked (today always): every change of a person is recounted into each of them with
/// <see cref="CaseCounter.Recount"/>, on the person's path only.
/// <para>
/// Writers only note what changed (<see cref="Recorded"/>, <see cref="RegisterChanged"/>,
/// <see cref="TreeChanged"/>); the next read re-reads those people from the database before it answers,
/// so a read after a write sees it. Each read also asks for the newest event id, so events written by
/// any other path (a bulk load, a test) are read too. One gate serialises catching up and reading.
/// </para>
/// </summary>
public sealed class CaseCountsModel(IServiceScopeFactory scopes, CityClock clock, TimeProvider time, IOptions<CasesOptions> options, ILogger<CaseCountsModel> log)
{
    /// <summary>Days whose counts are kept besides today's (the last ones asked for).</summary>
    public const int CachedDays = 4;

    /// <summary>
    /// How long a person stays to be read again when an event they were told of is not in the database
    /// yet (recorded inside a transaction that commits later, like a sweep visit's); a rolled-back event never shows.
    /// </summary>
    private static readonly TimeSpan WaitForTold = TimeSpan.FromMinutes(5);

    private sealed class Changes
    {
        public readonly HashSet<long> Records = [];
        public readonly HashSet<long> Households = [];
        public readonly HashSet<long> Buildings = [];
        public readonly HashSet<long> Subtrees = [];
        /// <summary>Events told by the recorder that a re-read must find, by person, with when they were told.</summary>
        public readonly Dictionary<long, (HashSet<long> Events, DateTimeOffset Told)> Expected = [];
        public bool Tree;
    }

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _changesLock = new();
    private Changes _changes = new();

    // Everything below is used under the gate only.
    private CaseCounter? _counter;
    private int[] _pathRank = [];
    private bool[] _isBuilding = [];
    private readonly Dictionary<long, string> _rooms = [];
    private readonly Dictionary<string, string> _roomNames = new(StringComparer.Ordinal);
    private readonly Dictionary<long, long> _mergedInto = [];
    private readonly Dictionary<DateOnly, CaseCounts> _days = [];
    private readonly List<DateOnly> _recent = [];
    private long _watermark;
    // Answers that take a pass over many people (a city's list, a chart), kept until the next change of the model.
    private readonly Dictionary<object, object> _answers = [];
    private long _version;
    private long _answersVersion;

    /// <summary>Lists and charts kept until the model changes (each is a few hundred kB at most).</summary>
    private const int MaxAnswers = 64;

    private int ObservationDays => options.Value.ObservationDays;

    /// <summary>How many times the whole model was read from the database (for tests and logs).</summary>
    public int Builds { get; private set; }

    /// <summary>Case events committed (or saved in a transaction that commits later): their people are read again before the next read.</summary>
    public void Recorded(IReadOnlyList<CaseEvent> events)
    {
        var told = time.GetUtcNow();
        lock (_changesLock)
        {
            foreach (var e in events)
            {
                _changes.Records.Add(e.ResidentId);
                if (!_changes.Expected.TryGetValue(e.ResidentId, out var expected))
                {
                    _changes.Expected[e.ResidentId] = expected = ([], told);
                }
                expected.Events.Add(e.Id);
            }
        }
    }

    /// <summary>A committed register write: the people it touched are read again before the next read (no database work here).</summary>
    public void RegisterChanged(RegisterChange change)
    {
        lock (_changesLock)
        {
            _changes.Records.UnionWith(change.Residents);
            _changes.Households.UnionWith(change.Households);
            _changes.Buildings.UnionWith(change.Buildings);
            if (change.Subtree is { } subtree)
            {
                _changes.Subtrees.Add(subtree);
            }
        }
    }

    /// <summary>A place created, moved or retired: the tree is read again before the next read.</summary>
    public void TreeChanged()
    {
        lock (_changesLock)
        {
            _changes.Tree = true;
        }
    }

    /// <summary>
    /// Catches up with what changed, then reads the model under the gate: <paramref name="read"/> gets the
    /// counter and the counts of <paramref name="day"/> (null when no day is asked). The places
    /// <paramref name="about"/> must be in the tree: one it does not know yet reads the tree again.
    /// </summary>
    public async Task<T> Read<T>(DateOnly? day, IReadOnlyCollection<long> about, Func<CaseCounter, CaseCounts?, T> read, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await CatchUp(about, ct);
            return read(_counter!, day is { } d ? CountsOf(d) : null);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Builds the model and today's counts now (at start-up, so the first page does not wait).</summary>
    public Task Warm(CancellationToken ct) => Read(clock.Today, [], (_, _) => 0, ct);

    /// <summary>
    /// An answer computed from the model (call inside <see cref="Read{T}"/>), kept under <paramref name="key"/>
    /// until the model next changes: sixteen callers opening the same city page do not each walk the city.
    /// </summary>
    public T Remember<T>(object key, Func<T> compute) where T : class
    {
        if (_answersVersion != _version || _answers.Count >= MaxAnswers)
        {
            _answers.Clear();
            _answersVersion = _version;
        }
        if (_answers.TryGetValue(key, out var known))
        {
            return (T)known;
        }
        var answer = compute();
        _answers[key] = answer;
        return answer;
    }

    /// <summary>
    /// The page of the list behind a count (call inside <see cref="Read{T}"/>): the people under the place
    /// counted in <paramref name="measure"/>, in the order of the lists (building path, room, id), with their events in force.
    /// </summary>
    public (int Total, List<(long Id, CaseEvent[] InForce)> Page) List(CaseCounts counts, long placeId, CaseMeasure measure, int skip, int take)
    {
        var all = Remember(("list", placeId, measure, counts.Day), () => Ordered(counts, placeId, measure));
        return (all.Count, all.GetRange(Math.Min(skip, all.Count), Math.Clamp(all.Count - skip, 0, take)));
    }

    private List<(long Id, CaseEvent[] InForce)> Ordered(CaseCounts counts, long placeId, CaseMeasure measure)
    {
        var counter = _counter!;
        var bit = CaseMeasures.Bit(measure);
        var found = new List<(int Rank, string Room, long Id, CaseEvent[] InForce)>();
        foreach (var i in counter.PeopleUnder(placeId))
        {
            if (i < counts.Person.Length && (counts.Person[i].Mask & bit) != 0)
            {
                var (id, inForce, leaf) = counter.PersonAt(i);
                found.Add((_pathRank[leaf], _rooms.GetValueOrDefault(id, ""), id, inForce));
            }
        }
        found.Sort((a, b) =>
            a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank)
            : string.CompareOrdinal(a.Room, b.Room) is var room && room != 0 ? room
            : a.Id.CompareTo(b.Id));
        return [.. found.Select(f => (f.Id, f.InForce))];
    }

    /// <summary>The counts of a day: kept ones are up to date; another is counted from the model and kept, the oldest asked dropped.</summary>
    private CaseCounts CountsOf(DateOnly day)
    {
        if (!_days.TryGetValue(day, out var counts))
        {
            counts = _days[day] = _counter!.CountAsOf(day);
        }
        _recent.Remove(day);
        _recent.Add(day);
        var today = clock.Today;
        for (var k = 0; _recent.Count > CachedDays + 1 && k < _recent.Count;)
        {
            if (_recent[k] == today || _recent[k] == day)
            {
                k++;
                continue;
            }
            _days.Remove(_recent[k]);
            _recent.RemoveAt(k);
        }
        return counts;
    }

    private async Task CatchUp(IReadOnlyCollection<long> about, CancellationToken ct)
    {
        Changes changes;
        lock (_changesLock)
        {
            changes = _changes;
            _changes = new Changes();
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        if (_counter is null)
        {
            await Build(db, ct);
        }
        else if (changes.Tree || about.Any(id => !_counter.Tree.Contains(id)))
        {
            await ReadTree(db, ct);
        }

        var records = new HashSet<long>(changes.Records);
        await Expected(db, changes, ct);

        // Events written by a path that told nobody (a bulk load, a test writing rows): their people too.
        var newest = await db.CaseEvents().MaxAsync(e => (long?)e.Id, ct) ?? 0;
        if (newest > _watermark)
        {
            var from = _watermark;
            records.UnionWith(await db.CaseEvents().Where(e => e.Id > from && e.Id <= newest).Select(e => e.ResidentId).Distinct().ToListAsync(ct));
            _watermark = newest;
        }
        if (changes.Households.Count > 0)
        {
            var households = changes.Households;
            records.UnionWith(await RegisterReads.Records(db).Where(r => households.Contains(r.HouseholdId)).Select(r => r.Id).ToListAsync(ct));
        }
        if (changes.Buildings.Count > 0)
        {
            var buildings = changes.Buildings;
            records.UnionWith(await PeopleWithEvents(db).Where(x => buildings.Contains(x.BuildingId)).Select(x => x.PersonId).Distinct().ToListAsync(ct));
            foreach (var building in buildings.Where(_counter!.Tree.Contains))
            {
                records.UnionWith(_counter.PeopleUnder(building).Select(i => _counter.PersonAt(i).Id));
            }
        }
        foreach (var subtree in changes.Subtrees)
        {
            if (await db.Places().Where(p => p.Id == subtree).Select(p => p.Path).FirstOrDefaultAsync(ct) is not { } path)
            {
                continue;
            }
            var buildings = db.Places().Where(PlacePath.Within(path)).Where(p => p.Kind == PlaceKind.Building).Select(p => p.Id);
            records.UnionWith(await PeopleWithEvents(db).Where(x => buildings.Contains(x.BuildingId)).Select(x => x.PersonId).Distinct().ToListAsync(ct));
            if (_counter!.Tree.Contains(subtree))
            {
                records.UnionWith(_counter.PeopleUnder(subtree).Select(i => _counter.PersonAt(i).Id));
            }
        }
        if (records.Count > 0)
        {
            await Refresh(db, records, ct);
        }
    }

    /// <summary>
    /// Events told but not in the database yet (their transaction has not committed): their people stay to be
    /// read again at the next read, until the events show or a rolled-back one is given up on.
    /// </summary>
    private async Task Expected(AppDb db, Changes changes, CancellationToken ct)
    {
        if (changes.Expected.Count == 0)
        {
            return;
        }
        var ids = changes.Expected.Values.SelectMany(x => x.Events).ToList();
        var found = (await db.CaseEvents().Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct)).ToHashSet();
        var now = time.GetUtcNow();
        lock (_changesLock)
        {
            foreach (var (person, (events, told)) in changes.Expected)
            {
                events.ExceptWith(found);
                if (events.Count > 0 && now - told < WaitForTold)
                {
                    _changes.Records.Add(person);
                    _changes.Expected[person] = (events, told);
                }
            }
        }
    }

    /// <summary>The people with events (a merged record's events for the kept record) and their building, one row per event.</summary>
    private static IQueryable<PersonAt> PeopleWithEvents(AppDb db)
    {
        var records = RegisterReads.Records(db);
        return
            from e in db.CaseEvents()
            join r in records on e.ResidentId equals r.Id
            join p in records on r.MergedIntoId ?? r.Id equals p.Id
            where p.MergedIntoId == null
            join h in RegisterReads.Households(db) on p.HouseholdId equals h.Id
            select new PersonAt { PersonId = p.Id, BuildingId = h.BuildingId };
    }

    private sealed class PersonAt
    {
        public long PersonId { get; init; }
        public long BuildingId { get; init; }
    }

    /// <summary>
    /// Reads again the people behind the records (a record, the record it is merged into now, the one it was
    /// merged into before) with all their events, and recounts each kept day for them.
    /// </summary>
    private async Task Refresh(AppDb db, HashSet<long> records, CancellationToken ct)
    {
        var counter = _counter!;
        var persons = new HashSet<long>(records);
        foreach (var record in records)
        {
            if (_mergedInto.TryGetValue(record, out var before))
            {
                persons.Add(before);
            }
        }
        var recordList = records.ToList();
        persons.UnionWith(await RegisterReads.Records(db).Where(r => recordList.Contains(r.Id) && r.MergedIntoId != null).Select(r => r.MergedIntoId!.Value).ToListAsync(ct));

        var personList = persons.ToList();
        var rows = await (
            from r in RegisterReads.Records(db)
            where personList.Contains(r.Id) || (r.MergedIntoId != null && personList.Contains(r.MergedIntoId.Value))
            join h in RegisterReads.Households(db) on r.HouseholdId equals h.Id
            select new { r.Id, r.MergedIntoId, h.BuildingId, h.Room }).ToListAsync(ct);
        // A person is a record not merged into another; their records are theirs and those merged into them.
        var kept = rows.Where(r => r.MergedIntoId is null && persons.Contains(r.Id)).ToDictionary(r => r.Id);
        var owner = rows.Where(r => r.MergedIntoId is null ? kept.ContainsKey(r.Id) : kept.ContainsKey(r.MergedIntoId.Value))
            .ToDictionary(r => r.Id, r => r.MergedIntoId ?? r.Id);
        var ownedRecords = owner.Keys.ToList();
        var events = await Projected(db.CaseEvents().Where(e => ownedRecords.Contains(e.ResidentId))).ToListAsync(ct);
        var eventsOf = events.GroupBy(e => owner[e.ResidentId]).ToDictionary(g => g.Key, g => g.ToList());

        if (eventsOf.Keys.Any(p => !counter.Tree.Contains(kept[p].BuildingId)))
        {
            await ReadTree(db, ct); // a building created by a path that told nobody
            counter = _counter!;
        }
        foreach (var record in rows.Select(r => r.Id).Concat(records))
        {
            _mergedInto.Remove(record);
        }
        foreach (var e in events)
        {
            if (owner[e.ResidentId] != e.ResidentId)
            {
                _mergedInto[e.ResidentId] = owner[e.ResidentId];
            }
        }
        foreach (var person in persons)
        {
            if (eventsOf.TryGetValue(person, out var history) && counter.Tree.Contains(kept[person].BuildingId) && _isBuilding[counter.Tree.IndexOf(kept[person].BuildingId)])
            {
                counter.Set(person, kept[person].BuildingId, history);
                _rooms[person] = Room(kept[person].Room);
            }
            else if (counter.PersonOf(person) is { } held)
            {
                // Merged away or without events now: held on as counting nothing.
                counter.Set(person, held.PlaceId, []);
                _rooms.Remove(person);
            }
            else
            {
                continue;
            }
            foreach (var counts in _days.Values)
            {
                counter.Recount(counts, person);
            }
            _version++;
        }
    }

    /// <summary>Everything from the database: the tree, then everyone with events.</summary>
    private async Task Build(AppDb db, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var memory = GC.GetTotalMemory(forceFullCollection: true);
        _rooms.Clear();
        _mergedInto.Clear();
        _counter = null;
        await ReadTree(db, ct);
        var counter = _counter!;
        var newest = await db.CaseEvents().MaxAsync(e => (long?)e.Id, ct) ?? 0;
        var records = RegisterReads.Records(db);
        // One streamed statement over every event (11 million residents: nothing per person).
        var rows =
            from e in db.CaseEvents().AsNoTracking()
            where e.Id <= newest
            join r in records on e.ResidentId equals r.Id
            join p in records on r.MergedIntoId ?? r.Id equals p.Id
            where p.MergedIntoId == null
            join h in RegisterReads.Households(db) on p.HouseholdId equals h.Id
            select new { e.Id, e.ResidentId, e.Type, e.EffectiveDate, e.LastExposure, e.SupersedesId, PersonId = p.Id, h.BuildingId, h.Room };
        var people = new Dictionary<long, (long Building, string Room, List<CaseEvent> Events)>();
        var count = 0;
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!people.TryGetValue(row.PersonId, out var person))
            {
                people[row.PersonId] = person = (row.BuildingId, Room(row.Room), []);
            }
            person.Events.Add(new CaseEvent
            {
                Id = row.Id, ResidentId = row.ResidentId, Type = row.Type, EffectiveDate = row.EffectiveDate, LastExposure = row.LastExposure, SupersedesId = row.SupersedesId,
            });
            if (row.ResidentId != row.PersonId)
            {
                _mergedInto[row.ResidentId] = row.PersonId;
            }
            count++;
        }
        foreach (var (id, person) in people)
        {
            if (counter.Tree.Contains(person.Building) && _isBuilding[counter.Tree.IndexOf(person.Building)])
            {
                counter.Set(id, person.Building, person.Events);
                _rooms[id] = person.Room;
            }
        }
        _watermark = newest;
        people.Clear();
        var today = CountsOf(clock.Today);
        Builds++;
        log.LogInformation("Case counts model built: {Places} places, {People} people with {Events} events, today's counts in {Ms:F0} ms, about {MB:F0} MB",
            counter.Tree.Count, counter.People, count, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            (GC.GetTotalMemory(forceFullCollection: true) - memory) / 1024.0 / 1024.0);
        GC.KeepAlive(today);
    }

    /// <summary>The tree from the database's place rows (in memory); the people held move into a new counter, the kept days are counted again when asked.</summary>
    private async Task ReadTree(AppDb db, CancellationToken ct)
    {
        var places = await db.Places().AsNoTracking().Select(p => new { p.Id, p.ParentId, p.Path, p.Kind }).ToListAsync(ct);
        var tree = new CaseTree([.. places.Select(p => (p.Id, p.ParentId))]);
        var rank = new int[places.Count];
        var byPath = Enumerable.Range(0, places.Count).OrderBy(i => places[i].Path, StringComparer.Ordinal).ToArray();
        for (var r = 0; r < byPath.Length; r++)
        {
            rank[byPath[r]] = r;
        }
        var counter = new CaseCounter(tree, ObservationDays);
        if (_counter is { } old)
        {
            foreach (var id in old.PersonIds)
            {
                if (old.PersonOf(id) is { InForce.Length: > 0 } held && tree.Contains(held.PlaceId))
                {
                    counter.Set(id, held.PlaceId, held.InForce);
                }
            }
        }
        _counter = counter;
        _pathRank = rank;
        _isBuilding = [.. places.Select(p => p.Kind == PlaceKind.Building)];
        _days.Clear();
        _recent.Clear();
        _version++;
    }

    /// <summary>What the counts read of an event: its type, dates and what it corrects; not its notes, facility or provenance.</summary>
    private static IQueryable<CaseEvent> Projected(IQueryable<CaseEvent> events) => events.AsNoTracking().Select(e => new CaseEvent
    {
        Id = e.Id, ResidentId = e.ResidentId, Type = e.Type, EffectiveDate = e.EffectiveDate, LastExposure = e.LastExposure, SupersedesId = e.SupersedesId,
    });

    /// <summary>One string per room name: the same few names recur in every building.</summary>
    private string Room(string room)
    {
        if (!_roomNames.TryGetValue(room, out var name))
        {
            _roomNames[room] = name = room;
        }
        return name;
    }
}
