using GreenGrid.Cases.RecordEvents;
using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using GreenGrid.Register;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Cases.Sweeps;

public sealed record CreateSweepRequest(string? Name, DateOnly? From, DateOnly? To, long? PlaceId, long[]? BuildingIds = null);

public sealed record FindingInput(long? ResidentId, CaseEventType? Type, DateOnly? LastExposure = null, long? SourceCaseId = null, string? Note = null);

public sealed record VisitRequest(long? HouseholdId, VisitOutcome? Outcome, DateOnly? Day = null, FindingInput[]? Findings = null, string? Note = null, string? IdempotencyKey = null);

public sealed record SweepView(long Id, string Name, DateOnly From, DateOnly To, long PlaceId, string PlaceNameZh, string PlaceNameEn, int Buildings, DateTime CreatedAt);

public sealed record VisitView(long Id, long SweepId, long HouseholdId, long BuildingId, DateOnly Day, VisitOutcome Outcome, string? Note, long VisitedById, DateTime RecordedAt, long[] FindingEventIds, string? IdempotencyKey)
{
    public static VisitView Of(SweepVisit v) => new(v.Id, v.SweepId, v.HouseholdId, v.BuildingId, v.Day, v.Outcome, v.Note, v.VisitedById, v.RecordedAt, SweepService.EventIds(v), v.IdempotencyKey);
}

public sealed record RecordedVisit(VisitView Visit, bool Replayed);

/// <summary>Findings of a sweep by the category they were reported in (people, not visits).</summary>
public sealed record FindingTotals(int Confirmed, int Asymptomatic, int Suspected, int Fever, int CloseContact)
{
    public int Total => Confirmed + Asymptomatic + Suspected + Fever + CloseContact;

    public static FindingTotals Of(IEnumerable<CaseEventType> types)
    {
        var list = types.ToList();
        return new(list.Count(t => t == CaseEventType.Confirmed), list.Count(t => t == CaseEventType.Asymptomatic), list.Count(t => t == CaseEventType.Suspected),
            list.Count(t => t == CaseEventType.Fever), list.Count(t => t == CaseEventType.CloseContact));
    }
}

/// <summary>A building of a sweep: households on the register, how many were reached (someone answered), not at home (only), refused.</summary>
public sealed record SweepBuildingCoverage(long BuildingId, string NameZh, string NameEn, int Households, int Visited, int NotAtHome, int Refused, FindingTotals Findings);

public sealed record SweepCoverage(SweepView Sweep, int Households, int Visited, int NotAtHome, FindingTotals Findings, SweepBuildingCoverage[] Buildings);

/// <summary>A household of a sweep building with its latest visit, for the visit form.</summary>
public sealed record SweepHousehold(long HouseholdId, string Room, int Residents, VisitOutcome? LastOutcome, DateOnly? LastVisit, SweepMember[] Members);

public sealed record SweepMember(long ResidentId, string Name, CaseCategory Category, CaseEventType[] PossibleFindings);

/// <summary>
/// Sweeps: created for a place of the caller's jurisdiction, seen by whoever covers one of their
/// buildings (and then only those buildings), visited household by household. A visit with findings
/// records one case event per finding through <see cref="CaseRecorder"/> (so transitions are checked)
/// with source Sweep and the sweep's id, in the same transaction as the visit: all or none.
/// </summary>
public sealed class SweepService(AppDb db, Caller caller, PlaceQueries places, CaseRecorder recorder, CaseStatuses statuses, CityClock clock, AuditLog audit)
{
    public const int MaxFindings = 20;

    private static readonly CaseEventType[] FindingTypes = [CaseEventType.Confirmed, CaseEventType.Asymptomatic, CaseEventType.Suspected, CaseEventType.Fever, CaseEventType.CloseContact];

    internal static long[] EventIds(SweepVisit v) => v.FindingEventIds.Length == 0 ? [] : [.. v.FindingEventIds.Split(',').Select(long.Parse)];

