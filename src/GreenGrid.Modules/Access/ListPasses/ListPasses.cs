using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Register;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Access.ListPasses;

/// <summary>The passes of a household or of a place inside the caller's jurisdictions, and a resident's own household's, newest first.</summary>
internal sealed class ListPasses(AppDb db, Caller caller, PlaceQueries places, GatePlaces gatePlaces, PassViews views)
{
    public static void MapOfHousehold(RouteGroupBuilder api) =>
        api.MapGet("/households/{householdId:long}/passes", async (long householdId, ListPasses list, CancellationToken ct) =>
                await list.OfHousehold(householdId, ct) is { } passes ? Results.Ok(passes) : Problems.NotFound(Register.RegisterMessages.HouseholdNotFound(householdId)))
            .Produces<List<PassView>>().WithSummary("The passes of a household, newest first.");

    public static void MapOfPlace(RouteGroupBuilder api) =>
        api.MapGet("/places/{id:long}/passes", async (long id, ListPasses list, CancellationToken ct) =>
                await list.OfPlace(id, ct: ct) is { } passes ? Results.Ok(passes) : Problems.NotFound(Places.PlaceMessages.NotFound(id)))
            .Produces<List<PassView>>().WithSummary("The passes valid in a compound or community (or inside it), newest first, at most 500.");

    public static void MapOwn(RouteGroupBuilder api) =>
        api.MapGet("/me/passes", async (Caller caller, ListPasses list, CancellationToken ct) =>
                (await caller.Account(ct))?.HouseholdId is { } id && await list.OfHousehold(id, ct) is { } passes ? Results.Ok(passes) : Problems.NotFound(Register.RegisterMessages.NoHouseholdOfAccount))
            .Produces<List<PassView>>().WithSummary("The signed-in resident's household's passes.");

    /// <summary>The passes of a household the caller may see (null when they may not), newest first.</summary>
    public async Task<List<PassView>?> OfHousehold(long householdId, CancellationToken ct = default)
    {
        var account = await caller.Account(ct);
        var own = account is { Role: Role.Resident } && account.HouseholdId == householdId;
        if (!own && !await HouseholdVisible(householdId, ct))
        {
            return null;
        }
        var passes = await db.Passes().AsNoTracking().Where(p => p.HouseholdId == householdId).OrderByDescending(p => p.Id).ToListAsync(ct);
        return await views.Of(passes, ct);
    }

    /// <summary>The passes valid in a place (compound or community) or anywhere inside it, newest first (at most <paramref name="limit"/>).</summary>
    public async Task<List<PassView>?> OfPlace(long placeId, int limit = 500, CancellationToken ct = default)
    {
        if (await places.Find(placeId, ct) is not { } place)
        {
            return null;
        }
        // The places with passes come from memory: selecting every place of a city's subtree cost seconds.
        var (inside, all) = await gatePlaces.PassPlacesUnder(place, ct);
        if (all)
        {
            // Every place with passes is inside: the newest passes need no filter, unless one was issued elsewhere meanwhile.
            var newest = await db.Passes().AsNoTracking().OrderByDescending(p => p.Id).Take(limit).ToListAsync(ct);
            var (now, _) = await gatePlaces.PassPlacesUnder(place, ct);
            if (newest.All(p => now.BinarySearch(p.PlaceId) >= 0))
            {
                return await views.Of(newest, ct);
            }
        }
        var passes = await db.Passes().AsNoTracking().Where(p => inside.Contains(p.PlaceId)).OrderByDescending(p => p.Id).Take(limit).ToListAsync(ct);
        return await views.Of(passes, ct);
    }

    /// <summary>Whether the household exists in a building of the caller's jurisdictions (as the register answers it).</summary>
    private async Task<bool> HouseholdVisible(long householdId, CancellationToken ct)
    {
        var building = await RegisterReads.Households(db).Where(h => h.Id == householdId).Select(h => (long?)h.BuildingId).FirstOrDefaultAsync(ct);
        return building is { } id && await places.Find(id, ct) is { Kind: PlaceKind.Building };
    }
}
