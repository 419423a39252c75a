using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Privacy;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Register;

/// <summary>Why two records are taken for one person.</summary>
public enum DuplicateReason
{
    /// <summary>The same identity document number.</summary>
    SameIdNumber,
    /// <summary>The same name, birth date and phone number.</summary>
    SameNameBirthDateAndPhone,
}

/// <summary>
/// A person already on the register. Inside the caller's jurisdiction it names the record; outside
/// it says only in which community the person is registered (a place name is not personal data).
/// </summary>
public sealed record DuplicateView(
    DuplicateReason Reason, long? ResidentId, string? Name, string? IdNumberMasked, long? HouseholdId, string? Room,
    long CommunityId, string CommunityNameZh, string CommunityNameEn);

/// <summary>Finds the people on the register that a new or changed record would duplicate.</summary>
public sealed class Duplicates(AppDb db, Caller caller)
{
    public async Task<List<DuplicateView>> Of(ResidentFacts facts, long? exceptResidentId, CancellationToken ct)
    {
        var onRegister = db.Residents().AsNoTracking().Where(Resident.OnRegister).Where(r => r.Id != exceptResidentId);
        var sameNumber = await onRegister.Where(r => r.IdNumber == facts.IdNumber && r.DocumentType == facts.DocumentType)
            .Select(r => new { r.Id, Reason = DuplicateReason.SameIdNumber }).Take(10).ToListAsync(ct);
        var samePerson = facts.Phone is null ? [] : await onRegister
            .Where(r => r.Name == facts.Name && r.BirthDate == facts.BirthDate && r.Phone == facts.Phone && r.IdNumber != facts.IdNumber)
            .Select(r => new { r.Id, Reason = DuplicateReason.SameNameBirthDateAndPhone }).Take(10).ToListAsync(ct);
        var found = sameNumber.Concat(samePerson).ToList();
        if (found.Count == 0)
        {
            return [];
        }
        var ids = found.Select(f => f.Id).ToArray();
        var rows = await (
            from r in db.Residents().AsNoTracking()
            join h in db.Households() on r.HouseholdId equals h.Id
            join b in db.Places() on h.BuildingId equals b.Id
            where ids.Contains(r.Id)
            select new { Resident = r, h.Room, Building = b }).ToListAsync(ct);
        var communities = await CommunitiesOf(rows.Select(r => r.Building), ct);
        var account = await caller.Account(ct);
        return found.Select(f =>
        {
            var row = rows.Single(r => r.Resident.Id == f.Id);
            var community = communities[row.Building.Id];
            var visible = account?.Covers(row.Building) == true;
            return new DuplicateView(f.Reason,
                visible ? row.Resident.Id : null, visible ? row.Resident.Name : null,
                visible ? Masking.IdNumber(row.Resident.IdNumber) : null, visible ? row.Resident.HouseholdId : null, visible ? row.Room : null,
                community.Id, community.NameZh, community.NameEn);
        }).ToList();
    }

    /// <summary>
    /// 409 naming the existing people when the facts would register someone twice; null when they would not.
    /// A person with the same ID number always blocks; one with the same name, birth date and phone only until
    /// the caller confirms that this is somebody else.
    /// </summary>
    public async Task<ProblemHttpResult?> Problem(ResidentFacts facts, long? exceptResidentId, bool confirmNotDuplicate, CancellationToken ct)
    {
        var found = await Of(facts, exceptResidentId, ct);
        var blocking = found.Where(d => d.Reason == DuplicateReason.SameIdNumber || !confirmNotDuplicate).ToList();
        if (blocking.Count == 0)
        {
            return null;
        }
        var sameNumber = blocking.Any(d => d.Reason == DuplicateReason.SameIdNumber);
        var field = sameNumber ? "idNumber" : "name";
        var problem = Problems.Conflict(field, sameNumber ? RegisterMessages.IdNumberRegistered : RegisterMessages.SamePersonRegistered);
        problem.ProblemDetails.Title = RegisterMessages.MayBeRegisteredTitle.ToString();
        problem.ProblemDetails.Extensions["duplicates"] = blocking;
        return problem;
    }

    /// <summary>The community or village of each building (the building's path names it).</summary>
    private async Task<Dictionary<long, Place>> CommunitiesOf(IEnumerable<Place> buildings, CancellationToken ct)
    {
        var list = buildings.DistinctBy(b => b.Id).ToList();
        var ancestorIds = list.SelectMany(b => PlacePath.Ids(b.Path)).Distinct().ToArray();
        var communities = await db.Places().AsNoTracking().Where(p => ancestorIds.Contains(p.Id) && (p.Kind == PlaceKind.Community || p.Kind == PlaceKind.Village)).ToListAsync(ct);
        return list.ToDictionary(b => b.Id, b => communities.FirstOrDefault(c => b.Path.StartsWith(c.Path, StringComparison.Ordinal)) ?? b);
    }
}
