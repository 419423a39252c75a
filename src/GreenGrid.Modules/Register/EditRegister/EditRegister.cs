using System.Globalization;
using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Time;
using GreenGrid.Register.ReadHouseholds;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Register.EditRegister;

public sealed record CreateHouseholdRequest(long? BuildingId, string? Room);

public sealed record MoveHouseholdRequest(long? BuildingId);

/// <summary>
/// A resident's fields. <see cref="ConfirmNotDuplicate"/> registers a person who has the same
/// name, birth date and phone as someone already registered but is somebody else; a person with
/// the same ID number is never registered twice (merge or move the existing record instead).
/// </summary>
public sealed record ResidentRequest(
    string? Name, Sex? Sex, DateOnly? BirthDate, DocumentType? DocumentType, string? IdNumber, string? Phone,
    Relationship? Relationship, Residence? Residence, Vulnerability[]? Vulnerabilities, string? Note, bool ConfirmNotDuplicate = false)
{
    public ResidentInput ToInput() => new(Name, Sex, BirthDate, DocumentType, IdNumber, Phone, Relationship, Residence,
        Vulnerabilities?.Aggregate(Vulnerability.None, (all, v) => all | v), Note);
}

public sealed record MoveResidentRequest(long? HouseholdId);

public sealed record ResidentStatusRequest(ResidentStatus? Status, DateOnly? Date);

