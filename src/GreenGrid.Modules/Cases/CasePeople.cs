using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Register;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Cases;

/// <summary>A person whose history is asked for: the register record, where they live, and the records merged into it.</summary>
public sealed record CasePerson(long Id, string Name, DateOnly BirthDate, long HouseholdId, long BuildingId, string BuildingPath, long[] RecordIds);

/// <summary>
/// Reads people and their events for the cases module. A record merged into another one has no
/// history of its own any more: its events count for the record it was merged into.
/// </summary>
public sealed class CasePeople(AppDb db)
{
    /// <summary>The person (not merged away), or null. One round trip: the person and the records merged into them come as rows of one query.</summary>
    public async Task<CasePerson?> Find(long residentId, CancellationToken ct)
    {
        var rows = await (
            from r in RegisterReads.Records(db)
            where (r.Id == residentId && r.MergedIntoId == null) || r.MergedIntoId == residentId
            join h in RegisterReads.Households(db) on r.HouseholdId equals h.Id
            join b in db.Places() on h.BuildingId equals b.Id
            select new { r.Id, r.Name, r.BirthDate, r.HouseholdId, h.BuildingId, b.Path, r.MergedIntoId }).ToListAsync(ct);
        if (rows.FirstOrDefault(x => x.Id == residentId && x.MergedIntoId == null) is not { } found)
        {
            return null;
        }
        var merged = rows.Where(x => x.MergedIntoId == residentId).Select(x => x.Id).Order();
        return new CasePerson(found.Id, found.Name, found.BirthDate, found.HouseholdId, found.BuildingId, found.Path, [found.Id, .. merged]);
    }

    /// <summary>Many people at once (for a batch), keyed by resident id; missing and merged-away ids are left out.</summary>
    public async Task<Dictionary<long, CasePerson>> FindMany(IReadOnlyCollection<long> residentIds, CancellationToken ct)
    {
        var found = await (
            from r in RegisterReads.Records(db)
            where residentIds.Contains(r.Id) && r.MergedIntoId == null
            join h in RegisterReads.Households(db) on r.HouseholdId equals h.Id
            join b in db.Places() on h.BuildingId equals b.Id
            select new { r.Id, r.Name, r.BirthDate, r.HouseholdId, h.BuildingId, b.Path }).ToListAsync(ct);
        var ids = found.Select(f => f.Id).ToList();
        var merged = (await RegisterReads.Records(db).Where(r => r.MergedIntoId != null && ids.Contains(r.MergedIntoId!.Value))
            .Select(r => new { r.Id, Into = r.MergedIntoId!.Value }).ToListAsync(ct)).ToLookup(m => m.Into, m => m.Id);
        return found.ToDictionary(f => f.Id, f => new CasePerson(f.Id, f.Name, f.BirthDate, f.HouseholdId, f.BuildingId, f.Path, [f.Id, .. merged[f.Id]]));
    }

    /// <summary>
    /// The person's events (as <see cref="Events"/>) and, in the same round trip, the event the
    /// account recorded under <paramref name="idempotencyKey"/> if any (of this person or not).
    /// </summary>
    public async Task<(List<CaseEvent> History, CaseEvent? Replay)> EventsAndReplay(CasePerson person, long accountId, string? idempotencyKey, CancellationToken ct)
    {
        if (idempotencyKey is null)
        {
            return (await Events(person, ct), null);
        }
        var rows = await db.CaseEvents().AsNoTracking()
            .Where(e => person.RecordIds.Contains(e.ResidentId) || (e.RecordedById == accountId && e.IdempotencyKey == idempotencyKey))
            .OrderBy(e => e.Id).ToListAsync(ct);
        var replay = rows.FirstOrDefault(e => e.RecordedById == accountId && e.IdempotencyKey == idempotencyKey);
        return ([.. rows.Where(e => person.RecordIds.Contains(e.ResidentId))], replay);
    }

    /// <summary>The events of many people (as <see cref="Events"/>) in one round trip, keyed by person id.</summary>
    public async Task<Dictionary<long, List<CaseEvent>>> EventsOfMany(IReadOnlyCollection<CasePerson> persons, CancellationToken ct)
    {
        var owner = persons.SelectMany(p => p.RecordIds.Select(r => (Record: r, Person: p.Id))).ToDictionary(x => x.Record, x => x.Person);
        var recordIds = owner.Keys.ToList();
        var rows = await db.CaseEvents().AsNoTracking().Where(e => recordIds.Contains(e.ResidentId)).OrderBy(e => e.Id).ToListAsync(ct);
        var histories = persons.ToDictionary(p => p.Id, _ => new List<CaseEvent>());
        foreach (var e in rows)
        {
            histories[owner[e.ResidentId]].Add(e);
        }
        return histories;
    }

    /// <summary>Every event of the person's records, in force or not, in the order they were recorded.</summary>
    public async Task<List<CaseEvent>> Events(CasePerson person, CancellationToken ct) =>
        await db.CaseEvents().AsNoTracking().Where(e => person.RecordIds.Contains(e.ResidentId)).OrderBy(e => e.Id).ToListAsync(ct);
}
