using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Cases.Reconciliation.ReadImport;

public sealed record ReconciliationRowView(long Id, int? Row, string Name, string IdNumberMasked, CaseCategory? Claimed, DateOnly? ClaimedDate, ReconciliationOutcome Outcome, long? ResidentId, CaseCategory? RegisterStatus);

public sealed record ReconciliationDetail(ReconciliationView Import, int Total, int Skip, ReconciliationRowView[] Rows);

/// <summary>
/// One import and its people, page by page (ID numbers masked). Everyone who can open an import
/// covers its place, so what it shows never depends on who looks. Audited.
/// </summary>
internal sealed class ReadImport(AppDb db, PlaceQueries places, AuditLog audit)
{
    public const int MaxTake = 500;

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/reconciliations/{id:long}", Endpoint)
            .WithSummary("One import: its counts and its people (ID numbers masked), page by page, optionally one outcome (?outcome=different).");

    private static async Task<Results<Ok<ReconciliationDetail>, ValidationProblem, ProblemHttpResult>> Endpoint(
        long id, ReadImport service, CancellationToken ct, string? outcome = null, int skip = 0, int take = 100)
    {
        var errors = new ValidationErrors();
        ReconciliationOutcome? parsed = null;
        if (outcome is not null)
        {
            if (Enum.TryParse<ReconciliationOutcome>(outcome, ignoreCase: true, out var o) && Enum.IsDefined(o))
            {
                parsed = o;
            }
            else
            {
                errors.Add("outcome", PlatformMessages.OneOf(Enum.GetNames<ReconciliationOutcome>().Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName)));
            }
        }
        errors.Page(skip, take, MaxTake);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        return await service.Handle(id, parsed, skip, take, ct) is { } detail ? TypedResults.Ok(detail) : Problems.NotFound(CaseMessages.ReconciliationNotFound(id));
    }

    /// <summary>The import and one page of its people (ID numbers masked), or null when the caller does not cover its place.</summary>
    public async Task<ReconciliationDetail?> Handle(long id, ReconciliationOutcome? outcome, int skip, int take, CancellationToken ct)
    {
        var import = await db.ReconciliationImports().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (import is null || await places.Find(import.PlaceId, ct) is not { } place)
        {
            return null;
        }
        var query = db.ReconciliationRows().AsNoTracking().Where(r => r.ImportId == id);
        if (outcome is { } o)
        {
            query = query.Where(r => r.Outcome == o);
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(r => r.Row == null).ThenBy(r => r.Row).ThenBy(r => r.Id).Skip(skip).Take(take).ToListAsync(ct);
        await audit.Record(AuditAction.Read, "reconciliation", [id], import.PlacePath, $"{rows.Count} people{(outcome is null ? "" : $" ({outcome})")}", ct);
        return new ReconciliationDetail(ReconciliationView.Of(import, place), total, skip, [.. rows.Select(r => new ReconciliationRowView(
            r.Id, r.Row, r.Name, Masking.IdNumber(r.IdNumber), r.Claimed, r.ClaimedDate, r.Outcome, r.ResidentId, r.RegisterStatus))]);
    }
}
