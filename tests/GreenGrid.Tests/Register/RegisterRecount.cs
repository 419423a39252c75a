using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Register;
using GreenGrid.Register.Counts;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Tests.Register;

/// <summary>
/// The register counts recounted from the database, as the application counted them on every read before
/// they were kept in memory (RegisterCountQueries.Counts and RegisterOccupancy, issue 26): the reference the
/// kept counts are checked against.
/// </summary>
internal static class RegisterRecount
{
    public static async Task<RegisterCountsView> Counts(AppDb db, Place place, CancellationToken ct)
    {
        var buildings = place.Kind == PlaceKind.Building
            ? db.Places().Where(p => p.Id == place.Id).Select(p => p.Id)
            : db.Places().Where(PlacePath.Within(place.Path)).Where(p => p.Kind == PlaceKind.Building && p.RetiredAt == null).Select(p => p.Id);
        var households = db.Households().AsNoTracking().Where(h => buildings.Contains(h.BuildingId));
        var householdIds = households.Select(h => h.Id);
        var residents = db.Residents().AsNoTracking().Where(r => householdIds.Contains(r.HouseholdId));
        var counts = new Dictionary<RegisterCategory, int>();
        foreach (var category in Enum.GetValues<RegisterCategory>())
        {
            counts[category] = await residents.Where(RegisterCategories.Filter(category)).CountAsync(ct);
        }
        return new RegisterCountsView(place.Id, await households.CountAsync(ct), counts);
    }

    /// <summary>What the place page's header counted: households and people on the register.</summary>
    public static async Task<(int Households, int Residents)> Occupancy(AppDb db, Place place, CancellationToken ct)
    {
        var buildings = place.Kind == PlaceKind.Building
            ? db.Places().Where(p => p.Id == place.Id).Select(p => p.Id)
            : db.Places().Where(PlacePath.Within(place.Path)).Where(p => p.RetiredAt == null && p.Id != place.Id && p.Kind == PlaceKind.Building).Select(p => p.Id);
        var households = db.Households().Where(h => buildings.Contains(h.BuildingId));
        var householdCount = await households.CountAsync(ct);
        var residentCount = await db.Residents().Where(Resident.OnRegister).CountAsync(r => households.Select(h => h.Id).Contains(r.HouseholdId), ct);
        return (householdCount, residentCount);
    }

    /// <summary>Whether anyone on the register lives under the place, retired buildings included: a retire is refused then.</summary>
    public static async Task<bool> HasPeople(AppDb db, Place place, CancellationToken ct)
    {
        var buildings = db.Places().Where(PlacePath.Within(place.Path)).Where(p => p.Kind == PlaceKind.Building).Select(p => p.Id);
        var households = db.Households().Where(h => buildings.Contains(h.BuildingId)).Select(h => h.Id);
        return await db.Residents().Where(Resident.OnRegister).AnyAsync(r => households.Contains(r.HouseholdId), ct);
    }
}
