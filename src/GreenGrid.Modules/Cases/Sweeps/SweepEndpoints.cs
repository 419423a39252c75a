using GreenGrid.Platform.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace GreenGrid.Cases.Sweeps;

/// <summary>The routes of door-to-door sweeps (拉网式排查).</summary>
public static class SweepEndpoints
{
    public static void MapManage(RouteGroupBuilder group)
    {
        group.MapPost("/sweeps", (CreateSweepRequest request, SweepService sweeps, CancellationToken ct) => sweeps.Create(request, ct))
            .WithSummary("Create a sweep: name, from/to dates, a place of the caller's jurisdiction and its buildings (all of them when buildingIds is empty).");
    }

    public static void MapRecord(RouteGroupBuilder group)
    {
        group.MapPost("/sweeps/{id:long}/visits", Visit)
            .WithSummary("Record a visit of a household (outcome allWell, notAtHome, refused or findings); findings become case events with source sweep and the sweep's id, transitions checked; all or none. Idempotent with a key.");
    }

    public static void MapRead(RouteGroupBuilder group)
    {
        group.MapGet("/sweeps", async (SweepService sweeps, CancellationToken ct) => TypedResults.Ok(await sweeps.List(ct)))
            .WithSummary("The sweeps with a building in the caller's jurisdiction, newest first.");
        group.MapGet("/sweeps/{id:long}", async Task<Results<Ok<SweepView>, ProblemHttpResult>> (long id, SweepService sweeps, CancellationToken ct) =>
                await sweeps.Find(id, ct) is { } sweep ? TypedResults.Ok(sweep) : Problems.NotFound("sweep", id))
            .WithSummary("One sweep (the number of its buildings the caller covers).");
        group.MapGet("/sweeps/{id:long}/coverage", async Task<Results<Ok<SweepCoverage>, ProblemHttpResult>> (long id, SweepService sweeps, CancellationToken ct) =>
                await sweeps.Coverage(id, ct) is { } coverage ? TypedResults.Ok(coverage) : Problems.NotFound("sweep", id))
            .WithSummary("Coverage per building (households reached / households on the register, not at home, refused) and the findings by category.");
        group.MapGet("/sweeps/{id:long}/households", Households)
            .WithSummary("The households of one building of the sweep (?buildingId=) with their latest visit and members, for the visit form.");
    }

    private static Task<Results<Created<RecordedVisit>, Ok<RecordedVisit>, ValidationProblem, ProblemHttpResult>> Visit(
        long id, VisitRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, SweepService sweeps, CancellationToken ct) =>
        sweeps.Visit(id, request.IdempotencyKey is null && idempotencyKey is not null ? request with { IdempotencyKey = idempotencyKey } : request, ct);

    private static async Task<Results<Ok<List<SweepHousehold>>, ValidationProblem, ProblemHttpResult>> Households(long id, long? buildingId, SweepService sweeps, CancellationToken ct)
    {
        if (buildingId is not { } building)
        {
            return Problems.Invalid("buildingId", "is required");
        }
        return await sweeps.Households(id, building, ct) is { } list ? TypedResults.Ok(list) : Problems.NotFound("sweep building", $"{id}/{building}");
    }
}
