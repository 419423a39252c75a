using GreenGrid.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Places;

/// <summary>
/// Reads of the place tree, shared by the API and the pages. A subtree is one range of
/// <see cref="Place.Path"/> (see <see cref="PlacePath"/>), so every count is one indexed query.
/// </summary>
public sealed class PlaceQueries(AppDb db)
{
    public Task<Place?> Find(long id, CancellationToken ct = default) =>
        db.Places.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);

    public Task<List<Place>> Roots(CancellationToken ct = default) =>
        db.Places.AsNoTracking().Where(p => p.ParentId == null && p.RetiredAt == null).OrderBy(p => p.Code).ToListAsync(ct);

    public Task<List<Place>> Children(long id, bool includeRetired = false, CancellationToken ct = default) =>
        db.Places.AsNoTracking()
            .Where(p => p.ParentId == id && (includeRetired || p.RetiredAt == null))
            .OrderBy(p => p.IsScattered).ThenBy(p => p.Code)
            .ToListAsync(ct);

    /// <summary>The ancestors of a place, root first, not including the place itself.</summary>
    public async Task<List<Place>> Ancestors(Place place, CancellationToken ct = default)
    {
        var ids = PlacePath.Ids(place.Path).Where(id => id != place.Id).ToArray();
        var ancestors = await db.Places.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        return ancestors.OrderBy(p => p.Kind.Level()).ToList();
    }

    public async Task<SubtreeCounts> Counts(Place place, CancellationToken ct = default)
    {
        var (low, high) = (place.Path, PlacePath.UpperBound(place.Path));
        var descendants = db.Places.AsNoTracking().Where(p =>
            p.RetiredAt == null && p.Id != place.Id
            && string.Compare(p.Path, low) >= 0 && string.Compare(p.Path, high) < 0);

        var byKind = await descendants.GroupBy(p => p.Kind)
            .Select(g => new { Kind = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Kind, g => g.Count, ct);

        var buildings = place.Kind == PlaceKind.Building
            ? db.Places.Where(p => p.Id == place.Id).Select(p => p.Id)
            : descendants.Where(p => p.Kind == PlaceKind.Building).Select(p => p.Id);
        var households = db.Households.Where(h => buildings.Contains(h.BuildingId));
        var householdCount = await households.CountAsync(ct);
        var residentCount = await db.Residents.CountAsync(r => households.Select(h => h.Id).Contains(r.HouseholdId), ct);

        return new SubtreeCounts(place.Id, byKind, householdCount, residentCount);
    }

    /// <summary>Whether anyone lives in the subtree: such a place cannot be retired.</summary>
    public async Task<bool> HasPeople(Place place, CancellationToken ct = default)
    {
        var (low, high) = (place.Path, PlacePath.UpperBound(place.Path));
        var buildings = db.Places.Where(p => p.Kind == PlaceKind.Building
            && string.Compare(p.Path, low) >= 0 && string.Compare(p.Path, high) < 0).Select(p => p.Id);
        var households = db.Households.Where(h => buildings.Contains(h.BuildingId)).Select(h => h.Id);
        return await db.Residents.AnyAsync(r => households.Contains(r.HouseholdId), ct);
    }

    public Task<List<Grid>> Grids(long communityId, CancellationToken ct = default) =>
        db.Grids.AsNoTracking().Where(g => g.CommunityId == communityId).OrderBy(g => g.Code).ToListAsync(ct);
}