/// <summary>
/// Changes to the register, one person or household at a time, inside the caller's jurisdictions.
/// Every change is audited in the same transaction as the change; a record outside the
/// jurisdictions answers 404 as if it did not exist.
/// </summary>
public sealed class RegisterEditor(AppDb db, RegisterAccess access, Duplicates duplicates, AuditLog audit, CityClock clock)
{
    public async Task<Results<Created<HouseholdSummary>, ValidationProblem, ProblemHttpResult>> CreateHousehold(CreateHouseholdRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var room = errors.Text("room", request.Room, HouseholdRules.RoomMaxLength);
        var building = request.BuildingId is { } buildingId ? await access.Building(buildingId, ct) : null;
        if (building is null)
        {
            errors.Add("buildingId", request.BuildingId is null ? "is required" : $"building {request.BuildingId} does not exist");
        }
        else if (building.RetiredAt is not null)
        {
            errors.Add("buildingId", $"building {building.Id} is retired");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        if (await db.Households().AnyAsync(h => h.BuildingId == building!.Id && h.Room == room, ct))
        {
            return Problems.Conflict("room", $"room '{room}' of this building already has a household");
        }
        var household = new Household { BuildingId = building!.Id, Room = room! };
        db.Households().Add(household);
        await db.SaveChangesAsync(ct);
        await audit.Record(AuditAction.Create, "household", [household.Id], building.Path, $"room {room}", ct);
        return TypedResults.Created($"/api/v1/households/{household.Id}", new HouseholdSummary(household.Id, household.BuildingId, household.Room, 0));
    }

    public async Task<Results<Ok<HouseholdSummary>, ValidationProblem, ProblemHttpResult>> MoveHousehold(long id, MoveHouseholdRequest request, CancellationToken ct)
    {
        if (await access.Household(id, ct) is not var (household, from))
        {
            return Problems.NotFound("household", id);
        }
        var to = request.BuildingId is { } buildingId ? await access.Building(buildingId, ct) : null;
        if (to is null || to.RetiredAt is not null)
        {
            return Problems.Invalid("buildingId", request.BuildingId is null ? "is required" : $"building {request.BuildingId} does not exist");
        }
        if (await db.Households().AnyAsync(h => h.BuildingId == to.Id && h.Room == household.Room && h.Id != id, ct))
        {
            return Problems.Conflict("buildingId", $"room '{household.Room}' of building {to.Id} already has a household");
        }
        household.BuildingId = to.Id;
        await audit.Add(AuditAction.Move, "household", [id], to.Path, $"from building {from.Id} to {to.Id}", ct);
        await db.SaveChangesAsync(ct);
        var residents = await db.Residents().Where(Resident.OnRegister).CountAsync(r => r.HouseholdId == id, ct);
        return TypedResults.Ok(new HouseholdSummary(household.Id, household.BuildingId, household.Room, residents));
    }

    public async Task<Results<Created<ResidentView>, ValidationProblem, ProblemHttpResult>> AddResident(long householdId, ResidentRequest request, CancellationToken ct)
    {
        if (await access.Household(householdId, ct) is not var (household, building))
        {
            return Problems.NotFound("household", householdId);
        }
        var errors = new ValidationErrors();
        if (ResidentRules.Check(errors, request.ToInput(), clock.Today) is not { } facts)
        {
            return Problems.Invalid(errors);
        }
        if (await DuplicateProblem(facts, null, request.ConfirmNotDuplicate, ct) is { } duplicate)
        {
            return duplicate;
        }
        var resident = new Resident { HouseholdId = household.Id, Name = facts.Name, IdNumber = facts.IdNumber };
        facts.CopyTo(resident);
        db.Residents().Add(resident);
        await db.SaveChangesAsync(ct);
        await audit.Record(AuditAction.Create, "resident", [resident.Id], building.Path, $"in household {household.Id} ({household.Room})", ct);
        return TypedResults.Created($"/api/v1/residents/{resident.Id}", HouseholdQueries.View(resident, clock.Today));
    }

    public async Task<Results<Ok<ResidentView>, ValidationProblem, ProblemHttpResult>> UpdateResident(long id, ResidentRequest request, CancellationToken ct)
    {
        if (await access.Resident(id, ct) is not var (resident, _, building) || resident.MergedIntoId is not null)
        {
            return Problems.NotFound("resident", id);
        }
        var errors = new ValidationErrors();
        if (ResidentRules.Check(errors, request.ToInput(), clock.Today) is not { } facts)
        {
            return Problems.Invalid(errors);
        }
        var before = ResidentFacts.Of(resident);
        if (facts == before)
        {
            return TypedResults.Ok(HouseholdQueries.View(resident, clock.Today));
        }
        if (resident.Status == ResidentStatus.Present && await DuplicateProblem(facts, id, request.ConfirmNotDuplicate, ct) is { } duplicate)
        {
            return duplicate;
        }
        facts.CopyTo(resident);
        await audit.Add(AuditAction.Update, "resident", [id], building.Path, $"changed {string.Join(", ", ChangedFields(before, facts))}", ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(HouseholdQueries.View(resident, clock.Today));
    }

    public async Task<Results<Ok<ResidentView>, ValidationProblem, ProblemHttpResult>> MoveResident(long id, MoveResidentRequest request, CancellationToken ct)
    {
        if (await access.Resident(id, ct) is not var (resident, from, _) || resident.MergedIntoId is not null)
        {
            return Problems.NotFound("resident", id);
        }
        if (request.HouseholdId is not { } toId || await access.Household(toId, ct) is not var (to, toBuilding))
        {
            return Problems.Invalid("householdId", request.HouseholdId is null ? "is required" : $"household {request.HouseholdId} does not exist");
        }
        if (to.Id == from.Id)
        {
            return Problems.Conflict("householdId", "the resident already lives in this household");
        }
        resident.HouseholdId = to.Id;
        await audit.Add(AuditAction.Move, "resident", [id], toBuilding.Path, $"from household {from.Id} ({from.Room}) to {to.Id} ({to.Room})", ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(HouseholdQueries.View(resident, clock.Today));
    }

    public async Task<Results<Ok<ResidentView>, ValidationProblem, ProblemHttpResult>> SetStatus(long id, ResidentStatusRequest request, CancellationToken ct)
    {
        if (await access.Resident(id, ct) is not var (resident, _, building) || resident.MergedIntoId is not null)
        {
            return Problems.NotFound("resident", id);
        }
        var errors = new ValidationErrors();
        if (request.Status is not { } status)
        {
            errors.Add("status", "is required: present, movedOut or deceased");
            return Problems.Invalid(errors);
        }
        var date = request.Date;
        if (status != ResidentStatus.Present)
        {
            if (date is null)
            {
                errors.Add("date", "is required: the day the person moved out or died");
            }
            else if (date > clock.Today)
            {
                errors.Add("date", $"{date:yyyy-MM-dd} is in the future");
            }
            else if (date < resident.BirthDate)
            {
                errors.Add("date", $"{date:yyyy-MM-dd} is before the person's birth date");
            }
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        if (status == ResidentStatus.Present && resident.Status != ResidentStatus.Present
            && await DuplicateProblem(ResidentFacts.Of(resident), id, confirmNotDuplicate: false, ct) is { } duplicate)
        {
            return duplicate; // coming back must not make the person count twice
        }
        var was = resident.Status;
        resident.Status = status;
        resident.StatusDate = status == ResidentStatus.Present ? null : date;
        await audit.Add(AuditAction.Update, "resident", [id], building.Path,
            $"status {was} → {status}{(date is { } d && status != ResidentStatus.Present ? " on " + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "")}", ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(HouseholdQueries.View(resident, clock.Today));
    }

    /// <summary>409 naming the existing people when the facts would register someone twice; null when they would not.</summary>
    private async Task<ProblemHttpResult?> DuplicateProblem(ResidentFacts facts, long? exceptId, bool confirmNotDuplicate, CancellationToken ct)
    {
        var found = await duplicates.Of(facts, exceptId, ct);
        var blocking = found.Where(d => d.Reason == DuplicateReason.SameIdNumber || !confirmNotDuplicate).ToList();
        if (blocking.Count == 0)
        {
            return null;
        }
        var sameNumber = blocking.Any(d => d.Reason == DuplicateReason.SameIdNumber);
        var field = sameNumber ? "idNumber" : "name";
        var reason = sameNumber
            ? "this ID number is already registered: open the existing record to move or merge it"
            : "a person with the same name, birth date and phone is already registered: merge, or confirm that this is somebody else (confirmNotDuplicate)";
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [reason] })
        {
            Status = StatusCodes.Status409Conflict,
            Title = "This person may already be on the register.",
            Detail = $"{field}: {reason}",
        };
        problem.Extensions["duplicates"] = blocking;
        return TypedResults.Problem(problem);
    }

    private static IEnumerable<string> ChangedFields(ResidentFacts before, ResidentFacts after)
    {
        // Names of changed fields only: the values are personal data and stay out of the audit text.
        if (before.Name != after.Name) yield return "name";
        if (before.Sex != after.Sex) yield return "sex";
        if (before.BirthDate != after.BirthDate) yield return "birthDate";
        if (before.DocumentType != after.DocumentType) yield return "documentType";
        if (before.IdNumber != after.IdNumber) yield return "idNumber";
        if (before.Phone != after.Phone) yield return "phone";
        if (before.Relationship != after.Relationship) yield return "relationship";
        if (before.Residence != after.Residence) yield return "residence";
        if (before.Vulnerabilities != after.Vulnerabilities) yield return "vulnerabilities";
        if (before.Note != after.Note) yield return "note";
    }
}

/// <summary>The endpoints of <see cref="RegisterEditor"/>.</summary>
internal static class EditRegister
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/households", (CreateHouseholdRequest request, RegisterEditor editor, CancellationToken ct) => editor.CreateHousehold(request, ct))
            .WithName("CreateHousehold").WithSummary("Create a household in a room of a building.");
        api.MapPost("/households/{id:long}/move", (long id, MoveHouseholdRequest request, RegisterEditor editor, CancellationToken ct) => editor.MoveHousehold(id, request, ct))
            .WithSummary("Move a household, with its residents, to another building.");
        api.MapPost("/households/{id:long}/residents", (long id, ResidentRequest request, RegisterEditor editor, CancellationToken ct) => editor.AddResident(id, request, ct))
            .WithSummary("Register a resident in a household; a person already registered answers 409 with the existing records.");
        api.MapPut("/residents/{id:long}", (long id, ResidentRequest request, RegisterEditor editor, CancellationToken ct) => editor.UpdateResident(id, request, ct))
            .WithSummary("Correct a resident's fields.");
        api.MapPost("/residents/{id:long}/move", (long id, MoveResidentRequest request, RegisterEditor editor, CancellationToken ct) => editor.MoveResident(id, request, ct))
            .WithSummary("Move a resident to another household.");
        api.MapPost("/residents/{id:long}/status", (long id, ResidentStatusRequest request, RegisterEditor editor, CancellationToken ct) => editor.SetStatus(id, request, ct))
            .WithSummary("Mark a resident as moved out or deceased (or present again).");
    }
}

public static class HouseholdRules
{
    public const int RoomMaxLength = 64;
}
