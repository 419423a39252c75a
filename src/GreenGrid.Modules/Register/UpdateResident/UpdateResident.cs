using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Time;
using GreenGrid.Register.ReadHouseholds;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenGrid.Register.UpdateResident;

/// <summary>
/// Correct a resident's fields inside the caller's jurisdictions (a merged record answers 404), audited in the same
/// commit with the names of the changed fields only. A present person may not become a duplicate of another.
/// </summary>
internal sealed class UpdateResident(AppDb db, RegisterAccess access, Duplicates duplicates, AuditLog audit, CityClock clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/residents/{id:long}", (long id, ResidentRequest request, UpdateResident update, CancellationToken ct) => update.Handle(id, request, ct))
            .WithSummary("Correct a resident's fields.");

    public async Task<Results<Ok<ResidentView>, ValidationProblem, ProblemHttpResult>> Handle(long id, ResidentRequest request, CancellationToken ct)
    {
        if (await access.Resident(id, ct) is not var (resident, _, building) || resident.MergedIntoId is not null)
        {
            return Problems.NotFound(RegisterMessages.ResidentNotFound(id));
        }
        var errors = new ValidationErrors();
        if (ResidentRules.Check(errors, request.ToInput(), clock.Today) is not { } facts)
        {
            return Problems.Invalid(errors);
        }
        var before = ResidentFacts.Of(resident);
        if (facts == before)
        {
            return TypedResults.Ok(HouseholdQueries.View(resident, clock.Today));
        }
        if (resident.Status == ResidentStatus.Present && await duplicates.Problem(facts, id, request.ConfirmNotDuplicate, ct) is { } duplicate)
        {
            return duplicate;
        }
        resident.Correct(facts);
        await audit.Add(AuditAction.Update, "resident", [id], building.Path, $"changed {string.Join(", ", ChangedFields(before, facts))}", ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(HouseholdQueries.View(resident, clock.Today));
    }

    private static IEnumerable<string> ChangedFields(ResidentFacts before, ResidentFacts after)
    {
        // Names of changed fields only: the values are personal data and stay out of the audit text.
        if (before.Name != after.Name) yield return "name";
        if (before.Sex != after.Sex) yield return "sex";
        if (before.BirthDate != after.BirthDate) yield return "birthDate";
        if (before.DocumentType != after.DocumentType) yield return "documentType";
        if (before.IdNumber != after.IdNumber) yield return "idNumber";
        if (before.Phone != after.Phone) yield return "phone";
        if (before.Relationship != after.Relationship) yield return "relationship";
        if (before.Residence != after.Residence) yield return "residence";
        if (before.Vulnerabilities != after.Vulnerabilities) yield return "vulnerabilities";
        if (before.Note != after.Note) yield return "note";
    }
}
