using System.Collections.Concurrent;
using System.Diagnostics;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GreenGrid.Register.Counts;

/// <summary>
/// The register's counts of every place, kept in memory (docs/adr/0019-register-counts-in-memory.md):
/// per building its households and its residents per <see cref="RegisterCategory"/>, per other place the
/// sums over the live buildings of its subtree, as <see cref="RegisterCountQueries"/> counted them in SQL
/// (a building answers for itself even when retired; a place above counts only live buildings, whatever
/// the places between; merged records never count; empty households do). Built from the database on
/// first use (warmed at start by <see cref="RegisterCountsStartup"/>). A register write or a change of
/// the tree only marks what it touched; the next read recounts those buildings in one grouped query and
/// moves the difference up their ancestors, so a read after a write sees it.
/// </summary>
public sealed class RegisterCountsModel(IServiceScopeFactory scopes, ILogger<RegisterCountsModel> log) : IRegisterListener, IPlaceTreeListener
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _pendingLock = new();
    private Pending _pending = new();
    private CountsTree? _tree;

    public async Task<RegisterCountsView> Counts(Place place, CancellationToken ct) =>
        await Read(place.Id, tree => tree.View(place.Id), ct);

    public Task<int> Count(Place place, RegisterCategory category, CancellationToken ct) =>
        Read(place.Id, tree => tree.Get(place.Id, CountsTree.Column(category)), ct);

    public Task<(int Households, int Residents)> Occupancy(Place place, CancellationToken ct) =>
        Read(place.Id, tree => (tree.Get(place.Id, 0), tree.Get(place.Id, CountsTree.Column(RegisterCategory.Residents))), ct);

    /// <summary>Anyone on the register in the subtree's buildings, retired buildings included (a retire must not leave people behind).</summary>
    public Task<bool> HasPeople(Place place, CancellationToken ct) => Read(place.Id, tree => tree.Present(place.Id) > 0, ct);

    /// <summary>Everyone on the register in the subtree's buildings, retired buildings included: the rows of an export.</summary>
    public Task<int> OnRegisterAnywhereUnder(Place place, CancellationToken ct) => Read(place.Id, tree => tree.Present(place.Id), ct);

    public Task<bool> HasHouseholds(long buildingId, CancellationToken ct) =>
        Read(buildingId, tree => tree.Get(buildingId, 0) > 0, ct);

    /// <summary>Builds now, so that the first page does not wait.</summary>
    public Task Warm(CancellationToken ct) => Read(null, _ => 0, ct);

    /// <summary>Bytes the model keeps (its arrays), for the start-up log and the memory report.</summary>
    public long Bytes => _tree?.Bytes ?? 0;

    public void Changed(RegisterChange change)
    {
        lock (_pendingLock)
        {
            _pending.Buildings.UnionWith(change.Buildings);
            _pending.Households.UnionWith(change.Households);
            _pending.Residents.UnionWith(change.Residents);
            if (change.Subtree is { } subtree)
            {
                _pending.Subtrees.Add(subtree);
            }
        }
    }

    public Task Changed(PlaceTreeChange change, CancellationToken ct)
    {
        lock (_pendingLock)
        {
            _pending.Places.Add(change.PlaceId);
        }
        return Task.CompletedTask;
    }

    private async Task<T> Read<T>(long? placeId, Func<CountsTree, T> answer, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            // Taken before reading the database: a write committed after this is told after it too, and is recounted on the next read.
            var pending = Take();
            try
            {
                if (_tree is null)
                {
                    _tree = await Build(ct);
                }
                else if (!pending.IsEmpty)
                {
                    await CatchUp(_tree, pending, ct);
                }
                if (placeId is { } id && !_tree.Knows(id))
                {
                    // A place written to the database without the tree's notifier (seed data): read the tree again.
                    _tree = await Reload(_tree, ct);
                }
            }
            catch
            {
                Restore(pending);
                throw;
            }
            return answer(_tree);
        }
        finally
        {
            _gate.Release();
        }
    }

    private Pending Take()
    {
        lock (_pendingLock)
        {
            var taken = _pending;
            _pending = new Pending();
            return taken;
        }
    }

    private void Restore(Pending taken)
    {
        lock (_pendingLock)
        {
            _pending.Buildings.UnionWith(taken.Buildings);
            _pending.Households.UnionWith(taken.Households);
            _pending.Residents.UnionWith(taken.Residents);
            _pending.Subtrees.UnionWith(taken.Subtrees);
            _pending.Places.UnionWith(taken.Places);
        }
    }

    private async Task<CountsTree> Build(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var tree = new CountsTree(await ReadPlaces(db, ct));
        await Recount(db, tree, null, ct);
        tree.Sum();
        log.LogInformation("Register counts built in {Milliseconds:F0} ms: {Places:N0} places, {Buildings:N0} buildings, {Households:N0} households, {Residents:N0} residents, {Megabytes:F1} MB",
            Stopwatch.GetElapsedTime(started).TotalMilliseconds, tree.Places, tree.Buildings, tree.TotalHouseholds, tree.TotalResidents, tree.Bytes / 1048576.0);
        return tree;
    }

    private async Task<CountsTree> Reload(CountsTree old, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        return Reload(old, await ReadPlaces(db, ct));
    }

    private static CountsTree Reload(CountsTree old, List<PlaceRow> places)
    {
        var tree = new CountsTree(places);
        tree.CopyBuildingsFrom(old);
        tree.Sum();
        return tree;
    }

    private async Task CatchUp(CountsTree tree, Pending pending, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var reload = false;
        if (pending.Places.Count > 0)
        {
            var ids = pending.Places.ToList();
            var rows = await db.Places().AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new PlaceRow(p.Id, p.ParentId, p.Kind, p.RetiredAt != null)).ToListAsync(ct);
            // A created place starts at zero (its households, if any already, are named by their writes and recounted below).
            foreach (var row in rows.Where(r => !tree.Knows(r.Id)))
            {
                tree.Add(row);
            }
            reload = rows.Any(r => r.ParentId is { } parent && !tree.Knows(parent));
            if (!reload)
            {
                foreach (var row in rows)
                {
                    tree.Update(row);
                }
            }
        }
        var buildings = new HashSet<long>(pending.Buildings);
        if (pending.Households.Count > 0 || pending.Residents.Count > 0)
        {
            var households = pending.Households.ToList();
            var residents = pending.Residents.ToList();
            buildings.UnionWith(await db.Households().Where(h => households.Contains(h.Id)).Select(h => h.BuildingId)
                .Concat(from r in db.Residents()
                        where residents.Contains(r.Id)
                        join h in db.Households() on r.HouseholdId equals h.Id
                        select h.BuildingId)
                .ToListAsync(ct));
        }
        reload |= buildings.Any(b => !tree.Knows(b));
        if (reload)
        {
            tree = _tree = Reload(tree, await ReadPlaces(db, ct));
        }
        // An import: every building under its place (the tree's parents are the paths' ids).
        buildings.UnionWith(tree.BuildingsUnder(pending.Subtrees));
        if (buildings.Count > 0)
        {
            await Recount(db, tree, buildings, ct);
        }
    }

    private static Task<List<PlaceRow>> ReadPlaces(AppDb db, CancellationToken ct) =>
        db.Places().AsNoTracking().Select(p => new PlaceRow(p.Id, p.ParentId, p.Kind, p.RetiredAt != null)).ToListAsync(ct);

    /// <summary>
    /// The households and the residents per category of the buildings (null: of every building, then
    /// <see cref="CountsTree.Sum"/> adds them up), one grouped query each; the same grouping and predicates
    /// as the list of a count. A named building with nothing left is set to zero.
    /// </summary>
    private static async Task Recount(AppDb db, CountsTree tree, IReadOnlyCollection<long>? buildings, CancellationToken ct)
    {
        var households = db.Households().AsNoTracking();
        if (buildings is not null)
        {
            var ids = buildings.ToList();
            households = households.Where(h => ids.Contains(h.BuildingId));
        }
        var householdGroups = households.GroupBy(h => h.BuildingId).Select(g => new { Building = g.Key, Count = g.Count() });
        var residentGroups =
            from r in db.Residents().AsNoTracking()
            where r.MergedIntoId == null
            join h in households on r.HouseholdId equals h.Id
            group r by new { h.BuildingId, r.Residence, r.Vulnerabilities, r.Status } into g
            select new { g.Key.BuildingId, g.Key.Residence, g.Key.Vulnerabilities, g.Key.Status, Count = g.Count() };

        // The whole register streams straight into the tree (no list of every building's rows at Wuhan's size); named buildings into rows of their own, which then replace theirs.
        var rows = buildings?.ToDictionary(b => b, _ => new int[CountsTree.Width]);
        void Add(long building, int column, int count)
        {
            if (rows is null)
            {
                tree.AddOwn(building, column, count);
            }
            else if (rows.TryGetValue(building, out var row))
            {
                row[column] += count;
            }
        }
        await foreach (var group in householdGroups.AsAsyncEnumerable().WithCancellation(ct))
        {
            Add(group.Building, 0, group.Count);
        }
        await foreach (var group in residentGroups.AsAsyncEnumerable().WithCancellation(ct))
        {
            foreach (var category in CategoriesOf(group.Residence, group.Vulnerabilities, group.Status))
            {
                Add(group.BuildingId, CountsTree.Column(category), group.Count);
            }
        }
        foreach (var (building, row) in rows ?? [])
        {
            tree.Replace(building, row);
        }
    }

    private static readonly ConcurrentDictionary<(Residence, Vulnerability, ResidentStatus), RegisterCategory[]> CategoriesCache = new();

    /// <summary>The categories a resident of that residence, flags and status counts in (by <see cref="RegisterCategories.Holds"/>, the lists' own definition).</summary>
    private static RegisterCategory[] CategoriesOf(Residence residence, Vulnerability vulnerabilities, ResidentStatus status) =>
        CategoriesCache.GetOrAdd((residence, vulnerabilities, status), key =>
        {
            var resident = new Resident { Name = "", IdNumber = "", Residence = key.Item1, Vulnerabilities = key.Item2, Status = key.Item3 };
            return Enum.GetValues<RegisterCategory>().Where(c => RegisterCategories.Holds(c, resident)).ToArray();
        });

    private sealed class Pending
    {
        public readonly HashSet<long> Buildings = [];
        public readonly HashSet<long> Households = [];
        public readonly HashSet<long> Residents = [];
        public readonly HashSet<long> Subtrees = [];
        public readonly HashSet<long> Places = [];

        public bool IsEmpty => Buildings.Count == 0 && Households.Count == 0 && Residents.Count == 0 && Subtrees.Count == 0 && Places.Count == 0;
    }
}

