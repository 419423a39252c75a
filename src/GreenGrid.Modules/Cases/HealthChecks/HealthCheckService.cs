using GreenGrid.Cases.RecordEvents;
using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using GreenGrid.Register;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GreenGrid.Cases.HealthChecks;

public sealed record HealthCheckInput(decimal? Temperature, Symptom[]? Symptoms = null, DateOnly? Day = null, string? IdempotencyKey = null);

public sealed record BulkCheckInput(long? ResidentId, decimal? Temperature, Symptom[]? Symptoms = null, string? IdempotencyKey = null);

/// <summary>Checks of many residents of one building on one day (default today): all are recorded or none.</summary>
public sealed record BulkHealthCheckRequest(DateOnly? Day, BulkCheckInput[]? Checks);

public sealed record HealthCheckView(long Id, long ResidentId, long BuildingId, DateOnly Day, decimal Temperature, Symptom[] Symptoms, bool Feverish, long RecordedById, DateTime RecordedAt, string? IdempotencyKey)
{
    public static HealthCheckView Of(HealthCheck c) => new(c.Id, c.ResidentId, c.BuildingId, c.Day, c.Temperature, HealthCheckRules.Parse(c.Symptoms), c.Feverish, c.RecordedById, c.RecordedAt, c.IdempotencyKey);
}

/// <summary>
/// A resident whose latest check of the day is at or above 37.3 °C and who is not yet a fever patient,
/// suspected or infected case: the worker is offered a fever report (a case event) for them.
/// </summary>
public sealed record FeverFlag(long ResidentId, string Name, decimal Temperature, long CheckId);

public sealed record RecordedCheck(HealthCheckView Check, bool Replayed, FeverFlag? NeedsFeverReport);

public sealed record BulkCheckResult(long BuildingId, DateOnly Day, long[] Ids, int Recorded, int Replayed, FeverFlag[] NeedFeverReport);

