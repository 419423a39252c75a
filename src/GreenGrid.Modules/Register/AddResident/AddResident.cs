using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Time;
using GreenGrid.Register.ReadHouseholds;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenGrid.Register.AddResident;

/// <summary>
/// Register a person in a household inside the caller's jurisdictions, audited. A person already on the
/// register answers 409 with the existing records (<see cref="Duplicates.Problem"/>).
/// </summary>
internal sealed class AddResident(AppDb db, RegisterAccess access, Duplicates duplicates, AuditLog audit, CityClock clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/households/{id:long}/residents", (long id, ResidentRequest request, AddResident add, CancellationToken ct) => add.Handle(id, request, ct))
            .WithSummary("Register a resident in a household; a person already registered answers 409 with the existing records.");

    public async Task<Results<Created<ResidentView>, ValidationProblem, ProblemHttpResult>> Handle(long householdId, ResidentRequest request, CancellationToken ct)
    {
        if (await access.Household(householdId, ct) is not var (household, building))
        {
            return Problems.NotFound(RegisterMessages.HouseholdNotFound(householdId));
        }
        var errors = new ValidationErrors();
        if (ResidentRules.Check(errors, request.ToInput(), clock.Today) is not { } facts)
        {
            return Problems.Invalid(errors);
        }
        if (await duplicates.Problem(facts, null, request.ConfirmNotDuplicate, ct) is { } duplicate)
        {
            return duplicate;
        }
        var resident = Resident.Register(household.Id, facts);
        db.Residents().Add(resident);
        await db.SaveChangesAsync(ct);
        await audit.Record(AuditAction.Create, "resident", [resident.Id], building.Path, $"in household {household.Id} ({household.Room})", ct);
        return TypedResults.Created($"/api/v1/residents/{resident.Id}", HouseholdQueries.View(resident, clock.Today));
    }
}