internal sealed record PlaceRow(long Id, long? ParentId, PlaceKind Kind, bool Retired);

/// <summary>
/// The counts of every place in flat arrays indexed by place id (ids come from the database's sequence:
/// dense, and a place is never deleted), so that the Wuhan city's 664,250 places cost about 70 bytes each
/// and no object per place. A row is the households then one count per <see cref="RegisterCategory"/>.
/// </summary>
internal sealed class CountsTree
{
    public static readonly int Width = Enum.GetValues<RegisterCategory>().Length + 1;

    private const byte Unknown = 0;
    private long[] _parent;
    // The place's kind + 1, or Unknown.
    private byte[] _kind;
    private bool[] _retired;
    // For a building: its own households and residents; for any other place: the sums over the live buildings of its subtree.
    private int[] _counts;
    // People on the register in the subtree's buildings, retired buildings included (for a building: its own).
    private int[] _present;

    public CountsTree(List<PlaceRow> places)
    {
        var size = places.Count == 0 ? 1 : (int)places.Max(p => p.Id) + 1;
        _parent = new long[size];
        _kind = new byte[size];
        _retired = new bool[size];
        _counts = new int[size * Width];
        _present = new int[size];
        foreach (var place in places)
        {
            Set(place);
        }
    }

    /// <summary>A new place, at zero (the arrays grow by half when its id is past their end).</summary>
    public void Add(PlaceRow place)
    {
        if (place.Id >= _kind.Length)
        {
            var size = (int)Math.Max(place.Id + 1, _kind.Length + _kind.Length / 2);
            Array.Resize(ref _parent, size);
            Array.Resize(ref _kind, size);
            Array.Resize(ref _retired, size);
            Array.Resize(ref _counts, size * Width);
            Array.Resize(ref _present, size);
        }
        Set(place);
    }

