using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Register;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Cases.Sweeps.ReadSweepCoverage;

/// <summary>Findings of a sweep by the category they were reported in (people, not visits).</summary>
public sealed record FindingTotals(int Confirmed, int Asymptomatic, int Suspected, int Fever, int CloseContact)
{
    public int Total => Confirmed + Asymptomatic + Suspected + Fever + CloseContact;

    public static FindingTotals Of(IEnumerable<CaseEventType> types)
    {
        var list = types.ToList();
        return new(list.Count(t => t == CaseEventType.Confirmed), list.Count(t => t == CaseEventType.Asymptomatic), list.Count(t => t == CaseEventType.Suspected),
            list.Count(t => t == CaseEventType.Fever), list.Count(t => t == CaseEventType.CloseContact));
    }
}

/// <summary>A building of a sweep: households on the register, how many were reached (someone answered), not at home (only), refused.</summary>
public sealed record SweepBuildingCoverage(long BuildingId, string NameZh, string NameEn, int Households, int Visited, int NotAtHome, int Refused, FindingTotals Findings);

public sealed record SweepCoverage(SweepView Sweep, int Households, int Visited, int NotAtHome, FindingTotals Findings, SweepBuildingCoverage[] Buildings);

/// <summary>
/// The coverage of a sweep over the buildings the caller covers: households reached of those with
/// someone on the register, and the findings still in force. Audited.
/// </summary>
internal sealed class ReadSweepCoverage(AppDb db, VisibleSweeps visible, AuditLog audit)
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/sweeps/{id:long}/coverage", async Task<Results<Ok<SweepCoverage>, ProblemHttpResult>> (long id, ReadSweepCoverage sweeps, CancellationToken ct) =>
                await sweeps.Handle(id, ct) is { } coverage ? TypedResults.Ok(coverage) : Problems.NotFound(CaseMessages.SweepNotFound(id)))
            .WithSummary("Coverage per building (households reached / households on the register, not at home, refused) and the findings by category.");

    public async Task<SweepCoverage?> Handle(long id, CancellationToken ct)
    {
        if (await visible.Find(id, ct) is not { } sweep)
        {
            return null;
        }
        var buildings = await (from sb in await visible.Buildings(ct) where sb.SweepId == id join p in db.Places() on sb.BuildingId equals p.Id select p).ToListAsync(ct);
        var buildingIds = buildings.Select(b => b.Id).ToList();
        var onRegister = RegisterReads.OnRegister(db);
        var households = await RegisterReads.Households(db).Where(h => buildingIds.Contains(h.BuildingId))
            .Where(h => onRegister.Any(r => r.HouseholdId == h.Id))
            .Select(h => new { h.Id, h.BuildingId }).ToListAsync(ct);
        var visits = await db.SweepVisits().AsNoTracking().Where(v => v.SweepId == id && buildingIds.Contains(v.BuildingId)).ToListAsync(ct);
        var findings = await Findings(visits, ct);
        var lastByHousehold = visits.GroupBy(v => v.HouseholdId).ToDictionary(g => g.Key, g => g.ToList());
        var rows = buildings.Select(b =>
        {
            var ofBuilding = households.Where(h => h.BuildingId == b.Id).Select(h => h.Id).ToList();
            var reached = ofBuilding.Count(h => lastByHousehold.TryGetValue(h, out var vs) && vs.Any(v => v.Outcome != VisitOutcome.NotAtHome));
            var notAtHome = ofBuilding.Count(h => lastByHousehold.TryGetValue(h, out var vs) && vs.All(v => v.Outcome == VisitOutcome.NotAtHome));
            var refused = ofBuilding.Count(h => lastByHousehold.TryGetValue(h, out var vs) && vs.MaxBy(v => v.Id)!.Outcome == VisitOutcome.Refused);
            return new SweepBuildingCoverage(b.Id, b.NameZh, b.NameEn, ofBuilding.Count, reached, notAtHome, refused,
                FindingTotals.Of(findings.Where(f => f.BuildingId == b.Id).Select(f => f.Type)));
        }).OrderBy(r => r.NameZh, Components.Shared.NaturalOrder.Instance).ToArray();
        await audit.Record(AuditAction.Read, "sweep", [id], buildings.FirstOrDefault()?.Path, "coverage", ct);
        return new SweepCoverage(sweep, rows.Sum(r => r.Households), rows.Sum(r => r.Visited), rows.Sum(r => r.NotAtHome), FindingTotals.Of(findings.Select(f => f.Type)), rows);
    }

    /// <summary>The findings of these visits that are still in force (a corrected or retracted finding no longer counts), one per person and type.</summary>
    private async Task<List<(long BuildingId, CaseEventType Type)>> Findings(List<SweepVisit> visits, CancellationToken ct)
    {
        var ids = visits.SelectMany(v => v.EventIds()).ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        var buildingOf = visits.SelectMany(v => v.EventIds().Select(e => (e, v.BuildingId))).ToDictionary(x => x.e, x => x.BuildingId);
        var events = await db.CaseEvents().AsNoTracking().Where(e => ids.Contains(e.Id) && !db.CaseEvents().Any(x => x.SupersedesId == e.Id))
            .Select(e => new { e.Id, e.ResidentId, e.Type }).ToListAsync(ct);
        return events.DistinctBy(e => (e.ResidentId, e.Type)).Select(e => (buildingOf[e.Id], e.Type)).ToList();
    }
}
