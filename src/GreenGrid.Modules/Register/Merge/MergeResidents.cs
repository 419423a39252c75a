using System.Text.Json;
using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using GreenGrid.Register.ReadHouseholds;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Register.Merge;

/// <summary>
/// Merge <see cref="MergedId"/> into the record in the route. The kept record keeps its own fields
/// except those named in <see cref="TakeFromMerged"/> (JSON names: "phone", "note", ...); vulnerable
/// flags of both are kept, and notes of both are joined.
/// </summary>
public sealed record MergeRequest(long? MergedId, string[]? TakeFromMerged);

public sealed record MergeView(long Id, long KeptId, long MergedId, DateTime MergedAt, DateTime? UnmergedAt);

/// <summary>Two or more records under a place that look like one person.</summary>
public sealed record DuplicateGroup(DuplicateReason Reason, ResidentView[] Residents);

/// <summary>
/// Merging two records of one person and undoing it. Nothing is deleted: the merged record stays,
/// pointing at the kept one, and the kept record's fields before the merge are saved with the merge.
/// </summary>
public sealed class ResidentMerges(AppDb db, RegisterAccess access, AuditLog audit, Caller caller, CityClock clock)
{
    public static readonly string[] Fields = ["name", "sex", "birthDate", "documentType", "idNumber", "phone", "relationship", "residence", "note"];

