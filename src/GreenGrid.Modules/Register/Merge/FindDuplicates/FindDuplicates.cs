using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Time;
using GreenGrid.Register.ReadHouseholds;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Register.Merge.FindDuplicates;

/// <summary>Two or more records under a place that look like one person.</summary>
public sealed record DuplicateGroup(DuplicateReason Reason, ResidentView[] Residents);

/// <summary>
/// The groups of records on the register under a place of the caller's that look like one person: the same ID
/// number, or the same name, birth date and phone. The read is audited (the lists name people).
/// </summary>
internal sealed class FindDuplicates(AppDb db, AuditLog audit, CityClock clock, Counts.RegisterCountsModel counts)
{
    /// <summary>
    /// Up to this many people on the register, a place's own records are grouped: at Wuhan's size a scan of the
    /// whole register's indexes takes seconds, a community's ten thousand records tens of milliseconds.
    /// </summary>
    private const int SmallPlace = 50_000;

    public static void Map(RouteGroupBuilder read) =>
        read.MapGet("/places/{id:long}/duplicates", async Task<Results<Ok<DuplicateGroup[]>, ProblemHttpResult>> (long id, PlaceQueries places, FindDuplicates find, CancellationToken ct) =>
                await places.Find(id, ct) is { } place ? TypedResults.Ok((await find.Handle(place, 200, ct)).ToArray()) : Problems.NotFound("place", id))
            .WithSummary("Records under a place that look like one person (same ID number, or same name, birth date and phone).");

    /// <summary>At most <paramref name="take"/> groups under <paramref name="place"/> (found by the caller's <see cref="PlaceQueries"/>).</summary>
    /// <param name="smallPlace">Up to how many people a place's own records are grouped (tests ask both ways).</param>
    public async Task<List<DuplicateGroup>> Handle(Place place, int take, CancellationToken ct, int smallPlace = SmallPlace)
    {
        var buildings = db.Places().Where(PlacePath.Within(place.Path)).Where(p => p.Kind == PlaceKind.Building).Select(p => p.Id);
        var households = db.Households().Where(h => buildings.Contains(h.BuildingId)).Select(h => h.Id);
        var residents = db.Residents().AsNoTracking().Where(Resident.OnRegister).Where(r => households.Contains(r.HouseholdId));
        // A group under the place is a group in the whole register too. Under a small place its own records are
        // grouped (a read of each); under a large one the candidates come from the ID-number and name/birth-date
        // indexes of the whole register alone (no table rows), and only their records under the place are read.
        var small = await counts.OnRegisterAnywhereUnder(place, ct) <= smallPlace;
        var numbersTwice = db.Residents().GroupBy(r => r.IdNumber).Where(g => g.Count() > 1).Select(g => g.Key);
        var namesTwice = db.Residents().GroupBy(r => new { r.Name, r.BirthDate }).Where(g => g.Count() > 1).Select(g => g.Key);
        var sameNumber = await (small ? residents : residents.Where(r => numbersTwice.Contains(r.IdNumber)))
            .GroupBy(r => r.IdNumber).Where(g => g.Count() > 1).Select(g => g.Key).Take(take).ToListAsync(ct);
        var withPhone = residents.Where(r => r.Phone != null);
        var samePerson = await (small ? withPhone : (
                from r in withPhone
                join n in namesTwice on new { r.Name, r.BirthDate } equals new { n.Name, n.BirthDate }
                select r))
            .GroupBy(r => new { r.Name, r.BirthDate, r.Phone })
            .Where(g => g.Count() > 1 && g.Select(r => r.IdNumber).Distinct().Count() > 1).Select(g => g.Key).Take(take).ToListAsync(ct);
        // The members of every group in two reads, not one per group.
        var byNumber = (await residents.Where(r => sameNumber.Contains(r.IdNumber)).OrderBy(r => r.Id).ToListAsync(ct))
            .ToLookup(r => r.IdNumber);
        var names = samePerson.Select(k => k.Name).Distinct().ToList();
        var phones = samePerson.Select(k => k.Phone).Distinct().ToList();
        var byPerson = (await residents.Where(r => names.Contains(r.Name) && phones.Contains(r.Phone)).OrderBy(r => r.Id).ToListAsync(ct))
            .ToLookup(r => new { r.Name, r.BirthDate, r.Phone });
        var groups = new List<DuplicateGroup>();
        foreach (var number in sameNumber)
        {
            groups.Add(new DuplicateGroup(DuplicateReason.SameIdNumber, byNumber[number].Select(r => HouseholdQueries.View(r, clock.Today)).ToArray()));
        }
        foreach (var key in samePerson)
        {
            groups.Add(new DuplicateGroup(DuplicateReason.SameNameBirthDateAndPhone, byPerson[key].Select(r => HouseholdQueries.View(r, clock.Today)).ToArray()));
        }
        await audit.Record(AuditAction.Read, "resident", groups.SelectMany(g => g.Residents.Select(r => r.Id)), place.Path, $"duplicates under {place.Code}", ct);
        return groups.Take(take).ToList();
    }
}
