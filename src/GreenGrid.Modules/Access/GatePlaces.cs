using System.Collections.Concurrent;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GreenGrid.Access;

/// <summary>
/// The only places where the gate reads can find rows, with their paths, kept in memory
/// (docs/adr/0022-gate-places-in-memory.md): the compounds that have a gate (a scan and its fever
/// alert carry their gate's compound) and the places that have a pass (compounds and communities).
/// A read of a city or a district asks the scan log and the passes for these few ids instead of
/// selecting every place of the subtree (664,250 at Wuhan) on each request.
/// <para>
/// It may hold more than there is, never less: a gate or pass being saved adds its place before the
/// row can be seen (a rolled-back save leaves an id that finds nothing). Gates and passes are never
/// deleted and never change place. Paths are read by id on the first read after an addition, and all
/// of them again after any write of the place tree (a move changes the paths of a subtree).
/// </para>
/// </summary>
public sealed class GatePlaces(IServiceScopeFactory scopes) : IPlaceTreeListener
{
    private readonly ConcurrentDictionary<long, string?> _gateCompounds = new();
    private readonly ConcurrentDictionary<long, string?> _passPlaces = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Advanced by every addition and every tree write; the reads catch up to it before answering.
    private long _version;
    private long _resolvedVersion = -1;
    private long _treeVersion;
    private long _pathsTreeVersion = -1;
    private bool _loaded;

    /// <summary>The compounds with a gate in the subtree of <paramref name="place"/> (the place itself included), in id order.</summary>
    public async Task<List<long>> CompoundsWithGatesUnder(Place place, CancellationToken ct)
    {
        await Current(ct);
        return Under(_gateCompounds, place);
    }

    /// <summary>
    /// The places with a pass in the subtree of <paramref name="place"/> (the place itself included), in
    /// id order, and whether they are all there are (then a read needs no filter by place).
    /// </summary>
    public async Task<(List<long> Ids, bool All)> PassPlacesUnder(Place place, CancellationToken ct)
    {
        await Current(ct);
        var under = Under(_passPlaces, place);
        return (under, under.Count == _passPlaces.Count);
    }

    /// <summary>Reads the ids and paths now (at start), so the first request does not.</summary>
    public Task Warm(CancellationToken ct) => Current(ct);

    /// <summary>A gate of the compound is being saved.</summary>
    public void GateAdded(long compoundId)
    {
        if (_gateCompounds.TryAdd(compoundId, null))
        {
            Interlocked.Increment(ref _version);
        }
    }

    /// <summary>A pass valid in the place is being saved.</summary>
    public void PassAdded(long placeId)
    {
        if (_passPlaces.TryAdd(placeId, null))
        {
            Interlocked.Increment(ref _version);
        }
    }

    /// <summary>A place was written: every path is read again before the next answer.</summary>
    public void TreeChanged()
    {
        Interlocked.Increment(ref _treeVersion);
        Interlocked.Increment(ref _version);
    }

    public Task Changed(PlaceTreeChange change, CancellationToken ct)
    {
        TreeChanged();
        return Task.CompletedTask;
    }

    private static List<long> Under(ConcurrentDictionary<long, string?> places, Place place)
    {
        var under = new List<long>();
        foreach (var (id, path) in places)
        {
            // An id whose place is gone from the tree has no path: nothing can be found there.
            if (path is not null && path.StartsWith(place.Path, StringComparison.Ordinal))
            {
                under.Add(id);
            }
        }
        under.Sort();
        return under;
    }

    private async Task Current(CancellationToken ct)
    {
        if (Interlocked.Read(ref _version) == Interlocked.Read(ref _resolvedVersion))
        {
            return;
        }
        await _gate.WaitAsync(ct);
        try
        {
            // Until nothing was added or moved while the database was read.
            while (Interlocked.Read(ref _version) is var version && version != Interlocked.Read(ref _resolvedVersion))
            {
                var tree = Interlocked.Read(ref _treeVersion);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDb>();
                if (!_loaded)
                {
                    // Read after the watch is in place: a row committed later was added by the watch before its commit.
                    foreach (var id in await db.Gates().Select(g => g.CompoundId).Distinct().ToListAsync(ct))
                    {
                        _gateCompounds.TryAdd(id, null);
                    }
                    // Through the PlaceId index; the demo city has no passes.
                    foreach (var id in await db.Passes().Select(p => p.PlaceId).Distinct().ToListAsync(ct))
                    {
                        _passPlaces.TryAdd(id, null);
                    }
                    _loaded = true;
                }
                var all = tree != _pathsTreeVersion;
                var ids = _gateCompounds.Concat(_passPlaces).Where(e => all || e.Value is null).Select(e => e.Key).Distinct().ToList();
                var paths = await db.Places().AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Path }).ToDictionaryAsync(p => p.Id, p => p.Path, ct);
                foreach (var id in ids)
                {
                    var path = paths.GetValueOrDefault(id);
                    if (_gateCompounds.ContainsKey(id))
                    {
                        _gateCompounds[id] = path;
                    }
                    if (_passPlaces.ContainsKey(id))
                    {
                        _passPlaces[id] = path;
                    }
                }
                _pathsTreeVersion = tree;
                Interlocked.Exchange(ref _resolvedVersion, version);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>Tells <see cref="GatePlaces"/> of gates, passes and places as an AppDb save writes them, before they can be read.</summary>
internal sealed class GatePlacesWatch(GatePlaces places) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saw(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Saw(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Saw(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        foreach (var entry in context.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case Gate gate when entry.State == EntityState.Added:
                    places.GateAdded(gate.CompoundId);
                    break;
                case Pass pass when entry.State == EntityState.Added:
                    places.PassAdded(pass.PlaceId);
                    break;
                case Place when entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted:
                    places.TreeChanged();
                    break;
            }
        }
    }
}

/// <summary>Reads the gate places when the server starts (after the database is prepared), so the first read does not wait.</summary>
internal sealed class GatePlacesStartup(GatePlaces places, ILogger<GatePlacesStartup> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await places.Warm(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The first read loads them instead.
            log.LogError(e, "The gate places could not be read at start-up");
        }
    }
}
