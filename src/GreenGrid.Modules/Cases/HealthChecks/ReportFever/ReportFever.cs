using GreenGrid.Cases.RecordEvents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenGrid.Cases.HealthChecks.ReportFever;

/// <summary>
/// Report fever for residents a check flagged: Fever events recorded through the case recorder
/// (transitions checked), all or none, each keyed by its check so that a second click records nothing twice.
/// Offered on the building's sheet; the API records these events through the case routes.
/// </summary>
internal sealed class ReportFever(CaseRecorder recorder)
{
    public Task<Results<Ok<BatchResult>, ValidationProblem, ProblemHttpResult>> Handle(IEnumerable<FeverFlag> flags, DateOnly day, CancellationToken ct) =>
        recorder.RecordBatch(new BatchRequest([.. flags.Select(f => new BatchEventInput(
            f.ResidentId, CaseEventType.Fever, day, Source: CaseSource.Community, Note: $"{f.Temperature:0.0} °C at the daily health check",
            IdempotencyKey: $"health-check-{f.CheckId}"))]), ct);
}
