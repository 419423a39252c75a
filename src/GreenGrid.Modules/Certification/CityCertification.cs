using GreenGrid.Register;
using GreenGrid.Cases;
using GreenGrid.Certification.Engine;
using GreenGrid.Certification.Workflow;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GreenGrid.Certification;

/// <summary>One reason a place is not free, with the database ids instead of the engine's indices.</summary>
public sealed record PlaceReason(ReasonCode Code, long? ResidentId, EventType? Type, DateOnly? Date, DateOnly? Until, Control? Control, long? PlaceId);

/// <summary>A place's status as the engine says on a day.</summary>
public sealed record EngineStatus(long PlaceId, AreaKind Kind, bool Free, DateOnly? FreeSince, DateOnly? FreeFrom);

/// <summary>
/// The city in the engine, from the database (docs/adr/0010-certification-workflow.md): the place
/// tree down to compounds (a building's people count for its compound), the people with case events
/// in force (a merged record's events for the kept record), and the control attestations; evaluated
/// as of the city's today and kept in step by <see cref="Feed"/> (new case events) and
/// <see cref="AddControl"/>. What the engine cannot take back (a correction, a retraction, a
/// withdrawn control, a new place, a merge) rebuilds the model from the database on next use.
/// One gate serialises every use: the engine is not thread-safe, and a rebuild must not miss an event.
/// </summary>
public sealed class CityCertification(IServiceScopeFactory scopes, CityClock clock, ILogger<CityCertification> log)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Snapshot? _snapshot;
    private bool _stale = true;

    /// <summary>How many times the model was built from the database (for tests and logs).</summary>
    public int Builds { get; private set; }

    /// <summary>The model will be rebuilt from the database before its next use.</summary>
    public void Invalidate() => _stale = true;

    /// <summary>
    /// Reads the engine as of <paramref name="asOf"/> (today when null) under the gate. A place
    /// <paramref name="about"/> that the model does not know yet (created since it was built) rebuilds it first.
    /// </summary>
    public async Task<T> Read<T>(DateOnly? asOf, Func<CityView, T> read, CancellationToken ct, long? about = null)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var s = await Current(ct);
            if (about is { } id && !s.IndexOf.ContainsKey(id) && await HeldByModel(id, ct))
            {
                s = _snapshot = await Build(ct);
            }
            var day = asOf ?? s.Engine.AsOf;
            if (day == s.Engine.AsOf)
            {
                return read(new CityView(s));
            }
            s.Engine.Evaluate(day);
            try
            {
                return read(new CityView(s));
            }
            finally
            {
                s.Engine.Evaluate(s.Today);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Whether the model holds the place once built (a live place above buildings): a building or a retired
    /// place is never in it, and asking about one must not rebuild the city's model on every read.
    /// </summary>
    private async Task<bool> HeldByModel(long placeId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().Places()
            .AnyAsync(p => p.Id == placeId && p.Kind != PlaceKind.Building && p.RetiredAt == null, ct);
    }

    /// <summary>New case events (after their commit): fed to the engine one by one; a correction or retraction rebuilds. Returns the compounds touched.</summary>
    public async Task<IReadOnlyList<long>> Feed(IReadOnlyList<CaseEvent> events, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var s = await Current(ct);
            var touched = new HashSet<long>();
            var unknown = events.Select(e => e.ResidentId).Where(r => !s.PersonOfRecord.ContainsKey(r)).Distinct().ToList();
            if (unknown.Count > 0)
            {
                await AddPeople(s, unknown, ct);
            }
            // The engine only adds, and its record starts at the earliest date it was built with: a history that
            // changed, or an event dated before that start (a place free all along would otherwise be reported free
            // since a day that depends on when the model was last built), is read again from the database.
            if (events.Any(e => e.SupersedesId is not null || e.Type == CaseEventType.Retracted || e.EffectiveDate < s.Raw.Origin))
            {
                foreach (var e in events)
                {
                    if (s.PersonOfRecord.TryGetValue(e.ResidentId, out var p))
                    {
                        touched.Add(s.PlaceIds[s.Model.PlaceOfPerson(p)]);
                    }
                }
                _snapshot = await Build(ct);
                return [.. touched];
            }
            foreach (var e in events)
            {
                if (!s.PersonOfRecord.TryGetValue(e.ResidentId, out var person) || Map(e.Type) is not { } type)
                {
                    continue;
                }
                var lastExposure = type == EventType.CloseContact ? e.LastExposure ?? e.EffectiveDate : (DateOnly?)null;
                s.Engine.AddEvent(person, type, e.EffectiveDate, lastExposure);
                s.Raw.Events.Add(new RawEvent(person, type, e.EffectiveDate, lastExposure));
                touched.Add(s.PlaceIds[s.Model.PlaceOfPerson(person)]);
            }
            return [.. touched];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A new attestation (after its commit).</summary>
    public async Task AddControl(long compoundId, Control control, DateOnly on, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var s = await Current(ct);
            if (s.IndexOf.TryGetValue(compoundId, out var place) && s.Model.KindOf(place) == AreaKind.Compound && on >= s.Raw.Origin)
            {
                s.Engine.AddControl(place, control, on);
                s.Raw.Controls.Add(new RawControl(place, control, on, null));
            }
            else
            {
                _stale = true; // an unknown compound, or an attestation dated before the record starts: rebuilt on next use
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Loads now (at start-up, so the first page does not wait).</summary>
    public Task Warm(CancellationToken ct) => Read(null, _ => 0, ct);

    /// <summary>The engine's event type for a case event; null for those that do not bear on the standard.</summary>
    public static EventType? Map(CaseEventType type) => type switch
    {
        CaseEventType.Confirmed => EventType.Confirmed,
        CaseEventType.Asymptomatic => EventType.Asymptomatic,
        CaseEventType.Suspected => EventType.Suspected,
        CaseEventType.Fever => EventType.Fever,
        CaseEventType.CloseContact => EventType.CloseContact,
        CaseEventType.Discarded => EventType.Discarded,
        CaseEventType.Released => EventType.Released,
        CaseEventType.Recovered => EventType.Recovered,
        CaseEventType.Died => EventType.Died,
        // Where a person is managed (at home, centrally, in a facility) does not change whether they are under management.
        _ => null,
    };

    public static AreaKind? AreaOf(PlaceKind kind) => kind switch
    {
        PlaceKind.City => AreaKind.City,
        PlaceKind.District => AreaKind.District,
        PlaceKind.Subdistrict or PlaceKind.Township => AreaKind.Subdistrict,
        PlaceKind.Community or PlaceKind.Village => AreaKind.Community,
        PlaceKind.Compound => AreaKind.Compound,
        _ => null,
    };

    private async Task<Snapshot> Current(CancellationToken ct)
    {
        var today = clock.Today;
        if (_snapshot is null || _stale || _snapshot.Today != today)
        {
            // A new day rebuilds too: merges and moves of the day before are then counted.
            _stale = false;
            _snapshot = await Build(ct);
        }
        return _snapshot;
    }

    private async Task<Snapshot> Build(CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var today = clock.Today;
        var standards = await db.CertificationStandards().AsNoTracking().OrderBy(v => v.EffectiveFrom).ToListAsync(ct);
        var standard = (standards.LastOrDefault(v => v.EffectiveFrom <= today) ?? standards.FirstOrDefault())?.ToStandard() ?? CertificationStandard.Wuhan2020;

        var places = await db.Places().AsNoTracking().Where(p => p.Kind != PlaceKind.Building && p.RetiredAt == null)
            .Select(p => new { p.Id, p.ParentId, p.Kind }).ToListAsync(ct);
        var buildings = await db.Places().AsNoTracking().Where(p => p.Kind == PlaceKind.Building && p.RetiredAt == null)
            .Select(p => new { p.Id, p.ParentId }).ToDictionaryAsync(b => b.Id, b => b.ParentId, ct);
        // Streamed projections in one statement each (11 million residents): the register's and the cases' read contracts compose into them.
        var records = await (
            from r in RegisterReads.Records(db)
            where CaseEventReads.Events(db).Any(e => e.ResidentId == r.Id)
            join k in RegisterReads.Records(db) on r.MergedIntoId ?? r.Id equals k.Id
            join h in RegisterReads.Households(db) on k.HouseholdId equals h.Id
            select new PersonRecord(r.Id, k.Id, h.BuildingId)).ToListAsync(ct);
        var events = await CaseEventReads.Events(db)
            .Select(e => new CaseEvent { Id = e.Id, ResidentId = e.ResidentId, Type = e.Type, EffectiveDate = e.EffectiveDate, LastExposure = e.LastExposure, SupersedesId = e.SupersedesId })
            .ToListAsync(ct);
        var controls = await db.CertificationControls().AsNoTracking().Select(c => new { c.CompoundId, c.Control, c.AttestedOn, c.WithdrawnOn }).ToListAsync(ct);

        var origin = new[] { today }.Concat(events.Select(e => e.EffectiveDate)).Concat(controls.Select(c => c.AttestedOn)).Min();
        var raw = new RawCity(origin);
        var indexOf = new Dictionary<long, int>();
        var ids = new List<long>();
        foreach (var p in places.OrderBy(p => p.Kind.Level()).ThenBy(p => p.Id))
        {
            if (AreaOf(p.Kind) is not { } kind)
            {
                continue;
            }
            var parent = -1;
            if (p.ParentId is { } pid && !indexOf.TryGetValue(pid, out parent))
            {
                continue; // under a retired place: not part of the live tree
            }
            if (parent >= 0 && raw.Places[parent].Kind >= kind)
            {
                continue;
            }
            indexOf[p.Id] = raw.Places.Count;
            raw.Places.Add(new RawPlace(kind, parent));
            ids.Add(p.Id);
        }
        var s = new Snapshot(today, standard, raw, indexOf, [.. ids]);
        foreach (var record in records)
        {
            s.Attach(record, buildings);
        }
        foreach (var group in events.GroupBy(e => s.PersonOfRecord.TryGetValue(e.ResidentId, out var p) ? p : -1).Where(g => g.Key >= 0))
        {
            foreach (var e in CaseHistory.InForce(group))
            {
                if (Map(e.Type) is { } type)
                {
                    raw.Events.Add(new RawEvent(group.Key, type, e.EffectiveDate, type == EventType.CloseContact ? e.LastExposure ?? e.EffectiveDate : null));
                }
            }
        }
        foreach (var c in controls)
        {
            if (indexOf.TryGetValue(c.CompoundId, out var place) && raw.Places[place].Kind == AreaKind.Compound && (c.WithdrawnOn is null || c.WithdrawnOn >= c.AttestedOn))
            {
                raw.Controls.Add(new RawControl(place, c.Control, c.AttestedOn, c.WithdrawnOn));
            }
        }
        s.Load();
        Builds++;
        log.LogInformation("Certification model built: {Places} places, {People} people, {Events} events in {Ms:F0} ms",
            raw.Places.Count, raw.PersonCompound.Count, raw.Events.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return s;
    }

    /// <summary>People not yet in the model (their first event): where they live, read in a scope of its own.</summary>
    private async Task AddPeople(Snapshot s, List<long> recordIds, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var records = await (
            from r in RegisterReads.Records(db)
            where recordIds.Contains(r.Id)
            join k in RegisterReads.Records(db) on r.MergedIntoId ?? r.Id equals k.Id
            join h in RegisterReads.Households(db) on k.HouseholdId equals h.Id
            join b in db.Places() on h.BuildingId equals b.Id
            select new { Record = new PersonRecord(r.Id, k.Id, h.BuildingId), b.ParentId }).ToListAsync(ct);
        foreach (var r in records)
        {
            if (!s.Attach(r.Record, new Dictionary<long, long?> { [r.Record.BuildingId] = r.ParentId }))
            {
                _stale = true; // a compound the model does not know yet (new or moved): rebuild on next use
            }
        }
    }

    internal sealed record PersonRecord(long Record, long Kept, long BuildingId);

    internal sealed record RawPlace(AreaKind Kind, int Parent);

    internal sealed record RawEvent(int Person, EventType Type, DateOnly Date, DateOnly? LastExposure);

    internal sealed record RawControl(int Place, Control Control, DateOnly Date, DateOnly? Withdrawn);

    /// <summary>What the model was built from, kept so that a subtree can be built on its own (its curve).</summary>
    internal sealed class RawCity(DateOnly origin)
    {
        public DateOnly Origin { get; } = origin;
        public List<RawPlace> Places { get; } = [];
        public List<int> PersonCompound { get; } = [];
        public List<RawEvent> Events { get; } = [];
        public List<RawControl> Controls { get; } = [];

        /// <summary>A model of the subtree under <paramref name="root"/> (all of it for the root), with the map from its indices to ours.</summary>
        public (CityModel Model, int[] Original) Subtree(int root)
        {
            var inside = new int[Places.Count];
            Array.Fill(inside, -1);
            var model = new CityModel(Origin);
            var original = new List<int>();
            for (var p = root; p < Places.Count; p++)
            {
                var parent = Places[p].Parent;
                if (p != root && (parent < 0 || inside[parent] < 0))
                {
                    continue;
                }
                inside[p] = model.AddPlace(Places[p].Kind, p == root ? -1 : inside[parent]);
                original.Add(p);
            }
            var personInside = new int[PersonCompound.Count];
            for (var person = 0; person < PersonCompound.Count; person++)
            {
                personInside[person] = inside[PersonCompound[person]] >= 0 ? model.AddPerson(inside[PersonCompound[person]]) : -1;
            }
            foreach (var e in Events)
            {
                if (personInside[e.Person] >= 0)
                {
                    model.AppendEvent(personInside[e.Person], e.Type, e.Date, e.LastExposure);
                }
            }
            foreach (var c in Controls)
            {
                if (inside[c.Place] >= 0)
                {
                    model.AppendControl(inside[c.Place], c.Control, c.Date, c.Withdrawn);
                }
            }
            return (model, [.. original]);
        }
    }

    internal sealed class Snapshot(DateOnly today, CertificationStandard standard, RawCity raw, Dictionary<long, int> indexOf, long[] placeIds)
    {
        public DateOnly Today { get; } = today;
        public CertificationStandard Standard { get; } = standard;
        public RawCity Raw { get; } = raw;
        public Dictionary<long, int> IndexOf { get; } = indexOf;
        public long[] PlaceIds { get; } = placeIds;

        /// <summary>A register record (kept or merged away) → the engine's person.</summary>
        public Dictionary<long, int> PersonOfRecord { get; } = [];
        public Dictionary<int, long> ResidentOfPerson { get; } = [];
        private readonly Dictionary<long, int> _personOfKept = [];
        private CityModel? _model;

        public CityModel Model => _model ?? throw new InvalidOperationException("not loaded");

        /// <summary>Whether place 0 is the only root, so that the engine's own curve is the whole tree's.</summary>
        public bool SingleRoot { get; private set; }
        public CertificationEngine Engine { get; private set; } = null!;

        /// <summary>Registers a record's person (before <see cref="Load"/>); false when they live in no compound of the tree.</summary>
        public bool Attach(PersonRecord record, IReadOnlyDictionary<long, long?> buildingParents)
        {
            if (_personOfKept.TryGetValue(record.Kept, out var known))
            {
                PersonOfRecord[record.Record] = known;
                return true;
            }
            if (!buildingParents.TryGetValue(record.BuildingId, out var compoundId) || compoundId is not { } cid
                || !IndexOf.TryGetValue(cid, out var compound) || Raw.Places[compound].Kind != AreaKind.Compound)
            {
                return false;
            }
            var person = Raw.PersonCompound.Count;
            Raw.PersonCompound.Add(compound);
            _personOfKept[record.Kept] = person;
            PersonOfRecord[record.Record] = person;
            ResidentOfPerson[person] = record.Kept;
            _model?.AddPerson(compound);
            return true;
        }

        public void Load()
        {
            SingleRoot = Raw.Places.Count > 0 && Raw.Places.Skip(1).All(x => x.Parent >= 0);
            if (SingleRoot)
            {
                (_model, _) = Raw.Subtree(0); // one root: the subtree of place 0 is the whole tree, indices unchanged
            }
            else
            {
                var model = _model = new CityModel(Raw.Origin);
                foreach (var p in Raw.Places)
                {
                    model.AddPlace(p.Kind, p.Parent);
                }
                foreach (var c in Raw.PersonCompound)
                {
                    model.AddPerson(c);
                }
                foreach (var e in Raw.Events)
                {
                    model.AppendEvent(e.Person, e.Type, e.Date, e.LastExposure);
                }
                foreach (var c in Raw.Controls)
                {
                    model.AppendControl(c.Place, c.Control, c.Date, c.Withdrawn);
                }
            }
            Engine = new CertificationEngine(Model, Standard);
            Engine.Evaluate(Today);
        }
    }
}

/// <summary>The engine as of one day, in database ids.</summary>
public sealed class CityView
{
    private readonly CityCertification.Snapshot _s;

    internal CityView(CityCertification.Snapshot s) => _s = s;

    public DateOnly AsOf => _s.Engine.AsOf;

    public CertificationStandard Standard => _s.Standard;

    public DateOnly Origin => _s.Raw.Origin;

    public bool Knows(long placeId) => _s.IndexOf.ContainsKey(placeId);

    public EngineStatus? Status(long placeId)
    {
        if (!_s.IndexOf.TryGetValue(placeId, out var p))
        {
            return null;
        }
        var st = _s.Engine.StatusOf(p);
        return new EngineStatus(placeId, _s.Model.KindOf(p), st.Free, st.FreeSince, st.FreeFrom);
    }

    public IReadOnlyList<PlaceReason> Reasons(long placeId)
    {
        if (!_s.IndexOf.TryGetValue(placeId, out var p))
        {
            return [];
        }
        return _s.Engine.ReasonsOf(p).Select(r => r.Code switch
        {
            ReasonCode.RecentCase => new PlaceReason(r.Code, _s.ResidentOfPerson[r.Person], r.Type, r.Date, null, null, null),
            ReasonCode.UnderManagement => new PlaceReason(r.Code, _s.ResidentOfPerson[r.Person], r.Type, null, r.Until, null, null),
            ReasonCode.ControlMissing => new PlaceReason(r.Code, null, null, null, null, r.Control, null),
            _ => new PlaceReason(r.Code, null, null, null, null, null, _s.PlaceIds[r.Place]),
        }).ToList();
    }

    /// <summary>The certification curve of the subtree under <paramref name="placeId"/>.</summary>
    public CertificationCurve? Curve(long placeId, DateOnly from, DateOnly to)
    {
        if (!_s.IndexOf.TryGetValue(placeId, out var p))
        {
            return null;
        }
        if (p == 0 && _s.SingleRoot)
        {
            return _s.Engine.Curve(from, to);
        }
        var (model, _) = _s.Raw.Subtree(p);
        return new CertificationEngine(model, _s.Standard).Curve(from, to);
    }

    /// <summary>Every place of the model with its status, for a status map or totals.</summary>
    public IEnumerable<EngineStatus> All()
    {
        for (var p = 0; p < _s.PlaceIds.Length; p++)
        {
            var st = _s.Engine.StatusOf(p);
            yield return new EngineStatus(_s.PlaceIds[p], _s.Model.KindOf(p), st.Free, st.FreeSince, st.FreeFrom);
        }
    }
}
