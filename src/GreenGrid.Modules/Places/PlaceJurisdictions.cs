using GreenGrid.Platform;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Places;

/// <summary>
/// The caller's jurisdictions as places: Platform's <see cref="Caller"/> knows them only by path
/// (<see cref="IJurisdiction"/>); these read and check them as the place tree's nodes.
/// </summary>
[ModuleContract]
public static class PlaceJurisdictions
{
    /// <summary>The jurisdictions of an account as places, ordered by path (they are <see cref="Place"/>s: this module reads them).</summary>
    public static IReadOnlyList<Place> Places(this CallerAccount account) => [.. account.Jurisdictions.Cast<Place>()];

    /// <summary>Whether the place lies inside one of the account's jurisdictions.</summary>
    public static bool Covers(this CallerAccount account, Place place) => account.Covers(place.Path);

    /// <summary>Whether the place lies inside one of the caller's jurisdictions (false for nobody).</summary>
    public static ValueTask<bool> CanSee(this Caller caller, Place place, CancellationToken ct = default) => caller.CanSee(place.Path, ct);

    /// <summary>Only the places inside the caller's jurisdictions (nothing for an anonymous caller).</summary>
    public static async ValueTask<IQueryable<Place>> Visible(this Caller caller, IQueryable<Place> places, CancellationToken ct = default)
    {
        var account = await caller.Account(ct);
        return places.Where(PlacePath.WithinAny<Place>(p => p.Path, account?.JurisdictionPaths() ?? []));
    }
}

/// <summary>Reads an account's jurisdictions from the place tree, for Platform's <see cref="Caller"/>.</summary>
internal sealed class PlaceJurisdictionReader : IJurisdictionReader
{
    public async Task<IReadOnlyList<IJurisdiction>> Read(AppDb db, long accountId, CancellationToken ct) =>
        await db.Places().AsNoTracking()
            .Where(p => db.AccountJurisdictions.Any(j => j.AccountId == accountId && j.PlaceId == p.Id))
            .OrderBy(p => p.Path)
            .ToListAsync(ct);
}
