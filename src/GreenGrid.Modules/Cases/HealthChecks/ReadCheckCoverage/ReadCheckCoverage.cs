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
internal sealed class ReadCheckCoverage(AppDb db, FeverFlags fever, IPlaceOccupancy occupancy, AuditLog audit)
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
            return Problems.Invalid("date", CaseMessages.DateLike);
        }
        if (day > clock.Today)
        {
            return Problems.Invalid("date", PlatformMessages.InFuture(day, clock.Today));
        }
        return await places.Find(id, ct) is { } place ? TypedResults.Ok(await checks.Handle(place, day, ct)) : Problems.NotFound(Places.PlaceMessages.NotFound(id));
    }

    public async Task<CoverageView> Handle(Place place, DateOnly day, CancellationToken ct) =>
        place.Kind == PlaceKind.Building ? await BuildingSheet(place, day, ct) : await ByRow(place, day, ct);

    /// <summary>
    /// The checks of the day that count under the place: the latest of each person on the register
    /// whose building (where they live now, not where the check was recorded) lies in the place and
    /// is in use (or is the place itself). One row per checked person, with their building and its path.
    /// </summary>
    private IQueryable<LatestCheck> LatestChecks(Place place, DateOnly day)
    {
        var buildings = db.Places().Where(PlacePath.Within(place.Path)).Where(p => p.Kind == PlaceKind.Building && (p.RetiredAt == null || p.Id == place.Id));
        var checks =
            from c in db.HealthChecks()
            where c.Day == day
            join r in RegisterReads.OnRegister(db) on c.ResidentId equals r.Id
            join h in RegisterReads.Households(db) on r.HouseholdId equals h.Id
            join b in buildings on h.BuildingId equals b.Id
            select new { c.Id, c.ResidentId, h.BuildingId, b.Path };
        // A person's checks all lead to the one building they live in: grouping by it too keeps it.
        return
            from latest in checks.GroupBy(c => new { c.ResidentId, c.BuildingId, c.Path }).Select(g => new { g.Key.BuildingId, g.Key.Path, Id = g.Max(c => c.Id), Count = g.Count() })
            join c in db.HealthChecks() on latest.Id equals c.Id
            select new LatestCheck { Check = c, Count = latest.Count, BuildingId = latest.BuildingId, BuildingPath = latest.Path };
    }

    private sealed class LatestCheck
    {
        public HealthCheck Check { get; init; } = null!;
        public int Count { get; init; }
        public long BuildingId { get; init; }
        public string BuildingPath { get; init; } = "";
    }

    /// <summary>A building: every resident on the register, with their latest check of the day.</summary>
    private async Task<CoverageView> BuildingSheet(Place place, DateOnly day, CancellationToken ct)
    {
        var people = await (
            from r in RegisterReads.OnRegister(db)
            join h in RegisterReads.Households(db) on r.HouseholdId equals h.Id
            where h.BuildingId == place.Id
            select new { r.Id, r.Name, r.HouseholdId, h.Room }).ToListAsync(ct);
        var byResident = (await LatestChecks(place, day).AsNoTracking().ToListAsync(ct)).ToDictionary(c => c.Check.ResidentId, c => (Latest: c.Check, c.Count));
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
        return new CoverageView(place.Id, place.Kind, day, people.Count, byResident.Count, byResident.Values.Count(c => c.Latest.Feverish), [], rows);
    }

    /// <summary>
    /// Compound and community: one row per building in use. Above: one row per child place in use.
    /// Only the people checked that day are read; how many live under each row comes from the
    /// register's counts kept in memory (<see cref="IPlaceOccupancy"/>).
    /// </summary>
    private async Task<CoverageView> ByRow(Place place, DateOnly day, CancellationToken ct)
    {
        var perBuilding = place.Kind.Level() >= PlaceKind.Community.Level();
        var depth = PlacePath.Ids(place.Path).Count;
        var latest = await LatestChecks(place, day).AsNoTracking()
            .Select(c => new { c.Check.ResidentId, c.Check.Feverish, c.BuildingId, c.BuildingPath }).ToListAsync(ct);
        var checkedOf = latest.GroupBy(c => perBuilding ? c.BuildingId : PlacePath.Ids(c.BuildingPath)[depth])
            .ToDictionary(g => g.Key, g => (Checked: g.Count(), Feverish: g.Count(c => c.Feverish)));

        List<(long Id, string NameZh, string NameEn, PlaceKind Kind, int Residents)> rowPlaces;
        int residents;
        if (perBuilding)
        {
            var buildings = await db.Places().AsNoTracking().Where(PlacePath.Within(place.Path)).Where(p => p.Kind == PlaceKind.Building && p.RetiredAt == null).ToListAsync(ct);
            rowPlaces = [];
            foreach (var building in buildings)
            {
                rowPlaces.Add((building.Id, building.NameZh, building.NameEn, PlaceKind.Building, (await occupancy.Count(building, ct)).Residents));
            }
            residents = rowPlaces.Sum(r => r.Residents);
        }
        else
        {
            var children = await db.Places().AsNoTracking().Where(p => p.ParentId == place.Id && p.RetiredAt == null).OrderBy(p => p.Code).ToListAsync(ct);
            rowPlaces = [];
            foreach (var child in children)
            {
                rowPlaces.Add((child.Id, child.NameZh, child.NameEn, child.Kind, (await occupancy.Count(child, ct)).Residents));
            }
            residents = (await occupancy.Count(place, ct)).Residents;
        }
        var coverageRows = rowPlaces.Select(p =>
        {
            var (done, feverish) = checkedOf.GetValueOrDefault(p.Id);
            return new CoverageRow(p.Id, p.NameZh, p.NameEn, p.Kind, p.Residents, done, feverish);
        }).OrderBy(r => r.Checked - r.Residents).ThenBy(r => r.NameZh, Components.Shared.NaturalOrder.Instance).ToArray();
        await audit.Record(AuditAction.Read, "health-check", [], place.Path, $"coverage of {day:yyyy-MM-dd} by {(perBuilding ? "building" : "place")}", ct);
        return new CoverageView(place.Id, place.Kind, day, residents, latest.Count, latest.Count(c => c.Feverish), coverageRows, null);
    }
}
