using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Time;
using GreenGrid.Register;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Cases.HealthChecks.ReadCheckCoverage;

/// <summary>A place's health checks on one day: for a building, every resident (People); above, one row per building or child place.</summary>
public sealed record CoverageView(long PlaceId, PlaceKind Kind, DateOnly Day, int Residents, int Checked, int Feverish, CoverageRow[] Rows, CoveragePerson[]? People)
{
    public int Unchecked => Residents - Checked;
}

public sealed record CoverageRow(long PlaceId, string NameZh, string NameEn, PlaceKind Kind, int Residents, int Checked, int Feverish);

/// <summary>A resident on a building's sheet: the latest check of the day, if any.</summary>
public sealed record CoveragePerson(
    long ResidentId, long HouseholdId, string Room, string Name, bool Checked, decimal? Temperature, Symptom[] Symptoms, bool Feverish,
    DateTime? CheckedAt, string? CheckedBy, int ChecksThatDay, bool NeedsFeverReport);

/// <summary>
/// The coverage of a place on a day: who of the people on the register was checked (the latest
/// check of the day counts). Callers check the place with <see cref="PlaceQueries.Find"/> first. Audited.
/// </summary>
internal sealed class ReadCheckCoverage(AppDb db, FeverFlags fever, AuditLog audit)
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/places/{id:long}/health-checks/coverage", Endpoint)
            .WithSummary("Health-check coverage on a day (?date=yyyy-MM-dd, default today): for a building every resident on the register and their latest check; for a compound or community one row per building; above, one row per child place.");

    private static async Task<Results<Ok<CoverageView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        long id, string? date, PlaceQueries places, ReadCheckCoverage checks, CityClock clock, CancellationToken ct)
    {
        var day = clock.Today;
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", out day))
        {
            return Problems.Invalid("date", "must be a date like 2020-02-28");
        }
        if (day > clock.Today)
        {
            return Problems.Invalid("date", $"{day:yyyy-MM-dd} is in the future (today is {clock.Today:yyyy-MM-dd})");
        }
        return await places.Find(id, ct) is { } place ? TypedResults.Ok(await checks.Handle(place, day, ct)) : Problems.NotFound("place", id);
    }

    public async Task<CoverageView> Handle(Place place, DateOnly day, CancellationToken ct)
    {
        var buildings = await db.Places().AsNoTracking().Where(PlacePath.Within(place.Path))
            .Where(p => p.Kind == PlaceKind.Building && (p.RetiredAt == null || p.Id == place.Id))
            .Select(p => new { p.Id, p.Path, p.NameZh, p.NameEn }).ToListAsync(ct);
        var buildingIds = buildings.Select(b => b.Id).ToList();
        var people = await (
            from r in RegisterReads.OnRegister(db)
            join h in RegisterReads.Households(db) on r.HouseholdId equals h.Id
            where buildingIds.Contains(h.BuildingId)
            select new { r.Id, r.Name, r.HouseholdId, h.Room, h.BuildingId }).ToListAsync(ct);
        var checks = await (
            from c in db.HealthChecks().AsNoTracking()
            where c.Day == day
            join r in RegisterReads.OnRegister(db) on c.ResidentId equals r.Id
            join h in RegisterReads.Households(db) on r.HouseholdId equals h.Id
            where buildingIds.Contains(h.BuildingId)
            select c).ToListAsync(ct);
        var byResident = checks.GroupBy(c => c.ResidentId).ToDictionary(g => g.Key, g => (Latest: g.MaxBy(c => c.Id)!, Count: g.Count()));
        int Feverish(IEnumerable<long> ids) => ids.Count(id => byResident.TryGetValue(id, out var c) && c.Latest.Feverish);

        if (place.Kind == PlaceKind.Building)
        {
            var names = people.ToDictionary(p => p.Id, p => p.Name);
            var flags = (await fever.Of(byResident.Values.Select(v => v.Latest).ToList(), names, ct)).Select(f => f.ResidentId).ToHashSet();
            var recorderIds = byResident.Values.Select(v => v.Latest.RecordedById).Distinct().ToList();
            var recorders = await db.Users.AsNoTracking().Where(u => recorderIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
            var rows = people.Select(p => byResident.TryGetValue(p.Id, out var c)
                    ? new CoveragePerson(p.Id, p.HouseholdId, p.Room, p.Name, true, c.Latest.Temperature, HealthCheckRules.Parse(c.Latest.Symptoms), c.Latest.Feverish,
                        c.Latest.RecordedAt, recorders.GetValueOrDefault(c.Latest.RecordedById), c.Count, flags.Contains(p.Id))
                    : new CoveragePerson(p.Id, p.HouseholdId, p.Room, p.Name, false, null, [], false, null, null, 0, false))
                .OrderBy(p => p.Room, Components.Shared.NaturalOrder.Instance).ThenBy(p => p.ResidentId).ToArray();
            await audit.Record(AuditAction.Read, "health-check", people.Select(p => p.Id), place.Path, $"coverage of {day:yyyy-MM-dd}", ct);
            return new CoverageView(place.Id, place.Kind, day, people.Count, byResident.Count, Feverish(byResident.Keys), [], rows);
        }
        // Compound and community: one row per building. Above: one row per child place.
        var perBuilding = place.Kind.Level() >= PlaceKind.Community.Level();
        var depth = PlacePath.Ids(place.Path).Count;
        var groupOf = buildings.ToDictionary(b => b.Id, b => perBuilding ? b.Id : PlacePath.Ids(b.Path)[depth]);
        var groups = people.GroupBy(p => groupOf[p.BuildingId]).ToDictionary(g => g.Key, g => g.Select(p => p.Id).ToList());
        var rowPlaces = perBuilding
            ? buildings.Select(b => (b.Id, b.NameZh, b.NameEn, Kind: PlaceKind.Building)).ToList()
            : (await db.Places().AsNoTracking().Where(p => p.ParentId == place.Id && p.RetiredAt == null).OrderBy(p => p.Code)
                .Select(p => new { p.Id, p.NameZh, p.NameEn, p.Kind }).ToListAsync(ct)).Select(p => (p.Id, p.NameZh, p.NameEn, p.Kind)).ToList();
        var coverageRows = rowPlaces.Select(p =>
        {
            var ids = groups.GetValueOrDefault(p.Id) ?? [];
            return new CoverageRow(p.Id, p.NameZh, p.NameEn, p.Kind, ids.Count, ids.Count(byResident.ContainsKey), Feverish(ids));
        }).OrderBy(r => r.Checked - r.Residents).ThenBy(r => r.NameZh, Components.Shared.NaturalOrder.Instance).ToArray();
        await audit.Record(AuditAction.Read, "health-check", [], place.Path, $"coverage of {day:yyyy-MM-dd} by {(perBuilding ? "building" : "place")}", ct);
        return new CoverageView(place.Id, place.Kind, day, people.Count, byResident.Count, Feverish(byResident.Keys), coverageRows, null);
    }
}
