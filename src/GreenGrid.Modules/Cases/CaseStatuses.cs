using GreenGrid.Platform;
using GreenGrid.Register;
using GreenGrid.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GreenGrid.Cases;

/// <summary>
/// The small public contract of the cases module for the others (gates, certification, supplies):
/// the state of people and households on a day, derived from the events. It checks no
/// jurisdiction: the calling module has already decided what its caller may see.
/// </summary>
[ModuleContract]
public sealed class CaseStatuses(AppDb db, IOptions<CasesOptions> options)
{
    public int ObservationDays => options.Value.ObservationDays;

    /// <summary>The state on <paramref name="day"/> of each of these residents (records merged into them included).</summary>
    public async Task<Dictionary<long, CaseState>> OfResidents(IReadOnlyCollection<long> residentIds, DateOnly day, CancellationToken ct)
    {
        var records = await RegisterReads.Records(db)
            .Where(r => residentIds.Contains(r.Id) || (r.MergedIntoId != null && residentIds.Contains(r.MergedIntoId.Value)))
            .Select(r => new { r.Id, Person = r.MergedIntoId ?? r.Id }).ToListAsync(ct);
        var personOf = records.ToDictionary(r => r.Id, r => r.Person);
        var recordIds = personOf.Keys.ToList();
        // All events, not only those up to the day: a correction recorded later still decides which earlier events count.
        var events = await db.CaseEvents().AsNoTracking().Where(e => recordIds.Contains(e.ResidentId)).ToListAsync(ct);
        var byPerson = events.ToLookup(e => personOf[e.ResidentId]);
        return residentIds.Distinct().ToDictionary(id => id, id => CaseHistory.StateAsOf(CaseHistory.InForce(byPerson[id]), day, ObservationDays));
    }

    /// <summary>Of these households, those with a member who is a case or under observation or management on <paramref name="day"/>.</summary>
    public async Task<HashSet<long>> HouseholdsUnderManagement(IReadOnlyCollection<long> householdIds, DateOnly day, CancellationToken ct)
    {
        var records = RegisterReads.Records(db);
        var members = await records
            .Where(r => householdIds.Contains(r.HouseholdId) && r.MergedIntoId == null)
            .Where(r => db.CaseEvents().Any(e => e.ResidentId == r.Id) || records.Any(m => m.MergedIntoId == r.Id))
            .Select(r => new { r.Id, r.HouseholdId }).ToListAsync(ct);
        var states = await OfResidents(members.Select(m => m.Id).ToList(), day, ct);
        return members.Where(m => CaseStateView.IsUnderManagement(states[m.Id], day, ObservationDays)).Select(m => m.HouseholdId).ToHashSet();
    }
}
