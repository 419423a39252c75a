using GreenGrid.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Places.ReadPlaces;

/// <summary>
/// How many places of each kind lie under every place (retired ones not counted), kept in memory: a
/// place page shows them for the place and each of its children, and at city scale counting them in
/// SQL took a grouped scan of the subtree per row. Built from the place rows on first use and
/// rebuilt after any write to the tree (an EF save of a place, or a committed create, move or retire
/// told through <see cref="IPlaceTreeListener"/>); the tree changes seldom, and a rebuild of Wuhan's
/// tree is one read of its places.
/// </summary>
public sealed class PlaceKindCounts(IServiceScopeFactory scopes) : IPlaceTreeListener
{
    private sealed record Snapshot(Dictionary<long, int> Index, int[] Counts)
    {
        public IReadOnlyDictionary<PlaceKind, int> Of(long placeId)
        {
            var result = new Dictionary<PlaceKind, int>();
            if (Index.TryGetValue(placeId, out var at))
            {
                foreach (var kind in Kinds)
                {
                    if (Counts[at * Kinds.Length + (int)kind] is var count and > 0)
                    {
                        result.Add(kind, count);
                    }
                }
            }
            return result;
        }
    }

    private static readonly PlaceKind[] Kinds = Enum.GetValues<PlaceKind>();

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Snapshot? _snapshot;
    private long _generation;

    /// <summary>The places of each kind strictly under the place, not retired; kinds with none are left out.</summary>
    public async Task<IReadOnlyDictionary<PlaceKind, int>> Under(long placeId, CancellationToken ct)
    {
        if (Volatile.Read(ref _snapshot) is { } current)
        {
            return current.Of(placeId);
        }
        await _gate.WaitAsync(ct);
        try
        {
            if (Volatile.Read(ref _snapshot) is { } built)
            {
                return built.Of(placeId);
            }
            var generation = Interlocked.Read(ref _generation);
            var snapshot = await Build(ct);
            // A write during the build may be missing from it: answer with it, keep it only if nothing was written meanwhile.
            if (Interlocked.Read(ref _generation) == generation)
            {
                Volatile.Write(ref _snapshot, snapshot);
            }
            return snapshot.Of(placeId);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The tree was written: the next read rebuilds.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _snapshot, null);
    }

    public Task Changed(PlaceTreeChange change, CancellationToken ct)
    {
        Invalidate();
        return Task.CompletedTask;
    }

    private async Task<Snapshot> Build(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var places = await db.Places().AsNoTracking().Select(p => new { p.Id, p.Kind, p.Path, Retired = p.RetiredAt != null }).ToListAsync(ct);
        var index = new Dictionary<long, int>(places.Count);
        foreach (var place in places)
        {
            index[place.Id] = index.Count;
        }
        var counts = new int[places.Count * Kinds.Length];
        foreach (var place in places.Where(p => !p.Retired))
        {
            // A path is the ids from the root down to the place: it counts for each place above it.
            foreach (var ancestor in PlacePath.Ids(place.Path))
            {
                if (ancestor != place.Id && index.TryGetValue(ancestor, out var at))
                {
                    counts[at * Kinds.Length + (int)place.Kind]++;
                }
            }
        }
        return new Snapshot(index, counts);
    }
}
