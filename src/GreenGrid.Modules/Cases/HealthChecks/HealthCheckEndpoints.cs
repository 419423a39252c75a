using GreenGrid.Places;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace GreenGrid.Cases.HealthChecks;

/// <summary>The routes of daily health checks (每日健康监测).</summary>
public static class HealthCheckEndpoints
{
    public static void MapRecord(RouteGroupBuilder group)
    {
        group.MapPost("/residents/{id:long}/health-checks", Record)
            .WithSummary("Record one health check of a resident (temperature 34.0–43.0 °C, symptoms); a later check of the same day adds, the latest counts. Send an idempotency key (body or Idempotency-Key header).");
        group.MapPost("/places/{buildingId:long}/health-checks", (long buildingId, BulkHealthCheckRequest request, HealthCheckService checks, CancellationToken ct) => checks.RecordBulk(buildingId, request, ct))
            .WithSummary("Record the checks of many residents of one building in one transaction: all or none (errors name checks[i].field). The answer lists who now needs a fever report.");
    }

    public static void MapRead(RouteGroupBuilder group)
    {
        group.MapGet("/places/{id:long}/health-checks/coverage", Coverage)
            .WithSummary("Health-check coverage on a day (?date=yyyy-MM-dd, default today): for a building every resident on the register and their latest check; for a compound or community one row per building; above, one row per child place.");
    }

    private static Task<Results<Created<RecordedCheck>, Ok<RecordedCheck>, ValidationProblem, ProblemHttpResult>> Record(
        long id, HealthCheckInput input, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HealthCheckService checks, CancellationToken ct) =>
        checks.Record(id, input.IdempotencyKey is null && idempotencyKey is not null ? input with { IdempotencyKey = idempotencyKey } : input, ct);

    private static async Task<Results<Ok<CoverageView>, ValidationProblem, ProblemHttpResult>> Coverage(
        long id, string? date, PlaceQueries places, HealthCheckService checks, CityClock clock, CancellationToken ct)
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
        return await places.Find(id, ct) is { } place ? TypedResults.Ok(await checks.Coverage(place, day, ct)) : Problems.NotFound("place", id);
    }
}
