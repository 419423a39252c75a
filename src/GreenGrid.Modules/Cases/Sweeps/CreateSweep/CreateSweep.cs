using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Cases.Sweeps.CreateSweep;

public sealed record CreateSweepRequest(string? Name, DateOnly? From, DateOnly? To, long? PlaceId, long[]? BuildingIds = null);

/// <summary>Create a sweep for a place of the caller's jurisdiction, over its buildings (all of them, or those named).</summary>
internal sealed class CreateSweep(AppDb db, Caller caller, PlaceQueries places, CityClock clock, AuditLog audit)
{
    /// <summary>A sweep is a campaign of days, not a standing task.</summary>
    public const int MaxDays = 60;

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/sweeps", (CreateSweepRequest request, CreateSweep sweeps, CancellationToken ct) => sweeps.Handle(request, ct))
            .WithSummary("Create a sweep: name, from/to dates, a place of the caller's jurisdiction and its buildings (all of them when buildingIds is empty).");

    public async Task<Results<Created<SweepView>, ValidationProblem>> Handle(CreateSweepRequest request, CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        var errors = new ValidationErrors();
        var name = errors.Text("name", request.Name, SweepDbConfig.NameMaxLength);
        if (request.From is null)
        {
            errors.Add("from", PlatformMessages.Required);
        }
        if (request.To is null)
        {
            errors.Add("to", PlatformMessages.Required);
        }
        else if (request.From is { } f && request.To < f)
        {
            errors.Add("to", CaseMessages.ToBeforeFrom(f));
        }
        else if (request.From is { } f2 && request.To.Value.DayNumber - f2.DayNumber > MaxDays)
        {
            errors.Add("to", CaseMessages.SweepTooLong(MaxDays));
        }
        Place? place = null;
        if (request.PlaceId is not { } placeId)
        {
            errors.Add("placeId", PlatformMessages.Required);
        }
        else if ((place = await places.Find(placeId, ct)) is null)
        {
            errors.Add("placeId", Places.PlaceMessages.NotFound(placeId));
        }
        else if (place.Kind == PlaceKind.Building)
        {
            errors.Add("placeId", CaseMessages.SweepPlaceTooLow);
        }
        var buildings = new List<Place>();
        if (place is not null)
        {
            var under = await db.Places().AsNoTracking().Where(PlacePath.Within(place.Path)).Where(p => p.Kind == PlaceKind.Building && p.RetiredAt == null).ToListAsync(ct);
            if (request.BuildingIds is not { Length: > 0 } wanted)
            {
                buildings = under;
            }
            else
            {
                var byId = under.ToDictionary(b => b.Id);
                var seen = new HashSet<long>();
                for (var i = 0; i < wanted.Length; i++)
                {
                    if (!byId.TryGetValue(wanted[i], out var building) || !account.Covers(building))
                    {
                        errors.Add($"buildingIds[{i}]", CaseMessages.NotABuildingUnder(wanted[i], place.Id));
                    }
                    else if (seen.Add(building.Id))
                    {
                        buildings.Add(building);
                    }
                }
            }
            if (buildings.Count == 0 && !errors.Has("placeId"))
            {
                errors.Add("buildingIds", CaseMessages.SweepHasNoBuilding);
            }
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        var sweep = Sweep.Open(name!, request.From!.Value, request.To!.Value, place!, account.Id, clock.UtcNow);
        db.Add(sweep);
        await db.SaveChangesAsync(ct);
        db.AddRange(sweep.Cover(buildings));
        await audit.Add(AuditAction.Create, "sweep", [sweep.Id], place!.Path, $"{buildings.Count} buildings", ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/sweeps/{sweep.Id}", new SweepView(sweep.Id, sweep.Name, sweep.FromDate, sweep.ToDate, place.Id, place.NameZh, place.NameEn, buildings.Count, sweep.CreatedAt));
    }
}
