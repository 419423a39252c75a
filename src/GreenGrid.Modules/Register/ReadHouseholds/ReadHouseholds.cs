using GreenGrid.Platform;
using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Privacy;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Register.ReadHouseholds;

public sealed record HouseholdSummary(long Id, long BuildingId, string Room, int Residents);

/// <summary>A resident as most roles see them: ID and phone numbers masked.</summary>
[ModuleContract]
public sealed record ResidentView(
    long Id, long HouseholdId, string Name, Sex Sex, DateOnly BirthDate, int Age, DocumentType DocumentType, string IdNumberMasked, string? PhoneMasked,
    Relationship Relationship, Residence Residence, Vulnerability Vulnerabilities, string? Note, ResidentStatus Status, DateOnly? StatusDate, bool IsSynthetic);

[ModuleContract]
public sealed record HouseholdView(long Id, long BuildingId, string Room, ResidentView[] Residents);

/// <summary>A resident's ID and phone numbers in full, for a role that needs them; every reveal is audited.</summary>
public sealed record RevealedNumbers(long ResidentId, string IdNumber, string? Phone);

/// <summary>
/// Households of a building and the residents of a household, inside the caller's jurisdictions
/// (a resident: their own household only). Every read of a household's people is audited.
/// </summary>
public sealed class HouseholdQueries(AppDb db, Caller caller, AuditLog audit)
{
    public async Task<List<HouseholdSummary>> OfBuilding(long buildingId, CancellationToken ct = default) =>
        await db.Households().AsNoTracking().Where(h => h.BuildingId == buildingId)
            .OrderBy(h => h.Room)
            .Select(h => new HouseholdSummary(h.Id, h.BuildingId, h.Room, db.Residents().Where(Register.Resident.OnRegister).Count(r => r.HouseholdId == h.Id)))
            .ToListAsync(ct);

    /// <summary>The household with its residents, or null when it does not exist or is not the caller's to see.</summary>
    public async Task<HouseholdView?> Find(long id, DateOnly today, CancellationToken ct = default)
    {
        var household = await db.Households().AsNoTracking().FirstOrDefaultAsync(h => h.Id == id, ct);
        if (household is null || await BuildingIfVisible(household, ct) is not { } building)
        {
            return null;
        }
        // Merged-away records live on inside the record they were merged into; people who left stay listed, marked.
        var residents = await db.Residents().AsNoTracking().Where(r => r.HouseholdId == id && r.MergedIntoId == null).ToListAsync(ct);
        await audit.Record(AuditAction.Read, "household", [id], building.Path, $"residents {string.Join(",", residents.Select(r => r.Id))}", ct);
        // Head of household first, then spouse, children, …: the enum's order, not its stored name's.
        var ordered = residents.OrderBy(r => r.Status).ThenBy(r => r.Relationship).ThenBy(r => r.BirthDate);
        return new HouseholdView(household.Id, household.BuildingId, household.Room, ordered.Select(r => View(r, today)).ToArray());
    }

    /// <summary>The full numbers of one resident, for a caller whose role may see them; audited.</summary>
    public async Task<RevealedNumbers?> Reveal(long residentId, CancellationToken ct = default)
    {
        var resident = await db.Residents().AsNoTracking().FirstOrDefaultAsync(r => r.Id == residentId, ct);
        var household = resident is null ? null : await db.Households().AsNoTracking().FirstAsync(h => h.Id == resident.HouseholdId, ct);
        if (resident is null || !await caller.Can(Permissions.RegisterReveal, ct) || await BuildingIfVisible(household!, ct) is not { } building)
        {
            return null;
        }
        await audit.Record(AuditAction.Reveal, "resident", [residentId], building.Path, "ID and phone numbers shown in full", ct);
        return new RevealedNumbers(resident.Id, resident.IdNumber, resident.Phone);
    }

    private async Task<Place?> BuildingIfVisible(Household household, CancellationToken ct)
    {
        var building = await db.Places().AsNoTracking().FirstAsync(p => p.Id == household.BuildingId, ct);
        if (await caller.Account(ct) is not { } account)
        {
            return null;
        }
        var ownHousehold = account.Role == Role.Resident && account.HouseholdId == household.Id;
        return ownHousehold || (account.Has(Permissions.RegisterRead) && account.Covers(building)) ? building : null;
    }

