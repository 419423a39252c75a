using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Time;
using GreenGrid.Register;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Cases.Sweeps.ReadSweepHouseholds;

/// <summary>A household of a sweep building with its latest visit, for the visit form.</summary>
public sealed record SweepHousehold(long HouseholdId, string Room, int Residents, VisitOutcome? LastOutcome, DateOnly? LastVisit, SweepMember[] Members);

public sealed record SweepMember(long ResidentId, string Name, CaseCategory Category, CaseEventType[] PossibleFindings);

/// <summary>The households of one sweep building with their latest visit and members (names and what could be found), for the visit form. Audited.</summary>
internal sealed class ReadSweepHouseholds(AppDb db, VisibleSweeps visible, CaseStatuses statuses, CityClock clock, AuditLog audit)
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/sweeps/{id:long}/households", Endpoint)
            .WithSummary("The households of one building of the sweep (?buildingId=) with their latest visit and members, for the visit form.");

    private static async Task<Results<Ok<List<SweepHousehold>>, ValidationProblem, ProblemHttpResult>> Endpoint(long id, long? buildingId, ReadSweepHouseholds sweeps, CancellationToken ct)
    {
        if (buildingId is not { } building)
        {
            return Problems.Invalid("buildingId", PlatformMessages.Required);
        }
        return await sweeps.Handle(id, building, ct) is { } list ? TypedResults.Ok(list) : Problems.NotFound(CaseMessages.SweepBuildingNotFound(id, building));
    }

    public async Task<List<SweepHousehold>?> Handle(long id, long buildingId, CancellationToken ct)
    {
        if (!await (await visible.Buildings(ct)).AnyAsync(b => b.SweepId == id && b.BuildingId == buildingId, ct))
        {
            return null;
        }
        var households = await RegisterReads.Households(db).Where(h => h.BuildingId == buildingId).ToListAsync(ct);
        var householdIds = households.Select(h => h.Id).ToList();
        var members = await RegisterReads.OnRegister(db).Where(r => householdIds.Contains(r.HouseholdId))
            .Select(r => new { r.Id, r.Name, r.HouseholdId }).ToListAsync(ct);
        var visits = await db.SweepVisits().AsNoTracking().Where(v => v.SweepId == id && v.BuildingId == buildingId).ToListAsync(ct);
        var today = clock.Today;
        var states = await statuses.OfResidents(members.Select(m => m.Id).ToList(), today, ct);
        await audit.Record(AuditAction.Read, "resident", members.Select(m => m.Id), households.Count > 0 ? (await db.Places().AsNoTracking().Where(p => p.Id == buildingId).Select(p => p.Path).FirstAsync(ct)) : null, $"sweep {id} households", ct);
        return households.Where(h => members.Any(m => m.HouseholdId == h.Id)).Select(h =>
        {
            var last = visits.Where(v => v.HouseholdId == h.Id).MaxBy(v => v.Id);
            var people = members.Where(m => m.HouseholdId == h.Id).OrderBy(m => m.Id).Select(m => new SweepMember(m.Id, m.Name, states[m.Id].Category(today, statuses.ObservationDays),
                [.. CaseHistory.Possible(states[m.Id], today, statuses.ObservationDays).Where(Sweep.FindingTypes.Contains)])).ToArray();
            return new SweepHousehold(h.Id, h.Room, people.Length, last?.Outcome, last?.Day, people);
        }).OrderBy(h => h.Room, Components.Shared.NaturalOrder.Instance).ToList();
    }
}
