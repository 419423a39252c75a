using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Cases.HealthChecks.RecordCheck;

public sealed record HealthCheckInput(decimal? Temperature, Symptom[]? Symptoms = null, DateOnly? Day = null, string? IdempotencyKey = null);

public sealed record HealthCheckView(long Id, long ResidentId, long BuildingId, DateOnly Day, decimal Temperature, Symptom[] Symptoms, bool Feverish, long RecordedById, DateTime RecordedAt, string? IdempotencyKey)
{
    public static HealthCheckView Of(HealthCheck c) => new(c.Id, c.ResidentId, c.BuildingId, c.Day, c.Temperature, HealthCheckRules.Parse(c.Symptoms), c.Feverish, c.RecordedById, c.RecordedAt, c.IdempotencyKey);
}

public sealed record RecordedCheck(HealthCheckView Check, bool Replayed, FeverFlag? NeedsFeverReport);

/// <summary>
/// Record one health check of a resident. The write commits before answering; a retry with the
/// same key (per account) answers with the check recorded the first time.
/// </summary>
internal sealed class RecordCheck(AppDb db, Caller caller, FeverFlags fever, CityClock clock)
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/residents/{id:long}/health-checks", Endpoint)
            .WithSummary("Record one health check of a resident (temperature 34.0–43.0 °C, symptoms); a later check of the same day adds, the latest counts. Send an idempotency key (body or Idempotency-Key header).");

    private static Task<Results<Created<RecordedCheck>, Ok<RecordedCheck>, ValidationProblem, ProblemHttpResult>> Endpoint(
        long id, HealthCheckInput input, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, RecordCheck checks, CancellationToken ct) =>
        checks.Handle(id, input.IdempotencyKey is null && idempotencyKey is not null ? input with { IdempotencyKey = idempotencyKey } : input, ct);

    public async Task<Results<Created<RecordedCheck>, Ok<RecordedCheck>, ValidationProblem, ProblemHttpResult>> Handle(long residentId, HealthCheckInput input, CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        var member = await CheckablePeople.Of(db).FirstOrDefaultAsync(m => m.Id == residentId, ct);
        if (member is null || !account.Covers(member.BuildingPath))
        {
            return Problems.NotFound(Register.RegisterMessages.ResidentNotFound(residentId));
        }
        var errors = new ValidationErrors();
        var key = errors.Text("idempotencyKey", input.IdempotencyKey, CaseEventRules.IdempotencyKeyMaxLength, required: false);
        if (key is not null && errors.IsEmpty && await db.HealthChecks().AsNoTracking().FirstOrDefaultAsync(c => c.RecordedById == account.Id && c.IdempotencyKey == key, ct) is { } earlier)
        {
            return earlier.ResidentId == residentId
                ? TypedResults.Ok(new RecordedCheck(HealthCheckView.Of(earlier), true, await fever.Of(earlier, member.Name, ct)))
                : Problems.Conflict("idempotencyKey", CaseMessages.CheckKeyUsed);
        }
        var temperature = HealthCheckRules.Temperature(errors, "temperature", input.Temperature);
        var symptoms = HealthCheckRules.Symptoms(errors, "symptoms", input.Symptoms);
        var day = HealthCheckRules.Day(errors, "day", input.Day, clock.Today);
        if (day < member.BirthDate)
        {
            errors.Add("day", CaseMessages.BeforeBirth(day));
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        var check = HealthCheck.Take(residentId, member.BuildingId, day!.Value, temperature!.Value, symptoms!, account.Id, clock.UtcNow, key);
        db.Add(check);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/residents/{residentId}/health-checks", new RecordedCheck(HealthCheckView.Of(check), false, await fever.Of(check, member.Name, ct)));
    }
}
