using GreenGrid.Places;
using GreenGrid.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Register.Counts;

/// <summary>The register's answer to the place tree's <see cref="IPlaceOccupancy"/>.</summary>
internal sealed class RegisterOccupancy(AppDb db) : IPlaceOccupancy
{
    public async Task<(int Households, int Residents)> Count(Place place, CancellationToken ct)
    {
        var buildings = place.Kind == PlaceKind.Building
            ? db.Places().Where(p => p.Id == place.Id).Select(p => p.Id)
            : db.Places().Where(PlacePath.Within(place.Path)).Where(p => p.RetiredAt == null && p.Id != place.Id && p.Kind == PlaceKind.Building).Select(p => p.Id);
        var households = db.Households().Where(h => buildings.Contains(h.BuildingId));
        var householdCount = await households.CountAsync(ct);
        var residentCount = await db.Residents().Where(Resident.OnRegister).CountAsync(r => households.Select(h => h.Id).Contains(r.HouseholdId), ct);
        return (householdCount, residentCount);
    }

    public async Task<bool> HasPeople(Place place, CancellationToken ct)
    {
        var buildings = db.Places().Where(PlacePath.Within(place.Path)).Where(p => p.Kind == PlaceKind.Building).Select(p => p.Id);
        var households = db.Households().Where(h => buildings.Contains(h.BuildingId)).Select(h => h.Id);
        return await db.Residents().Where(Resident.OnRegister).AnyAsync(r => households.Contains(r.HouseholdId), ct);
    }

    public Task<bool> HasHouseholds(long buildingId, CancellationToken ct) => db.Households().AnyAsync(h => h.BuildingId == buildingId, ct);
}