    private void Set(PlaceRow place)
    {
        _parent[place.Id] = place.ParentId ?? 0;
        _kind[place.Id] = (byte)(place.Kind + 1);
        _retired[place.Id] = place.Retired;
    }

    public static int Column(RegisterCategory category) => 1 + (int)category;

    public int Places => _kind.Count(k => k != Unknown);

    public int Buildings => _kind.Count(IsBuildingKind);

    public long TotalHouseholds => Roots().Sum(id => (long)Get(id, 0));

    public long TotalResidents => Roots().Sum(id => (long)Get(id, Column(RegisterCategory.Residents)));

    public long Bytes => _parent.LongLength * sizeof(long) + _kind.LongLength + _retired.LongLength + (_counts.LongLength + _present.LongLength) * sizeof(int);

    public bool Knows(long id) => id > 0 && id < _kind.Length && _kind[id] != Unknown;

    private ReadOnlySpan<int> Row(long id) => _counts.AsSpan((int)id * Width, Width);

    public int Present(long id) => Knows(id) ? _present[id] : 0;

    /// <summary>One number of a place's row (0 = households, else <see cref="Column"/>); 0 for a place the tree does not know.</summary>
    public int Get(long id, int column) => Knows(id) ? _counts[(int)id * Width + column] : 0;