    public async Task<Results<Created<SweepView>, ValidationProblem>> Create(CreateSweepRequest request, CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        var errors = new ValidationErrors();
        var name = errors.Text("name", request.Name, SweepDbConfig.NameMaxLength);
        if (request.From is null)
        {
            errors.Add("from", "is required");
        }
        if (request.To is null)
        {
            errors.Add("to", "is required");
        }
        else if (request.From is { } f && request.To < f)
        {
            errors.Add("to", $"must be on or after from ({f:yyyy-MM-dd})");
        }
        else if (request.From is { } f2 && request.To.Value.DayNumber - f2.DayNumber > 60)
        {
            errors.Add("to", "a sweep lasts at most 60 days");
        }
        Place? place = null;
        if (request.PlaceId is not { } placeId)
        {
            errors.Add("placeId", "is required");
        }
        else if ((place = await places.Find(placeId, ct)) is null)
        {
            errors.Add("placeId", $"place {placeId} does not exist");
        }
        else if (place.Kind == PlaceKind.Building)
        {
            errors.Add("placeId", "must be a compound, community or higher place; choose its buildings with buildingIds");
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
                        errors.Add($"buildingIds[{i}]", $"building {wanted[i]} is not a building under place {place.Id}");
                    }
                    else if (seen.Add(building.Id))
                    {
                        buildings.Add(building);
                    }
                }
            }
            if (buildings.Count == 0 && !errors.Has("placeId"))
            {
                errors.Add("buildingIds", "the sweep has no building");
            }
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        var sweep = new Sweep { Name = name!, FromDate = request.From!.Value, ToDate = request.To!.Value, PlaceId = place!.Id, PlacePath = place.Path, CreatedById = account.Id, CreatedAt = clock.UtcNow };
        db.Add(sweep);
        await db.SaveChangesAsync(ct);
        db.AddRange(buildings.Select(b => new SweepBuilding { SweepId = sweep.Id, BuildingId = b.Id, BuildingPath = b.Path }));
        await audit.Add(AuditAction.Create, "sweep", [sweep.Id], place.Path, $"{buildings.Count} buildings", ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/sweeps/{sweep.Id}", new SweepView(sweep.Id, sweep.Name, sweep.FromDate, sweep.ToDate, place.Id, place.NameZh, place.NameEn, buildings.Count, sweep.CreatedAt));
    }

    /// <summary>The sweep buildings the caller covers.</summary>
    private async Task<IQueryable<SweepBuilding>> VisibleBuildings(CancellationToken ct)
    {
        var account = await caller.Account(ct);
        return db.Set<SweepBuilding>().AsNoTracking().Where(PlacePath.WithinAny<SweepBuilding>(b => b.BuildingPath, account?.Jurisdictions.Select(j => j.Path).ToArray() ?? []));
    }

    public async Task<List<SweepView>> List(CancellationToken ct)
    {
        var visible = await VisibleBuildings(ct);
        var counts = await visible.GroupBy(b => b.SweepId).Select(g => new { SweepId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.SweepId, g => g.Count, ct);
        var ids = counts.Keys.ToList();
        var sweeps = await (from s in db.Set<Sweep>().AsNoTracking() where ids.Contains(s.Id) join p in db.Places() on s.PlaceId equals p.Id select new { s, p.NameZh, p.NameEn })
            .ToListAsync(ct);
        return sweeps.OrderByDescending(x => x.s.FromDate).ThenByDescending(x => x.s.Id)
            .Select(x => new SweepView(x.s.Id, x.s.Name, x.s.FromDate, x.s.ToDate, x.s.PlaceId, x.NameZh, x.NameEn, counts[x.s.Id], x.s.CreatedAt)).ToList();
    }

    /// <summary>The sweep with the count of its buildings the caller covers, or null when they cover none.</summary>
    public async Task<SweepView?> Find(long id, CancellationToken ct)
    {
        var count = await (await VisibleBuildings(ct)).CountAsync(b => b.SweepId == id, ct);
        if (count == 0)
        {
            return null;
        }
        var x = await (from s in db.Set<Sweep>().AsNoTracking() where s.Id == id join p in db.Places() on s.PlaceId equals p.Id select new { s, p.NameZh, p.NameEn }).FirstAsync(ct);
        return new SweepView(x.s.Id, x.s.Name, x.s.FromDate, x.s.ToDate, x.s.PlaceId, x.NameZh, x.NameEn, count, x.s.CreatedAt);
    }

    public async Task<SweepCoverage?> Coverage(long id, CancellationToken ct)
    {
        if (await Find(id, ct) is not { } sweep)
        {
            return null;
        }
        var buildings = await (from sb in await VisibleBuildings(ct) where sb.SweepId == id join p in db.Places() on sb.BuildingId equals p.Id select p).ToListAsync(ct);
        var buildingIds = buildings.Select(b => b.Id).ToList();
        var households = await db.Households().AsNoTracking().Where(h => buildingIds.Contains(h.BuildingId))
            .Where(h => db.Residents().Where(Resident.OnRegister).Any(r => r.HouseholdId == h.Id))
            .Select(h => new { h.Id, h.BuildingId }).ToListAsync(ct);
        var visits = await db.Set<SweepVisit>().AsNoTracking().Where(v => v.SweepId == id && buildingIds.Contains(v.BuildingId)).ToListAsync(ct);
        var findings = await Findings(visits, ct);
        var lastByHousehold = visits.GroupBy(v => v.HouseholdId).ToDictionary(g => g.Key, g => g.ToList());
        var rows = buildings.Select(b =>
        {
            var ofBuilding = households.Where(h => h.BuildingId == b.Id).Select(h => h.Id).ToList();
            var reached = ofBuilding.Count(h => lastByHousehold.TryGetValue(h, out var vs) && vs.Any(v => v.Outcome != VisitOutcome.NotAtHome));
            var notAtHome = ofBuilding.Count(h => lastByHousehold.TryGetValue(h, out var vs) && vs.All(v => v.Outcome == VisitOutcome.NotAtHome));
            var refused = ofBuilding.Count(h => lastByHousehold.TryGetValue(h, out var vs) && vs.MaxBy(v => v.Id)!.Outcome == VisitOutcome.Refused);
            return new SweepBuildingCoverage(b.Id, b.NameZh, b.NameEn, ofBuilding.Count, reached, notAtHome, refused,
                FindingTotals.Of(findings.Where(f => f.BuildingId == b.Id).Select(f => f.Type)));
        }).OrderBy(r => r.NameZh, Components.Shared.NaturalOrder.Instance).ToArray();
        await audit.Record(AuditAction.Read, "sweep", [id], buildings.FirstOrDefault()?.Path, "coverage", ct);
        return new SweepCoverage(sweep, rows.Sum(r => r.Households), rows.Sum(r => r.Visited), rows.Sum(r => r.NotAtHome), FindingTotals.Of(findings.Select(f => f.Type)), rows);
    }

    /// <summary>The findings of these visits that are still in force (a corrected or retracted finding no longer counts), one per person and type.</summary>
    private async Task<List<(long BuildingId, CaseEventType Type)>> Findings(List<SweepVisit> visits, CancellationToken ct)
    {
        var ids = visits.SelectMany(EventIds).ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        var buildingOf = visits.SelectMany(v => EventIds(v).Select(e => (e, v.BuildingId))).ToDictionary(x => x.e, x => x.BuildingId);
        var events = await db.CaseEvents().AsNoTracking().Where(e => ids.Contains(e.Id) && !db.CaseEvents().Any(x => x.SupersedesId == e.Id))
            .Select(e => new { e.Id, e.ResidentId, e.Type }).ToListAsync(ct);
        return events.DistinctBy(e => (e.ResidentId, e.Type)).Select(e => (buildingOf[e.Id], e.Type)).ToList();
    }

    /// <summary>The households of one sweep building with their latest visit and members (names and what could be found), for the visit form.</summary>
    public async Task<List<SweepHousehold>?> Households(long id, long buildingId, CancellationToken ct)
    {
        if (!await (await VisibleBuildings(ct)).AnyAsync(b => b.SweepId == id && b.BuildingId == buildingId, ct))
        {
            return null;
        }
        var households = await db.Households().AsNoTracking().Where(h => h.BuildingId == buildingId).ToListAsync(ct);
        var householdIds = households.Select(h => h.Id).ToList();
        var members = await db.Residents().AsNoTracking().Where(Resident.OnRegister).Where(r => householdIds.Contains(r.HouseholdId))
            .Select(r => new { r.Id, r.Name, r.HouseholdId }).ToListAsync(ct);
        var visits = await db.Set<SweepVisit>().AsNoTracking().Where(v => v.SweepId == id && v.BuildingId == buildingId).ToListAsync(ct);
        var today = clock.Today;
        var states = await statuses.OfResidents(members.Select(m => m.Id).ToList(), today, ct);
        await audit.Record(AuditAction.Read, "resident", members.Select(m => m.Id), households.Count > 0 ? (await db.Places().AsNoTracking().Where(p => p.Id == buildingId).Select(p => p.Path).FirstAsync(ct)) : null, $"sweep {id} households", ct);
        return households.Where(h => members.Any(m => m.HouseholdId == h.Id)).Select(h =>
        {
            var last = visits.Where(v => v.HouseholdId == h.Id).MaxBy(v => v.Id);
            var people = members.Where(m => m.HouseholdId == h.Id).OrderBy(m => m.Id).Select(m => new SweepMember(m.Id, m.Name, states[m.Id].Category(today, statuses.ObservationDays),
                [.. CaseHistory.Possible(states[m.Id], today, statuses.ObservationDays).Where(FindingTypes.Contains)])).ToArray();
            return new SweepHousehold(h.Id, h.Room, people.Length, last?.Outcome, last?.Day, people);
        }).OrderBy(h => h.Room, Components.Shared.NaturalOrder.Instance).ToList();
    }

    public async Task<Results<Created<RecordedVisit>, Ok<RecordedVisit>, ValidationProblem, ProblemHttpResult>> Visit(long id, VisitRequest request, CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        if (await Find(id, ct) is not { } sweep)
        {
            return Problems.NotFound("sweep", id);
        }
        var errors = new ValidationErrors();
        var key = errors.Text("idempotencyKey", request.IdempotencyKey, CaseEventRules.IdempotencyKeyMaxLength, required: false);
        if (key is not null && await db.Set<SweepVisit>().AsNoTracking().FirstOrDefaultAsync(v => v.VisitedById == account.Id && v.IdempotencyKey == key, ct) is { } earlier)
        {
            return earlier.SweepId == id && earlier.HouseholdId == request.HouseholdId
                ? TypedResults.Ok(new RecordedVisit(VisitView.Of(earlier), true))
                : Problems.Conflict("idempotencyKey", "was already used for another visit");
        }
        var visible = await VisibleBuildings(ct);
        Household? household = null;
        if (request.HouseholdId is not { } householdId)
        {
            errors.Add("householdId", "is required");
        }
        else if ((household = await db.Households().AsNoTracking().FirstOrDefaultAsync(h => h.Id == householdId && visible.Any(b => b.SweepId == id && b.BuildingId == h.BuildingId), ct)) is null)
        {
            errors.Add("householdId", $"household {householdId} is not in a building of this sweep");
        }
        var day = request.Day ?? clock.Today;
        if (day > clock.Today)
        {
            errors.Add("day", $"{day:yyyy-MM-dd} is in the future (today is {clock.Today:yyyy-MM-dd})");
        }
        else if (day < sweep.From || day > sweep.To)
        {
            errors.Add("day", $"{day:yyyy-MM-dd} is outside the sweep ({sweep.From:yyyy-MM-dd} to {sweep.To:yyyy-MM-dd})");
        }
        if (request.Outcome is not { } outcome)
        {
            errors.Add("outcome", "is required");
            outcome = VisitOutcome.AllWell;
        }
        var findings = request.Findings ?? [];
        if (outcome == VisitOutcome.Findings && findings.Length == 0)
        {
            errors.Add("findings", "a visit with findings names at least one");
        }
        else if (outcome != VisitOutcome.Findings && findings.Length > 0 && request.Outcome is not null)
        {
            errors.Add("findings", $"only a visit with outcome \"findings\" has findings (this one is {System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(outcome.ToString())})");
        }
        else if (findings.Length > MaxFindings)
        {
            errors.Add("findings", $"at most {MaxFindings} findings per visit");
        }
        var note = errors.Text("note", request.Note, CaseEventRules.NoteMaxLength, required: false);
        var memberIds = household is null ? [] : await db.Residents().AsNoTracking().Where(Resident.OnRegister).Where(r => r.HouseholdId == household.Id).Select(r => r.Id).ToListAsync(ct);
        for (var i = 0; i < findings.Length; i++)
        {
            var f = findings[i];
            if (f.ResidentId is not { } residentId)
            {
                errors.Add($"findings[{i}].residentId", "is required");
            }
            else if (household is not null && !memberIds.Contains(residentId))
            {
                errors.Add($"findings[{i}].residentId", $"resident {residentId} is not on the register of household {household.Id}");
            }
            if (f.Type is not { } type)
            {
                errors.Add($"findings[{i}].type", "is required");
            }
            else if (!FindingTypes.Contains(type))
            {
                errors.Add($"findings[{i}].type", "a sweep finds confirmed, asymptomatic, suspected, fever or closeContact");
            }
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var eventIds = new List<long>();
        var refusals = new ValidationErrors();
        var conflict = false;
        for (var i = 0; i < findings.Length; i++)
        {
            var f = findings[i];
            var input = new CaseEventInput(f.Type, day, f.LastExposure, f.SourceCaseId, Source: CaseSource.Sweep, Note: f.Note, SweepId: id);
            var result = (await recorder.Record(f.ResidentId!.Value, input, ct)).Result;
            switch (result)
            {
                case Created<RecordedEvent> created:
                    eventIds.Add(created.Value!.Event.Id);
                    break;
                case ValidationProblem invalid:
                    Prefix(refusals, $"findings[{i}].", invalid.ProblemDetails.Errors);
                    break;
                case ProblemHttpResult problem:
                    conflict |= problem.StatusCode == StatusCodes.Status409Conflict;
                    Prefix(refusals, $"findings[{i}].", (problem.ProblemDetails as HttpValidationProblemDetails)?.Errors ?? new Dictionary<string, string[]> { ["residentId"] = [problem.ProblemDetails.Detail ?? "refused"] });
                    break;
            }
        }
        if (!refusals.IsEmpty)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return conflict
                ? TypedResults.Problem(new HttpValidationProblemDetails(refusals.ToDictionary()) { Status = StatusCodes.Status409Conflict, Title = "The request conflicts with the current state." })
                : Problems.Invalid(refusals);
        }
        var visit = new SweepVisit
        {
            SweepId = id, HouseholdId = household!.Id, BuildingId = household.BuildingId, Day = day, Outcome = outcome, Note = note, VisitedById = account.Id,
            RecordedAt = clock.UtcNow, FindingEventIds = string.Join(",", eventIds), IdempotencyKey = key,
        };
        db.Add(visit);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/sweeps/{id}/visits/{visit.Id}", new RecordedVisit(VisitView.Of(visit), false));
    }

    private static void Prefix(ValidationErrors into, string prefix, IDictionary<string, string[]> errors)
    {
        foreach (var (field, reasons) in errors)
        {
            foreach (var reason in reasons)
            {
                into.Add(prefix + (field.Length == 0 ? "type" : field), reason);
            }
        }
    }
}
