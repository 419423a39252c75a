using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Register;

/// <summary>
/// Finds households and residents for a command, inside the caller's jurisdictions only: a record
/// whose building lies outside them is answered as if it did not exist (null).
/// </summary>
public sealed class RegisterAccess(AppDb db, Caller caller)
{
    /// <summary>A building the caller may see, or null.</summary>
    public async Task<Place?> Building(long buildingId, CancellationToken ct)
    {
        var place = await db.Places().AsNoTracking().FirstOrDefaultAsync(p => p.Id == buildingId, ct);
        return place is { Kind: PlaceKind.Building } && await caller.CanSee(place, ct) ? place : null;
    }

    /// <summary>The household (tracked) and its building, or null when it is not the caller's to see.</summary>
    public async Task<(Household Household, Place Building)?> Household(long householdId, CancellationToken ct)
    {
        var household = await db.Households().FirstOrDefaultAsync(h => h.Id == householdId, ct);
        if (household is null || await Building(household.BuildingId, ct) is not { } building)
        {
            return null;
        }
        return (household, building);
    }

    /// <summary>The resident (tracked), their household and building, or null when they are not the caller's to see.</summary>
    public async Task<(Resident Resident, Household Household, Place Building)?> Resident(long residentId, CancellationToken ct)
    {
        var resident = await db.Residents().FirstOrDefaultAsync(r => r.Id == residentId, ct);
        if (resident is null || await Household(resident.HouseholdId, ct) is not { } found)
        {
            return null;
        }
        return (resident, found.Household, found.Building);
    }
}