    public RegisterCountsView View(long id) =>
        new(id, Get(id, 0), Enum.GetValues<RegisterCategory>().ToDictionary(c => c, c => Get(id, Column(c))));

    /// <summary>Adds to a building's own counts while building (before <see cref="Sum"/>); households of a place that is no building count nowhere.</summary>
    public void AddOwn(long building, int column, int count)
    {
        if (IsBuilding(building))
        {
            _counts[(int)building * Width + column] += count;
        }
    }

    public void CopyBuildingsFrom(CountsTree old)
    {
        for (var id = 1; id < _kind.Length; id++)
        {
            if (IsBuilding(id) && old.IsBuilding(id))
            {
                old.Row(id).CopyTo(_counts.AsSpan(id * Width, Width));
            }
        }
    }

    /// <summary>Every place's sums from the buildings' own counts.</summary>
    public void Sum()
    {
        for (var id = 1; id < _kind.Length; id++)
        {
            if (!IsBuilding(id))
            {
                _counts.AsSpan(id * Width, Width).Clear();
                _present[id] = 0;
            }
        }
        for (var id = 1; id < _kind.Length; id++)
        {
            if (IsBuilding(id))
            {
                _present[id] = Row(id)[Column(RegisterCategory.Residents)];
                AddUp(id, 1);
            }
        }
    }

    /// <summary>A recounted building: its new counts replace the old, and the difference goes up its ancestors.</summary>
    public void Replace(long building, int[] row)
    {
        if (!IsBuilding(building))
        {
            return;
        }
        AddUp(building, -1);
        row.CopyTo(_counts.AsSpan((int)building * Width, Width));
        _present[building] = row[Column(RegisterCategory.Residents)];
        AddUp(building, 1);
    }

    /// <summary>A place as the database has it now: hung under another parent (its sums leave the old ancestors and join the new), retired or not.</summary>
    public void Update(PlaceRow place)
    {
        var parent = place.ParentId ?? 0;
        if (_parent[place.Id] != parent)
        {
            AddUp(place.Id, -1);
            _parent[place.Id] = parent;
            AddUp(place.Id, 1);
        }
        if (_retired[place.Id] != place.Retired)
        {
            AddUp(place.Id, -1);
            _retired[place.Id] = place.Retired;
            AddUp(place.Id, 1);
        }
    }

    /// <summary>The buildings in the subtrees, by the parents of the tree.</summary>
    public IEnumerable<long> BuildingsUnder(IReadOnlySet<long> subtrees)
    {
        if (subtrees.Count == 0)
        {
            yield break;
        }
        for (long id = 1; id < _kind.Length; id++)
        {
            if (IsBuilding(id) && SelfOrAncestors(id).Any(subtrees.Contains))
            {
                yield return id;
            }
        }
    }

    /// <summary>Adds (sign 1) or takes away (sign -1) what the place gives its ancestors: a live building its counts, any other place its sums; people present whatever is retired.</summary>
    private void AddUp(long id, int sign)
    {
        var counts = !IsBuilding(id) || !_retired[id] ? _counts.AsSpan((int)id * Width, Width) : default;
        var present = _present[id];
        for (var ancestor = _parent[id]; ancestor != 0 && Knows(ancestor); ancestor = _parent[ancestor])
        {
            var sums = _counts.AsSpan((int)ancestor * Width, Width);
            for (var i = 0; i < counts.Length; i++)
            {
                sums[i] += sign * counts[i];
            }
            _present[ancestor] += sign * present;
        }
    }

    private IEnumerable<long> SelfOrAncestors(long id)
    {
        for (var place = id; place != 0 && Knows(place); place = _parent[place])
        {
            yield return place;
        }
    }

    private IEnumerable<long> Roots()
    {
        for (long id = 1; id < _kind.Length; id++)
        {
            if (Knows(id) && _parent[id] == 0)
            {
                yield return id;
            }
        }
    }

    private bool IsBuilding(long id) => Knows(id) && IsBuildingKind(_kind[id]);

    private static bool IsBuildingKind(byte kind) => kind == (byte)(PlaceKind.Building + 1);
}

/// <summary>Builds the register counts at start-up, after the database is migrated and the demo loaded (both happen before the host starts).</summary>
internal sealed class RegisterCountsStartup(RegisterCountsModel model, ILogger<RegisterCountsStartup> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await model.Warm(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Building the register counts failed; the first read tries again");
        }
    }
}
