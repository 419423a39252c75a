using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Privacy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Register.ReadHouseholds;

public sealed record HouseholdSummary(long Id, long BuildingId, string Room, int Residents);

/// <summary>A resident as most roles see them: ID and phone numbers masked.</summary>
public sealed record ResidentView(
    long Id, string Name, Sex Sex, DateOnly BirthDate, int Age, string IdNumberMasked, string? PhoneMasked,
    Relationship Relationship, Residence Residence, Vulnerability Vulnerabilities, bool IsSynthetic);

public sealed record HouseholdView(long Id, long BuildingId, string Room, ResidentView[] Residents);

/// <summary>Households of a building and the residents of a household.</summary>
public sealed class HouseholdQueries(AppDb db)
{
    public async Task<List<HouseholdSummary>> OfBuilding(long buildingId, CancellationToken ct = default) =>
        await db.Households.AsNoTracking().Where(h => h.BuildingId == buildingId)
            .OrderBy(h => h.Room)
            .Select(h => new HouseholdSummary(h.Id, h.BuildingId, h.Room, db.Residents.Count(r => r.HouseholdId == h.Id)))
            .ToListAsync(ct);

    public async Task<HouseholdView?> Find(long id, DateOnly today, CancellationToken ct = default)
    {
        var household = await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.Id == id, ct);
        if (household is null)
        {
            return null;
        }
        var residents = await db.Residents.AsNoTracking().Where(r => r.HouseholdId == id).ToListAsync(ct);
        // Head of household first, then spouse, children, …: the enum's order, not its stored name's.
        var ordered = residents.OrderBy(r => r.Relationship).ThenBy(r => r.BirthDate);
        return new HouseholdView(household.Id, household.BuildingId, household.Room, ordered.Select(r => View(r, today)).ToArray());
    }

    private static ResidentView View(Resident r, DateOnly today) => new(
        r.Id, r.Name, r.Sex, r.BirthDate, Age(r.BirthDate, today), Masking.IdNumber(r.IdNumber), Masking.Phone(r.Phone),
        r.Relationship, r.Residence, r.Vulnerabilities, r.IsSynthetic);

    public static int Age(DateOnly birth, DateOnly today) =>
        today.Year - birth.Year - (today < birth.AddYears(today.Year - birth.Year) ? 1 : 0);
}

internal static class ReadHouseholds
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/places/{buildingId:long}/households", OfBuilding).WithSummary("The households of a building.");
        api.MapGet("/households/{id:long}", Get).WithName("GetHousehold").WithSummary("A household and its residents (ID and phone numbers masked).");
    }

    private static async Task<Results<Ok<HouseholdSummary[]>, ProblemHttpResult>> OfBuilding(long buildingId, AppDb db, HouseholdQueries households, CancellationToken ct)
    {
        var building = await db.Places.AsNoTracking().FirstOrDefaultAsync(p => p.Id == buildingId, ct);
        if (building is null)
        {
            return Problems.NotFound("place", buildingId);
        }
        if (building.Kind != PlaceKind.Building)
        {
            return Problems.Conflict("buildingId", $"place {buildingId} is a {PlaceRules.KindName(building.Kind)}; households live in buildings");
        }
        return TypedResults.Ok((await households.OfBuilding(buildingId, ct)).ToArray());
    }

    private static async Task<Results<Ok<HouseholdView>, ProblemHttpResult>> Get(long id, HouseholdQueries households, Platform.Time.CityClock clock, CancellationToken ct) =>
        await households.Find(id, clock.Today, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound("household", id);
}
