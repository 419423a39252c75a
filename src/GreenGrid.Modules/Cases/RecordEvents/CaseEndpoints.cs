using GreenGrid.Platform.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace GreenGrid.Cases.RecordEvents;

/// <summary>The routes of a person's case history.</summary>
public static class CaseEndpoints
{
    public static void MapRecord(RouteGroupBuilder group)
    {
        group.MapPost("/residents/{id:long}/case-events", Record)
            .WithSummary("Record one case event of a person; send an idempotency key (body or Idempotency-Key header) so that a retry never doubles it.");
        group.MapPost("/case-events/batch", (BatchRequest request, CaseRecorder recorder, CancellationToken ct) => recorder.RecordBatch(request, ct))
            .WithSummary("Record many events in one transaction: all or none.");
    }

    public static void MapRead(RouteGroupBuilder group)
    {
        group.MapGet("/residents/{id:long}/case-history", History)
            .WithSummary("A person's events (corrected ones marked), the state on a day (?asOf=yyyy-MM-dd, default today) and the transitions that make sense next.");
    }

    private static Task<Results<Created<RecordedEvent>, Ok<RecordedEvent>, ValidationProblem, ProblemHttpResult>> Record(
        long id, CaseEventInput input, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CaseRecorder recorder, CancellationToken ct) =>
        recorder.Record(id, input.IdempotencyKey is null && idempotencyKey is not null ? input with { IdempotencyKey = idempotencyKey } : input, ct);

    private static async Task<Results<Ok<CaseTimeline>, ProblemHttpResult>> History(long id, DateOnly? asOf, CaseHistoryQueries queries, CancellationToken ct) =>
        await queries.Timeline(id, asOf, ct) is { } timeline ? TypedResults.Ok(timeline) : Problems.NotFound(Register.RegisterMessages.ResidentNotFound(id));
}
