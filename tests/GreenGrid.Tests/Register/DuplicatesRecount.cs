using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Register;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Tests.Register;

/// <summary>
/// The duplicates of a place regrouped from the database, as FindDuplicates grouped a place's own records on every
/// read before the duplicate keys were kept in memory (issue 26): the reference the kept keys are checked against.
/// Each group is its reason and its records' ids in order; the groups in no particular order.
/// </summary>
internal static class DuplicatesRecount
{
    public static async Task<List<string>> Groups(AppDb db, Place place, CancellationToken ct)
    {
        var buildings = db.Places().Where(PlacePath.Within(place.Path)).Where(p => p.Kind == PlaceKind.Building).Select(p => p.Id);
        var households = db.Households().Where(h => buildings.Contains(h.BuildingId)).Select(h => h.Id);
        var residents = db.Residents().AsNoTracking().Where(Resident.OnRegister).Where(r => households.Contains(r.HouseholdId));
        var sameNumber = await residents.GroupBy(r => r.IdNumber).Where(g => g.Count() > 1).Select(g => g.Key).ToListAsync(ct);
        var samePerson = await residents.Where(r => r.Phone != null)
            .GroupBy(r => new { r.Name, r.BirthDate, r.Phone })
            .Where(g => g.Count() > 1 && g.Select(r => r.IdNumber).Distinct().Count() > 1).Select(g => g.Key).ToListAsync(ct);
        var byNumber = (await residents.Where(r => sameNumber.Contains(r.IdNumber)).OrderBy(r => r.Id).ToListAsync(ct)).ToLookup(r => r.IdNumber);
        var names = samePerson.Select(k => k.Name).Distinct().ToList();
        var phones = samePerson.Select(k => k.Phone).Distinct().ToList();
        var byPerson = (await residents.Where(r => names.Contains(r.Name) && phones.Contains(r.Phone)).OrderBy(r => r.Id).ToListAsync(ct))
            .ToLookup(r => new { r.Name, r.BirthDate, r.Phone });
        return [
            .. sameNumber.Select(n => Shape(DuplicateReason.SameIdNumber, byNumber[n].Select(r => r.Id))),
            .. samePerson.Select(k => Shape(DuplicateReason.SameNameBirthDateAndPhone, byPerson[k].Select(r => r.Id))),
        ];
    }

    public static string Shape(DuplicateReason reason, IEnumerable<long> residents) => $"{reason}: {string.Join(",", residents)}";
}
