using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Register.ReadHouseholds;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Register.CreateHousehold;

public sealed record CreateHouseholdRequest(long? BuildingId, string? Room);

/// <summary>
/// Create a household in a free room of a live building inside the caller's jurisdictions (a building outside
/// them does not exist), audited.
/// </summary>
internal sealed class CreateHousehold(AppDb db, RegisterAccess access, AuditLog audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/households", (CreateHouseholdRequest request, CreateHousehold create, CancellationToken ct) => create.Handle(request, ct))
            .WithName("CreateHousehold").WithSummary("Create a household in a room of a building.");

    public async Task<Results<Created<HouseholdSummary>, ValidationProblem, ProblemHttpResult>> Handle(CreateHouseholdRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var room = errors.Text("room", request.Room, HouseholdRules.RoomMaxLength);
        var building = request.BuildingId is { } buildingId ? await access.Building(buildingId, ct) : null;
        if (building is null)
        {
            errors.Add("buildingId", request.BuildingId is { } givenBuilding ? RegisterMessages.BuildingNotFound(givenBuilding) : PlatformMessages.Required);
        }
        else if (building.RetiredAt is not null)
        {
            errors.Add("buildingId", RegisterMessages.BuildingRetired(building.Id));
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        if (await db.Households().AnyAsync(h => h.BuildingId == building!.Id && h.Room == room, ct))
        {
            return Problems.Conflict("room", RegisterMessages.RoomTakenHere(room));
        }
        var household = Household.Create(building!, room!);
        db.Households().Add(household);
        await db.SaveChangesAsync(ct);
        await audit.Record(AuditAction.Create, "household", [household.Id], building!.Path, $"room {room}", ct);
        return TypedResults.Created($"/api/v1/households/{household.Id}", new HouseholdSummary(household.Id, household.BuildingId, household.Room, 0));
    }
}
