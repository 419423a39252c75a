using GreenGrid.Platform;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Places;

/// <summary>
/// Reads of the place tree, shared by the API and the pages, always inside the caller's
/// jurisdictions: a place outside them is answered as if it did not exist. A subtree is one range
/// of <see cref="Place.Path"/> (see <see cref="PlacePath"/>); the counts under a place are kept in
/// memory (<see cref="ReadPlaces.PlaceKindCounts"/> and the register's <see cref="IPlaceOccupancy"/>).
/// </summary>
[ModuleContract]
public sealed class PlaceQueries(AppDb db, Caller caller, IPlaceOccupancy occupancy, ReadPlaces.PlaceKindCounts kinds)
{
    /// <summary>The place, or null when it does not exist or lies outside the caller's jurisdictions.</summary>
    public async Task<Place?> Find(long id, CancellationToken ct = default)
    {
        var place = await db.Places().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        return place is not null && await caller.CanSee(place, ct) ? place : null;
    }

    /// <summary>Where the caller's tree starts: their jurisdictions (the city for city HQ).</summary>
    public async Task<List<Place>> Roots(CancellationToken ct = default)
    {
        var account = await caller.Account(ct);
        var jurisdictions = account?.Places() ?? [];
        // A jurisdiction inside another of the same account adds nothing to the tree's starting points.
        return jurisdictions.Where(j => j.RetiredAt == null && !jurisdictions.Any(o => o.Id != j.Id && j.Path.StartsWith(o.Path, StringComparison.Ordinal)))
            .OrderBy(p => p.Code).ToList();
    }

    /// <summary>The places under a visible place (callers check the parent with <see cref="Find"/> first).</summary>
    public async Task<List<Place>> Children(long id, bool includeRetired = false, CancellationToken ct = default) =>
        await (await caller.Visible(db.Places().AsNoTracking(), ct))
            .Where(p => p.ParentId == id && (includeRetired || p.RetiredAt == null))
            .OrderBy(p => p.IsScattered).ThenBy(p => p.Code)
            .ToListAsync(ct);

    /// <summary>
    /// The ancestors of a place, root first, not including the place itself. Their names are not
    /// personal data and make the breadcrumbs; their own pages stay closed outside the jurisdiction.
    /// </summary>
    public async Task<List<Place>> Ancestors(Place place, CancellationToken ct = default)
    {
        var ids = PlacePath.Ids(place.Path).Where(id => id != place.Id).ToArray();
        var ancestors = await db.Places().AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        return ancestors.OrderBy(p => p.Kind.Level()).ToList();
    }

    /// <summary>What lies under a place: both halves are kept in memory, so a page may ask for each of its children.</summary>
    public async Task<SubtreeCounts> Counts(Place place, CancellationToken ct = default)
    {
        var byKind = await kinds.Under(place.Id, ct);
        var (households, residents) = await occupancy.Count(place, ct);
        return new SubtreeCounts(place.Id, byKind, households, residents);
    }

    /// <summary>Whether anyone lives in the subtree: such a place cannot be retired.</summary>
    public Task<bool> HasPeople(Place place, CancellationToken ct = default) => occupancy.HasPeople(place, ct);

    /// <summary>Whether a building still has households (empty ones included).</summary>
    public Task<bool> HasHouseholds(long buildingId, CancellationToken ct = default) => occupancy.HasHouseholds(buildingId, ct);

    /// <summary>The grids of a visible community (callers check the community with <see cref="Find"/> first).</summary>
    public Task<List<Grid>> Grids(long communityId, CancellationToken ct = default) =>
        db.Grids().AsNoTracking().Where(g => g.CommunityId == communityId).OrderBy(g => g.Code).ToListAsync(ct);
}
