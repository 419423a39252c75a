using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Time;
using GreenGrid.Register.ReadHouseholds;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenGrid.Register.MoveResident;

public sealed record MoveResidentRequest(long? HouseholdId);

/// <summary>Move a resident to another household, both inside the caller's jurisdictions, audited in the same commit.</summary>
internal sealed class MoveResident(AppDb db, RegisterAccess access, AuditLog audit, CityClock clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/residents/{id:long}/move", (long id, MoveResidentRequest request, MoveResident move, CancellationToken ct) => move.Handle(id, request, ct))
            .WithSummary("Move a resident to another household.");

    public async Task<Results<Ok<ResidentView>, ValidationProblem, ProblemHttpResult>> Handle(long id, MoveResidentRequest request, CancellationToken ct)
    {
        if (await access.Resident(id, ct) is not var (resident, from, _) || resident.MergedIntoId is not null)
        {
            return Problems.NotFound(RegisterMessages.ResidentNotFound(id));
        }
        if (request.HouseholdId is not { } toId || await access.Household(toId, ct) is not var (to, toBuilding))
        {
            return Problems.Invalid("householdId", request.HouseholdId is { } givenHousehold ? RegisterMessages.HouseholdNotFound(givenHousehold) : PlatformMessages.Required);
        }
        if (to.Id == from.Id)
        {
            return Problems.Conflict("householdId", RegisterMessages.AlreadyInHousehold);
        }
        resident.MoveTo(to);
        await audit.Add(AuditAction.Move, "resident", [id], toBuilding.Path, $"from household {from.Id} ({from.Room}) to {to.Id} ({to.Room})", ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(HouseholdQueries.View(resident, clock.Today));
    }
}