    /// <summary>One resident, audited as a read of their record.</summary>
    public async Task<ResidentView?> FindResident(long id, DateOnly today, CancellationToken ct = default)
    {
        var resident = await db.Residents().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        var household = resident is null ? null : await db.Households().AsNoTracking().FirstAsync(h => h.Id == resident.HouseholdId, ct);
        if (household is null || await BuildingIfVisible(household, ct) is not { } building)
        {
            return null;
        }
        await audit.Record(AuditAction.Read, "resident", [id], building.Path, null, ct);
        return View(resident!, today);
    }

    public static ResidentView View(Resident r, DateOnly today) => new(
        r.Id, r.HouseholdId, r.Name, r.Sex, r.BirthDate, Age(r.BirthDate, today), r.DocumentType, Masking.IdNumber(r.IdNumber), Masking.Phone(r.Phone),
        r.Relationship, r.Residence, r.Vulnerabilities, r.Note, r.Status, r.StatusDate, r.IsSynthetic);

    public static int Age(DateOnly birth, DateOnly today) =>
        today.Year - birth.Year - (today < birth.AddYears(today.Year - birth.Year) ? 1 : 0);
}

internal static class ReadHouseholds
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/places/{buildingId:long}/households", OfBuilding).WithSummary("The households of a building.");
        api.MapGet("/households/{id:long}", Get).WithName("GetHousehold").WithSummary("A household and its residents (ID and phone numbers masked).");
        api.MapGet("/residents/{id:long}", GetResident).WithName("GetResident").WithSummary("One resident (ID and phone numbers masked; audited).");
    }

    public static void MapReveal(RouteGroupBuilder api) =>
        api.MapPost("/residents/{id:long}/reveal", Reveal).WithSummary("One resident's ID and phone numbers in full (audited).");

    public static void MapOwn(RouteGroupBuilder api) =>
        api.MapGet("/me/household", Own).WithSummary("The signed-in resident's own household.");

    private static async Task<Results<Ok<HouseholdSummary[]>, ProblemHttpResult>> OfBuilding(long buildingId, PlaceQueries places, HouseholdQueries households, CancellationToken ct)
    {
        var building = await places.Find(buildingId, ct);
        if (building is null)
        {
            return Problems.NotFound(Places.PlaceMessages.NotFound(buildingId));
        }
        if (building.Kind != PlaceKind.Building)
        {
            return Problems.Conflict("buildingId", RegisterMessages.NotABuilding(buildingId, building.Kind));
        }
        return TypedResults.Ok((await households.OfBuilding(buildingId, ct)).ToArray());
    }

    private static async Task<Results<Ok<HouseholdView>, ProblemHttpResult>> Get(long id, HouseholdQueries households, CityClock clock, CancellationToken ct) =>
        await households.Find(id, clock.Today, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound(RegisterMessages.HouseholdNotFound(id));

    private static async Task<Results<Ok<ResidentView>, ProblemHttpResult>> GetResident(long id, HouseholdQueries households, CityClock clock, CancellationToken ct) =>
        await households.FindResident(id, clock.Today, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound(RegisterMessages.ResidentNotFound(id));

    private static async Task<Results<Ok<RevealedNumbers>, ProblemHttpResult>> Reveal(long id, HouseholdQueries households, CancellationToken ct) =>
        await households.Reveal(id, ct) is { } numbers ? TypedResults.Ok(numbers) : Problems.NotFound(RegisterMessages.ResidentNotFound(id));

    private static async Task<Results<Ok<HouseholdView>, ProblemHttpResult>> Own(Caller caller, HouseholdQueries households, CityClock clock, CancellationToken ct) =>
        (await caller.Account(ct))?.HouseholdId is { } id && await households.Find(id, clock.Today, ct) is { } view
            ? TypedResults.Ok(view)
            : Problems.NotFound(RegisterMessages.NoHouseholdOfAccount);
}
