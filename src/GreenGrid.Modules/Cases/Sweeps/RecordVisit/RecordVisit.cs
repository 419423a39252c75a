using GreenGrid.Cases.RecordEvents;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using GreenGrid.Register;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Cases.Sweeps.RecordVisit;

public sealed record FindingInput(long? ResidentId, CaseEventType? Type, DateOnly? LastExposure = null, long? SourceCaseId = null, string? Note = null);

public sealed record VisitRequest(long? HouseholdId, VisitOutcome? Outcome, DateOnly? Day = null, FindingInput[]? Findings = null, string? Note = null, string? IdempotencyKey = null);

public sealed record VisitView(long Id, long SweepId, long HouseholdId, long BuildingId, DateOnly Day, VisitOutcome Outcome, string? Note, long VisitedById, DateTime RecordedAt, long[] FindingEventIds, string? IdempotencyKey)
{
    public static VisitView Of(SweepVisit v) => new(v.Id, v.SweepId, v.HouseholdId, v.BuildingId, v.Day, v.Outcome, v.Note, v.VisitedById, v.RecordedAt, v.EventIds(), v.IdempotencyKey);
}

public sealed record RecordedVisit(VisitView Visit, bool Replayed);

/// <summary>
/// Record a visit of a household of a sweep building the caller covers. Findings become one case
/// event each through <see cref="CaseRecorder"/> (so transitions are checked), with source Sweep
/// and the sweep's id, in the same transaction as the visit: all or none.
/// </summary>
internal sealed class RecordVisit(AppDb db, Caller caller, VisibleSweeps visible, CaseRecorder recorder, CityClock clock)
{
    public const int MaxFindings = 20;

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/sweeps/{id:long}/visits", Endpoint)
            .WithSummary("Record a visit of a household (outcome allWell, notAtHome, refused or findings); findings become case events with source sweep and the sweep's id, transitions checked; all or none. Idempotent with a key.");

    private static Task<Results<Created<RecordedVisit>, Ok<RecordedVisit>, ValidationProblem, ProblemHttpResult>> Endpoint(
        long id, VisitRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, RecordVisit sweeps, CancellationToken ct) =>
        sweeps.Handle(id, request.IdempotencyKey is null && idempotencyKey is not null ? request with { IdempotencyKey = idempotencyKey } : request, ct);

    public async Task<Results<Created<RecordedVisit>, Ok<RecordedVisit>, ValidationProblem, ProblemHttpResult>> Handle(long id, VisitRequest request, CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        if (await visible.Find(id, ct) is not { } sweep)
        {
            return Problems.NotFound(CaseMessages.SweepNotFound(id));
        }
        var errors = new ValidationErrors();
        var key = errors.Text("idempotencyKey", request.IdempotencyKey, CaseEventRules.IdempotencyKeyMaxLength, required: false);
        if (key is not null && await db.SweepVisits().AsNoTracking().FirstOrDefaultAsync(v => v.VisitedById == account.Id && v.IdempotencyKey == key, ct) is { } earlier)
        {
            return earlier.SweepId == id && earlier.HouseholdId == request.HouseholdId
                ? TypedResults.Ok(new RecordedVisit(VisitView.Of(earlier), true))
                : Problems.Conflict("idempotencyKey", CaseMessages.VisitKeyUsed);
        }
        var buildings = await visible.Buildings(ct);
        RegisteredHousehold? household = null;
        if (request.HouseholdId is not { } householdId)
        {
            errors.Add("householdId", PlatformMessages.Required);
        }
        else if ((household = await RegisterReads.Households(db).FirstOrDefaultAsync(h => h.Id == householdId && buildings.Any(b => b.SweepId == id && b.BuildingId == h.BuildingId), ct)) is null)
        {
            errors.Add("householdId", CaseMessages.HouseholdNotInSweep(householdId));
        }
        var day = request.Day ?? clock.Today;
        if (day > clock.Today)
        {
            errors.Add("day", PlatformMessages.InFuture(day, clock.Today));
        }
        else if (day < sweep.From || day > sweep.To)
        {
            errors.Add("day", CaseMessages.OutsideSweep(day, sweep.From, sweep.To));
        }
        if (request.Outcome is not { } outcome)
        {
            errors.Add("outcome", PlatformMessages.Required);
            outcome = VisitOutcome.AllWell;
        }
        var findings = request.Findings ?? [];
        if (outcome == VisitOutcome.Findings && findings.Length == 0)
        {
            errors.Add("findings", CaseMessages.FindingsRequired);
        }
        else if (outcome != VisitOutcome.Findings && findings.Length > 0 && request.Outcome is not null)
        {
            errors.Add("findings", CaseMessages.OnlyFindingsHaveFindings(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(outcome.ToString())));
        }
        else if (findings.Length > MaxFindings)
        {
            errors.Add("findings", CaseMessages.TooManyFindings(MaxFindings));
        }
        var note = errors.Text("note", request.Note, CaseEventRules.NoteMaxLength, required: false);
        var memberIds = household is null ? [] : await RegisterReads.OnRegister(db).Where(r => r.HouseholdId == household.Id).Select(r => r.Id).ToListAsync(ct);
        for (var i = 0; i < findings.Length; i++)
        {
            var f = findings[i];
            if (f.ResidentId is not { } residentId)
            {
                errors.Add($"findings[{i}].residentId", PlatformMessages.Required);
            }
            else if (household is not null && !memberIds.Contains(residentId))
            {
                errors.Add($"findings[{i}].residentId", CaseMessages.NotInHousehold(residentId, household.Id));
            }
            if (f.Type is not { } type)
            {
                errors.Add($"findings[{i}].type", PlatformMessages.Required);
            }
            else if (!Sweep.FindingTypes.Contains(type))
            {
                errors.Add($"findings[{i}].type", CaseMessages.SweepFindingTypes);
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
        var visit = SweepVisit.Record(id, household!.Id, household.BuildingId, day, outcome, note, eventIds, account.Id, clock.UtcNow, key);
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