/// <summary>
/// Records daily health checks one by one or a building at a time, and answers the coverage of a
/// place on a day. Writes commit before answering; retries with the same key (per account) answer
/// with the checks recorded the first time.
/// </summary>
public sealed class HealthCheckService(AppDb db, Caller caller, RegisterAccess access, CaseStatuses statuses, CityClock clock, AuditLog audit)
{
    private sealed class Member
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public DateOnly BirthDate { get; init; }
        public long BuildingId { get; init; }
        public string BuildingPath { get; init; } = "";
    }

    private IQueryable<Member> Members() =>
        from r in db.Residents().AsNoTracking().Where(Resident.OnRegister)
        join h in db.Households() on r.HouseholdId equals h.Id
        join b in db.Places() on h.BuildingId equals b.Id
        select new Member { Id = r.Id, Name = r.Name, BirthDate = r.BirthDate, BuildingId = h.BuildingId, BuildingPath = b.Path };

    public async Task<Results<Created<RecordedCheck>, Ok<RecordedCheck>, ValidationProblem, ProblemHttpResult>> Record(long residentId, HealthCheckInput input, CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        var member = await Members().FirstOrDefaultAsync(m => m.Id == residentId, ct);
        if (member is null || !account.Covers(member.BuildingPath))
        {
            return Problems.NotFound("resident", residentId);
        }
        var errors = new ValidationErrors();
        var key = errors.Text("idempotencyKey", input.IdempotencyKey, CaseEventRules.IdempotencyKeyMaxLength, required: false);
        if (key is not null && errors.IsEmpty && await db.Set<HealthCheck>().AsNoTracking().FirstOrDefaultAsync(c => c.RecordedById == account.Id && c.IdempotencyKey == key, ct) is { } earlier)
        {
            return earlier.ResidentId == residentId
                ? TypedResults.Ok(new RecordedCheck(HealthCheckView.Of(earlier), true, await FeverFlagOf(earlier, member.Name, ct)))
                : Problems.Conflict("idempotencyKey", "was already used for a check of another person");
        }
        var temperature = HealthCheckRules.Temperature(errors, "temperature", input.Temperature);
        var symptoms = HealthCheckRules.Symptoms(errors, "symptoms", input.Symptoms);
        var day = HealthCheckRules.Day(errors, "day", input.Day, clock.Today);
        if (day < member.BirthDate)
        {
            errors.Add("day", $"{day:yyyy-MM-dd} is before the person's birth date");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        var check = New(residentId, member.BuildingId, day!.Value, temperature!.Value, symptoms!, account.Id, key);
        db.Add(check);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/residents/{residentId}/health-checks", new RecordedCheck(HealthCheckView.Of(check), false, await FeverFlagOf(check, member.Name, ct)));
    }

    public async Task<Results<Ok<BulkCheckResult>, ValidationProblem, ProblemHttpResult>> RecordBulk(long buildingId, BulkHealthCheckRequest request, CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        if (await access.Building(buildingId, ct) is not { } building)
        {
            return Problems.NotFound("building", buildingId);
        }
        var errors = new ValidationErrors();
        var items = request.Checks ?? [];
        if (items.Length == 0)
        {
            return Problems.Invalid("checks", "must hold at least one check");
        }
        if (items.Length > HealthCheckRules.MaxBulk)
        {
            return Problems.Invalid("checks", $"must hold at most {HealthCheckRules.MaxBulk} checks (got {items.Length})");
        }
        var day = HealthCheckRules.Day(errors, "day", request.Day, clock.Today);
        var members = await Members().Where(m => m.BuildingId == building.Id).ToDictionaryAsync(m => m.Id, ct);
        var keys = items.Select(i => i.IdempotencyKey?.Trim()).Where(k => !string.IsNullOrEmpty(k)).Distinct().ToList();
        var replays = await db.Set<HealthCheck>().AsNoTracking().Where(c => c.RecordedById == account.Id && keys.Contains(c.IdempotencyKey))
            .ToDictionaryAsync(c => c.IdempotencyKey!, ct);
        var seenResidents = new Dictionary<long, int>();
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        var ids = new long[items.Length];
        var fresh = new List<(int Index, HealthCheck Check)>();
        for (var i = 0; i < items.Length; i++)
        {
            var prefix = $"checks[{i}].";
            var item = items[i];
            if (item.ResidentId is not { } residentId)
            {
                errors.Add(prefix + "residentId", "is required");
                continue;
            }
            if (!members.TryGetValue(residentId, out var member))
            {
                errors.Add(prefix + "residentId", $"resident {residentId} is not on the register of this building");
                continue;
            }
            if (seenResidents.TryGetValue(residentId, out var first))
            {
                errors.Add(prefix + "residentId", $"resident {residentId} is listed twice (also checks[{first}]); one check per resident in a sheet");
                continue;
            }
            seenResidents[residentId] = i;
            var key = errors.Text(prefix + "idempotencyKey", item.IdempotencyKey, CaseEventRules.IdempotencyKeyMaxLength, required: false);
            if (key is not null && !seenKeys.Add(key))
            {
                errors.Add(prefix + "idempotencyKey", "is used twice in this sheet");
                continue;
            }
            if (key is not null && replays.TryGetValue(key, out var earlier))
            {
                if (earlier.ResidentId != residentId)
                {
                    errors.Add(prefix + "idempotencyKey", "was already used for a check of another person");
                }
                ids[i] = earlier.Id;
                continue;
            }
            var temperature = HealthCheckRules.Temperature(errors, prefix + "temperature", item.Temperature);
            var symptoms = HealthCheckRules.Symptoms(errors, prefix + "symptoms", item.Symptoms);
            if (day < member.BirthDate)
            {
                errors.Add(prefix + "residentId", $"resident {residentId} was born after {day:yyyy-MM-dd}");
            }
            if (temperature is { } t && symptoms is not null && day is { } d)
            {
                fresh.Add((i, New(residentId, building.Id, d, t, symptoms, account.Id, key)));
            }
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        db.AddRange(fresh.Select(f => f.Check));
        await db.SaveChangesAsync(ct);
        foreach (var (index, check) in fresh)
        {
            ids[index] = check.Id;
        }
        var all = fresh.Select(f => f.Check).Concat(replays.Values.Where(r => ids.Contains(r.Id))).ToList();
        var flags = await FeverFlags(all, members.ToDictionary(m => m.Key, m => m.Value.Name), ct);
        return TypedResults.Ok(new BulkCheckResult(building.Id, day!.Value, ids, fresh.Count, items.Length - fresh.Count, flags));
    }

    /// <summary>Fever reports for flagged residents, recorded through the case recorder (transitions checked), all or none.</summary>
    public Task<Results<Ok<BatchResult>, ValidationProblem, ProblemHttpResult>> ReportFever(CaseRecorder recorder, IEnumerable<FeverFlag> flags, DateOnly day, CancellationToken ct) =>
        recorder.RecordBatch(new BatchRequest([.. flags.Select(f => new BatchEventInput(
            f.ResidentId, CaseEventType.Fever, day, Source: CaseSource.Community, Note: $"{f.Temperature:0.0} °C at the daily health check",
            IdempotencyKey: $"health-check-{f.CheckId}"))]), ct);

    private HealthCheck New(long residentId, long buildingId, DateOnly day, decimal temperature, string symptoms, long accountId, string? key) => new()
    {
        ResidentId = residentId, BuildingId = buildingId, Day = day, Temperature = temperature, Symptoms = symptoms,
        Feverish = HealthCheckRules.IsFever(temperature), RecordedById = accountId, RecordedAt = clock.UtcNow, IdempotencyKey = key,
    };

    private async Task<FeverFlag?> FeverFlagOf(HealthCheck check, string name, CancellationToken ct) =>
        (await FeverFlags([check], new Dictionary<long, string> { [check.ResidentId] = name }, ct)).FirstOrDefault();

    /// <summary>Of these checks, the feverish ones that are the latest of their day, of people a fever report still fits.</summary>
    internal async Task<FeverFlag[]> FeverFlags(IReadOnlyCollection<HealthCheck> checks, IReadOnlyDictionary<long, string> names, CancellationToken ct)
    {
        var feverish = checks.Where(c => c.Feverish).ToList();
        if (feverish.Count == 0)
        {
            return [];
        }
        var residentIds = feverish.Select(c => c.ResidentId).Distinct().ToList();
        var days = feverish.Select(c => c.Day).Distinct().ToList();
        var latest = (await db.Set<HealthCheck>().AsNoTracking().Where(c => residentIds.Contains(c.ResidentId) && days.Contains(c.Day))
                .Select(c => new { c.ResidentId, c.Day, c.Id }).ToListAsync(ct))
            .GroupBy(c => (c.ResidentId, c.Day)).ToDictionary(g => g.Key, g => g.Max(c => c.Id));
        var flags = new List<FeverFlag>();
        foreach (var group in feverish.GroupBy(c => c.Day))
        {
            var states = await statuses.OfResidents(group.Select(c => c.ResidentId).Distinct().ToList(), group.Key, ct);
            flags.AddRange(group.Where(c => latest.GetValueOrDefault((c.ResidentId, c.Day)) == c.Id && FeverReportFits(states[c.ResidentId], c.Day))
                .Select(c => new FeverFlag(c.ResidentId, names.GetValueOrDefault(c.ResidentId, ""), c.Temperature, c.Id)));
        }
        return [.. flags.OrderBy(f => f.ResidentId)];
    }

    private bool FeverReportFits(CaseState state, DateOnly day) =>
        CaseHistory.Apply(state, new CaseEvent { Type = CaseEventType.Fever, EffectiveDate = day }, statuses.ObservationDays).Problem is null;

    public async Task<CoverageView> Coverage(Place place, DateOnly day, CancellationToken ct)
    {
        var buildings = await db.Places().AsNoTracking().Where(PlacePath.Within(place.Path))
            .Where(p => p.Kind == PlaceKind.Building && (p.RetiredAt == null || p.Id == place.Id))
            .Select(p => new { p.Id, p.Path, p.NameZh, p.NameEn }).ToListAsync(ct);
        var buildingIds = buildings.Select(b => b.Id).ToList();
        var people = await (
            from r in db.Residents().AsNoTracking().Where(Resident.OnRegister)
            join h in db.Households() on r.HouseholdId equals h.Id
            where buildingIds.Contains(h.BuildingId)
            select new { r.Id, r.Name, r.HouseholdId, h.Room, h.BuildingId }).ToListAsync(ct);
        var checks = await (
            from c in db.Set<HealthCheck>().AsNoTracking()
            where c.Day == day
            join r in db.Residents().Where(Resident.OnRegister) on c.ResidentId equals r.Id
            join h in db.Households() on r.HouseholdId equals h.Id
            where buildingIds.Contains(h.BuildingId)
            select c).ToListAsync(ct);
        var byResident = checks.GroupBy(c => c.ResidentId).ToDictionary(g => g.Key, g => (Latest: g.MaxBy(c => c.Id)!, Count: g.Count()));
        int Feverish(IEnumerable<long> ids) => ids.Count(id => byResident.TryGetValue(id, out var c) && c.Latest.Feverish);

        if (place.Kind == PlaceKind.Building)
        {
            var names = people.ToDictionary(p => p.Id, p => p.Name);
            var flags = (await FeverFlags(byResident.Values.Select(v => v.Latest).ToList(), names, ct)).Select(f => f.ResidentId).ToHashSet();
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