    public async Task<Results<Ok<ResidentView>, ValidationProblem, ProblemHttpResult>> Merge(long keptId, MergeRequest request, CancellationToken ct)
    {
        if (await access.Resident(keptId, ct) is not var (kept, _, building) || kept.MergedIntoId is not null)
        {
            return Problems.NotFound("resident", keptId);
        }
        var errors = new ValidationErrors();
        if (request.MergedId is not { } mergedId || await access.Resident(mergedId, ct) is not var (merged, _, _) || merged.MergedIntoId is not null)
        {
            return Problems.Invalid("mergedId", request.MergedId is null ? "is required" : $"resident {request.MergedId} does not exist or is already merged");
        }
        if (merged.Id == kept.Id)
        {
            return Problems.Invalid("mergedId", "a record cannot be merged into itself");
        }
        var take = request.TakeFromMerged ?? [];
        foreach (var unknown in take.Where(f => !Fields.Contains(f)))
        {
            errors.Add("takeFromMerged", $"'{unknown}' is not a field; fields are {string.Join(", ", Fields)}");
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
        var merge = new ResidentMerge
        {
            KeptId = kept.Id, MergedId = merged.Id, MergedAt = clock.UtcNow, MergedBy = account?.Id,
            KeptBefore = JsonSerializer.Serialize(before),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        after.CopyTo(kept);
        merged.MergedIntoId = kept.Id;
        db.ResidentMerges().Add(merge);
        await db.SaveChangesAsync(ct);
        await audit.Add(AuditAction.Merge, "resident", [kept.Id, merged.Id], building.Path,
            $"merge {merge.Id}: resident {merged.Id} merged into {kept.Id}{(take.Length > 0 ? $", taking {string.Join(", ", take)}" : "")}", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(HouseholdQueries.View(kept, clock.Today));
    }

    public async Task<Results<Ok<MergeView>, ProblemHttpResult>> Undo(long mergeId, CancellationToken ct)
    {
        var merge = await db.ResidentMerges().FirstOrDefaultAsync(m => m.Id == mergeId, ct);
        if (merge is null || await access.Resident(merge.KeptId, ct) is not var (kept, _, building))
        {
            return Problems.NotFound("merge", mergeId);
        }
        if (merge.UnmergedAt is not null)
        {
            return Problems.Conflict("id", $"merge {mergeId} was undone already");
        }
        if (await db.ResidentMerges().AnyAsync(m => m.KeptId == merge.KeptId && m.Id > merge.Id && m.UnmergedAt == null, ct))
        {
            return Problems.Conflict("id", $"a later merge into resident {merge.KeptId} is still in force: undo it first");
        }
        var merged = await db.Residents().FirstAsync(r => r.Id == merge.MergedId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        JsonSerializer.Deserialize<ResidentFacts>(merge.KeptBefore)!.CopyTo(kept);
        merged.MergedIntoId = null;
        merge.UnmergedAt = clock.UtcNow;
        merge.UnmergedBy = (await caller.Account(ct))?.Id;
        await audit.Add(AuditAction.Unmerge, "resident", [kept.Id, merged.Id], building.Path, $"merge {merge.Id} undone: resident {merged.Id} is a record of its own again", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new MergeView(merge.Id, merge.KeptId, merge.MergedId, merge.MergedAt, merge.UnmergedAt));
    }

    /// <summary>The merges into or of a resident, newest first.</summary>
    public async Task<List<MergeView>?> Of(long residentId, CancellationToken ct)
    {
        if (await access.Resident(residentId, ct) is null)
        {
            return null;
        }
        return await db.ResidentMerges().AsNoTracking().Where(m => m.KeptId == residentId || m.MergedId == residentId)
            .OrderByDescending(m => m.Id)
            .Select(m => new MergeView(m.Id, m.KeptId, m.MergedId, m.MergedAt, m.UnmergedAt)).ToListAsync(ct);
    }

    /// <summary>Groups of records on the register under a place that look like one person (at most <paramref name="take"/> groups).</summary>
    public async Task<List<DuplicateGroup>> Under(Place place, int take, CancellationToken ct)
    {
        var buildings = db.Places().Where(PlacePath.Within(place.Path)).Where(p => p.Kind == PlaceKind.Building).Select(p => p.Id);
        var households = db.Households().Where(h => buildings.Contains(h.BuildingId)).Select(h => h.Id);
        var residents = db.Residents().AsNoTracking().Where(Resident.OnRegister).Where(r => households.Contains(r.HouseholdId));
        var sameNumber = await residents.GroupBy(r => r.IdNumber).Where(g => g.Count() > 1).Select(g => g.Key).Take(take).ToListAsync(ct);
        var samePerson = await residents.Where(r => r.Phone != null).GroupBy(r => new { r.Name, r.BirthDate, r.Phone })
            .Where(g => g.Count() > 1 && g.Select(r => r.IdNumber).Distinct().Count() > 1).Select(g => g.Key).Take(take).ToListAsync(ct);
        var groups = new List<DuplicateGroup>();
        foreach (var number in sameNumber)
        {
            var found = await residents.Where(r => r.IdNumber == number).OrderBy(r => r.Id).ToListAsync(ct);
            groups.Add(new DuplicateGroup(DuplicateReason.SameIdNumber, found.Select(r => HouseholdQueries.View(r, clock.Today)).ToArray()));
        }
        foreach (var key in samePerson)
        {
            var found = await residents.Where(r => r.Name == key.Name && r.BirthDate == key.BirthDate && r.Phone == key.Phone).OrderBy(r => r.Id).ToListAsync(ct);
            groups.Add(new DuplicateGroup(DuplicateReason.SameNameBirthDateAndPhone, found.Select(r => HouseholdQueries.View(r, clock.Today)).ToArray()));
        }
        await audit.Record(AuditAction.Read, "resident", groups.SelectMany(g => g.Residents.Select(r => r.Id)), place.Path, $"duplicates under {place.Code}", ct);
        return groups.Take(take).ToList();
    }

    private static string? JoinNotes(string? a, string? b) =>
        string.IsNullOrEmpty(a) ? b : string.IsNullOrEmpty(b) || a == b ? a : Truncate($"{a} / {b}");

    private static string Truncate(string text) => text.Length <= ResidentRules.NoteMaxLength ? text : text[..(ResidentRules.NoteMaxLength - 1)] + "…";
}

internal static class MergeResidents
{
    public static void Map(RouteGroupBuilder edit, RouteGroupBuilder read)
    {
        edit.MapPost("/residents/{id:long}/merge", (long id, MergeRequest request, ResidentMerges merges, CancellationToken ct) => merges.Merge(id, request, ct))
            .WithSummary("Merge a duplicate record into this one; both records and every fact of both are kept (audited, can be undone).");
        edit.MapPost("/merges/{id:long}/undo", (long id, ResidentMerges merges, CancellationToken ct) => merges.Undo(id, ct))
            .WithSummary("Undo a merge: both records are separate again, as they were before it.");
        read.MapGet("/residents/{id:long}/merges", async Task<Results<Ok<MergeView[]>, ProblemHttpResult>> (long id, ResidentMerges merges, CancellationToken ct) =>
                await merges.Of(id, ct) is { } list ? TypedResults.Ok(list.ToArray()) : Problems.NotFound("resident", id))
            .WithSummary("The merges into or of a resident.");
        read.MapGet("/places/{id:long}/duplicates", async Task<Results<Ok<DuplicateGroup[]>, ProblemHttpResult>> (long id, PlaceQueries places, ResidentMerges merges, CancellationToken ct) =>
                await places.Find(id, ct) is { } place ? TypedResults.Ok((await merges.Under(place, 200, ct)).ToArray()) : Problems.NotFound("place", id))
            .WithSummary("Records under a place that look like one person (same ID number, or same name, birth date and phone).");
    }
}
