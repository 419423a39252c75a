using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Register.ReadHouseholds;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Register.MoveHousehold;

public sealed record MoveHouseholdRequest(long? BuildingId);

/// <summary>
/// Move a household, with its residents, to another live building inside the caller's jurisdictions where its
/// room is free, audited in the same commit.
/// </summary>
internal sealed class MoveHousehold(AppDb db, RegisterAccess access, AuditLog audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/households/{id:long}/move", (long id, MoveHouseholdRequest request, MoveHousehold move, CancellationToken ct) => move.Handle(id, request, ct))
            .WithSummary("Move a household, with its residents, to another building.");

    public async Task<Results<Ok<HouseholdSummary>, ValidationProblem, ProblemHttpResult>> Handle(long id, MoveHouseholdRequest request, CancellationToken ct)
    {
        if (await access.Household(id, ct) is not var (household, from))
        {
            return Problems.NotFound(RegisterMessages.HouseholdNotFound(id));
        }
        var to = request.BuildingId is { } buildingId ? await access.Building(buildingId, ct) : null;
        if (to is null || to.RetiredAt is not null)
        {
            return Problems.Invalid("buildingId", request.BuildingId is { } givenBuilding ? RegisterMessages.BuildingNotFound(givenBuilding) : PlatformMessages.Required);
        }
        if (await db.Households().AnyAsync(h => h.BuildingId == to.Id && h.Room == household.Room && h.Id != id, ct))
        {
            return Problems.Conflict("buildingId", RegisterMessages.RoomTaken(household.Room, to.Id));
        }
        household.MoveTo(to);
        await audit.Add(AuditAction.Move, "household", [id], to.Path, $"from building {from.Id} to {to.Id}", ct);
        await db.SaveChangesAsync(ct);
        var residents = await db.Residents().Where(Resident.OnRegister).CountAsync(r => r.HouseholdId == id, ct);
        return TypedResults.Ok(new HouseholdSummary(household.Id, household.BuildingId, household.Room, residents));
    }
}
