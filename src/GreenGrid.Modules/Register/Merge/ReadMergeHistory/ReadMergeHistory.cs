using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Register.Merge.ReadMergeHistory;

/// <summary>The merges into or of a resident inside the caller's jurisdictions, newest first.</summary>
internal sealed class ReadMergeHistory(AppDb db, RegisterAccess access)
{
    public static void Map(RouteGroupBuilder read) =>
        read.MapGet("/residents/{id:long}/merges", async Task<Results<Ok<MergeView[]>, ProblemHttpResult>> (long id, ReadMergeHistory history, CancellationToken ct) =>
                await history.Handle(id, ct) is { } list ? TypedResults.Ok(list.ToArray()) : Problems.NotFound(RegisterMessages.ResidentNotFound(id)))
            .WithSummary("The merges into or of a resident.");

    /// <returns>null when the resident is not the caller's to see.</returns>
    public async Task<List<MergeView>?> Handle(long residentId, CancellationToken ct)
    {
        if (await access.Resident(residentId, ct) is null)
        {
            return null;
        }
        return await db.ResidentMerges().AsNoTracking().Where(m => m.KeptId == residentId || m.MergedId == residentId)
            .OrderByDescending(m => m.Id)
            .Select(m => new MergeView(m.Id, m.KeptId, m.MergedId, m.MergedAt, m.UnmergedAt)).ToListAsync(ct);
    }
}
