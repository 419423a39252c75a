using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Register.Merge.UndoMerge;

/// <summary>
/// Undo a merge of records inside the caller's jurisdictions: both records are separate again, the kept one with
/// its fields from before the merge, audited in the same transaction. The latest merge into a record is undone first.
/// </summary>
internal sealed class UndoMerge(AppDb db, RegisterAccess access, AuditLog audit, Caller caller, CityClock clock)
{
    public static void Map(RouteGroupBuilder edit) =>
        edit.MapPost("/merges/{id:long}/undo", (long id, UndoMerge undo, CancellationToken ct) => undo.Handle(id, ct))
            .WithSummary("Undo a merge: both records are separate again, as they were before it.");

    public async Task<Results<Ok<MergeView>, ProblemHttpResult>> Handle(long mergeId, CancellationToken ct)
    {
        var merge = await db.ResidentMerges().FirstOrDefaultAsync(m => m.Id == mergeId, ct);
        if (merge is null || await access.Resident(merge.KeptId, ct) is not var (kept, _, building))
        {
            return Problems.NotFound(RegisterMessages.MergeNotFound(mergeId));
        }
        if (merge.UnmergedAt is not null)
        {
            return Problems.Conflict("id", RegisterMessages.MergeUndone(mergeId));
        }
        if (await db.ResidentMerges().AnyAsync(m => m.KeptId == merge.KeptId && m.Id > merge.Id && m.UnmergedAt == null, ct))
        {
            return Problems.Conflict("id", RegisterMessages.LaterMergeInForce(merge.KeptId));
        }
        var merged = await db.Residents().FirstAsync(r => r.Id == merge.MergedId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        merge.Undo(kept, merged, clock.UtcNow, (await caller.Account(ct))?.Id);
        await audit.Add(AuditAction.Unmerge, "resident", [kept.Id, merged.Id], building.Path, $"merge {merge.Id} undone: resident {merged.Id} is a record of its own again", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(merge.View());
    }
}
