using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using GreenGrid.Register.ReadHouseholds;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenGrid.Register.Merge.MergeResidents;

/// <summary>
/// Merge <see cref="MergedId"/> into the record in the route. The kept record keeps its own fields
/// except those named in <see cref="TakeFromMerged"/> (JSON names: "phone", "note", ...); vulnerable
/// flags of both are kept, and notes of both are joined.
/// </summary>
public sealed record MergeRequest(long? MergedId, string[]? TakeFromMerged);

/// <summary>
/// Merge two records of one person, both inside the caller's jurisdictions. Nothing is deleted: the merged record
/// stays, pointing at the kept one, and the kept record's fields before the merge are saved with the merge
/// (<see cref="ResidentMerge"/>), audited in the same transaction.
/// </summary>
internal sealed class MergeResidents(AppDb db, RegisterAccess access, AuditLog audit, Caller caller, CityClock clock)
{
    /// <summary>The fields the kept record may take from the merged one (JSON names).</summary>
    public static readonly string[] Fields = ["name", "sex", "birthDate", "documentType", "idNumber", "phone", "relationship", "residence", "note"];

    public static void Map(RouteGroupBuilder edit) =>
        edit.MapPost("/residents/{id:long}/merge", (long id, MergeRequest request, MergeResidents merge, CancellationToken ct) => merge.Handle(id, request, ct))
            .WithSummary("Merge a duplicate record into this one; both records and every fact of both are kept (audited, can be undone).");

    public async Task<Results<Ok<ResidentView>, ValidationProblem, ProblemHttpResult>> Handle(long keptId, MergeRequest request, CancellationToken ct)
    {
        if (await access.Resident(keptId, ct) is not var (kept, _, building) || kept.MergedIntoId is not null)
        {
            return Problems.NotFound(RegisterMessages.ResidentNotFound(keptId));
        }
        var errors = new ValidationErrors();
        if (request.MergedId is not { } mergedId || await access.Resident(mergedId, ct) is not var (merged, _, _) || merged.MergedIntoId is not null)
        {
            return Problems.Invalid("mergedId", request.MergedId is { } givenMerged ? RegisterMessages.MergedRecordGone(givenMerged) : PlatformMessages.Required);
        }
        if (merged.Id == kept.Id)
        {
            return Problems.Invalid("mergedId", RegisterMessages.MergeIntoItself);
        }
        var take = request.TakeFromMerged ?? [];
        foreach (var unknown in take.Where(f => !Fields.Contains(f)))
        {
            errors.Add("takeFromMerged", RegisterMessages.NotAField(unknown, Fields));
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var before = ResidentFacts.Of(kept);
        var other = ResidentFacts.Of(merged);
        bool From(string field) => take.Contains(field);
        var input = new ResidentInput(
            From("name") ? other.Name : before.Name,
            From("sex") ? other.Sex : before.Sex,
            From("birthDate") ? other.BirthDate : before.BirthDate,
            From("documentType") ? other.DocumentType : before.DocumentType,
            From("idNumber") ? other.IdNumber : before.IdNumber,
            From("phone") ? other.Phone : before.Phone ?? other.Phone,
            From("relationship") ? other.Relationship : before.Relationship,
            From("residence") ? other.Residence : before.Residence,
            before.Vulnerabilities | other.Vulnerabilities,
            From("note") ? other.Note : JoinNotes(before.Note, other.Note));
        if (ResidentRules.Check(errors, input, clock.Today) is not { } after)
        {
            return Problems.Invalid(errors); // e.g. a birth date taken from one record and the ID number from the other
        }

        var account = await caller.Account(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var merge = ResidentMerge.Of(kept, merged, after, clock.UtcNow, account?.Id);
        db.ResidentMerges().Add(merge);
        await db.SaveChangesAsync(ct);
        await audit.Add(AuditAction.Merge, "resident", [kept.Id, merged.Id], building.Path,
            $"merge {merge.Id}: resident {merged.Id} merged into {kept.Id}{(take.Length > 0 ? $", taking {string.Join(", ", take)}" : "")}", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(HouseholdQueries.View(kept, clock.Today));
    }

    private static string? JoinNotes(string? a, string? b) =>
        string.IsNullOrEmpty(a) ? b : string.IsNullOrEmpty(b) || a == b ? a : Truncate($"{a} / {b}");

    private static string Truncate(string text) => text.Length <= ResidentRules.NoteMaxLength ? text : text[..(ResidentRules.NoteMaxLength - 1)] + "…";
}
