using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Cases.HealthChecks.RecordBuildingChecks;

public sealed record BulkCheckInput(long? ResidentId, decimal? Temperature, Symptom[]? Symptoms = null, string? IdempotencyKey = null);

/// <summary>Checks of many residents of one building on one day (default today): all are recorded or none.</summary>
public sealed record BulkHealthCheckRequest(DateOnly? Day, BulkCheckInput[]? Checks);

public sealed record BulkCheckResult(long BuildingId, DateOnly Day, long[] Ids, int Recorded, int Replayed, FeverFlag[] NeedFeverReport);

/// <summary>
/// Record the checks of a building's sheet in one transaction: all or none, errors naming
/// <c>checks[i].field</c>. Retried items (same key, same account) answer with the checks recorded
/// the first time.
/// </summary>
internal sealed class RecordBuildingChecks(AppDb db, Caller caller, PlaceQueries places, FeverFlags fever, CityClock clock)
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/places/{buildingId:long}/health-checks", (long buildingId, BulkHealthCheckRequest request, RecordBuildingChecks checks, CancellationToken ct) => checks.Handle(buildingId, request, ct))
            .WithSummary("Record the checks of many residents of one building in one transaction: all or none (errors name checks[i].field). The answer lists who now needs a fever report.");

    public async Task<Results<Ok<BulkCheckResult>, ValidationProblem, ProblemHttpResult>> Handle(long buildingId, BulkHealthCheckRequest request, CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        // A building the caller may see (PlaceQueries answers a place outside the jurisdiction as missing).
        if (await places.Find(buildingId, ct) is not { Kind: PlaceKind.Building } building)
        {
            return Problems.NotFound(Register.RegisterMessages.BuildingNotFound(buildingId));
        }
        var errors = new ValidationErrors();
        var items = request.Checks ?? [];
        if (items.Length == 0)
        {
            return Problems.Invalid("checks", CaseMessages.ChecksEmpty);
        }
        if (items.Length > HealthCheckRules.MaxBulk)
        {
            return Problems.Invalid("checks", CaseMessages.ChecksTooMany(HealthCheckRules.MaxBulk, items.Length));
        }
        var day = HealthCheckRules.Day(errors, "day", request.Day, clock.Today);
        var members = await CheckablePeople.Of(db).Where(m => m.BuildingId == building.Id).ToDictionaryAsync(m => m.Id, ct);
        var keys = items.Select(i => i.IdempotencyKey?.Trim()).Where(k => !string.IsNullOrEmpty(k)).Distinct().ToList();
        var replays = await db.HealthChecks().AsNoTracking().Where(c => c.RecordedById == account.Id && keys.Contains(c.IdempotencyKey))
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
                errors.Add(prefix + "residentId", PlatformMessages.Required);
                continue;
            }
            if (!members.TryGetValue(residentId, out var member))
            {
                errors.Add(prefix + "residentId", CaseMessages.NotInBuilding(residentId));
                continue;
            }
            if (seenResidents.TryGetValue(residentId, out var first))
            {
                errors.Add(prefix + "residentId", CaseMessages.ListedTwice(residentId, first));
                continue;
            }
            seenResidents[residentId] = i;
            var key = errors.Text(prefix + "idempotencyKey", item.IdempotencyKey, CaseEventRules.IdempotencyKeyMaxLength, required: false);
            if (key is not null && !seenKeys.Add(key))
            {
                errors.Add(prefix + "idempotencyKey", CaseMessages.KeyTwiceInSheet);
                continue;
            }
            if (key is not null && replays.TryGetValue(key, out var earlier))
            {
                if (earlier.ResidentId != residentId)
                {
                    errors.Add(prefix + "idempotencyKey", CaseMessages.CheckKeyUsed);
                }
                ids[i] = earlier.Id;
                continue;
            }
            var temperature = HealthCheckRules.Temperature(errors, prefix + "temperature", item.Temperature);
            var symptoms = HealthCheckRules.Symptoms(errors, prefix + "symptoms", item.Symptoms);
            if (day < member.BirthDate)
            {
                errors.Add(prefix + "residentId", CaseMessages.BornAfter(residentId, day));
            }
            if (temperature is { } t && symptoms is not null && day is { } d)
            {
                fresh.Add((i, HealthCheck.Take(residentId, building.Id, d, t, symptoms, account.Id, clock.UtcNow, key)));
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
        var flags = await fever.Of(all, members.ToDictionary(m => m.Key, m => m.Value.Name), ct);
        return TypedResults.Ok(new BulkCheckResult(building.Id, day!.Value, ids, fresh.Count, items.Length - fresh.Count, flags));
    }
}
