using GreenGrid.Certification.Workflow;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GreenGrid.Certification.ReadBatches;

public sealed record BatchSummary(long Id, int Number, long ScopeId, string ScopeZh, string ScopeEn, DateOnly PublishedOn, int Places, List<LevelTotal> Totals);

/// <summary>The batches the caller can see, when the next is due, and how many approved places wait for it.</summary>
public sealed record BatchList(List<BatchSummary> Batches, DateOnly NextDue, int Waiting);

/// <summary>
/// Read the published batches a caller sees (those of its jurisdictions and of the places above them), when
/// its next is due and how many approved places wait for it; and one batch with its numbered list.
/// </summary>
internal sealed class ReadBatches(AppDb db, Caller caller, CityClock clock, IOptions<CertificationOptions> options, WorkflowQueries queries)
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/certification/batches", async (ReadBatches read, CancellationToken ct) => TypedResults.Ok(await read.Batches(ct)))
            .WithSummary("Published batches, the day the next one is due and how many approved places wait for it.");
        api.MapGet("/certification/batches/{id:long}", async Task<Results<Ok<BatchView>, ProblemHttpResult>> (long id, ReadBatches read, CancellationToken ct) =>
            await read.Batch(id, ct) is { } batch ? TypedResults.Ok(batch) : Problems.NotFound(CertificationMessages.BatchNotFound(id))).WithSummary("One batch: its numbered list and totals per level.");
    }

    public async Task<BatchList> Batches(CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        var all = await db.CertificationBatches().AsNoTracking().OrderByDescending(b => b.Id).ToListAsync(ct);
        var visible = all.Where(b => CertificationRules.SeesBatch(account, b.ScopePath)).Take(200).ToList();
        var ids = visible.Select(b => b.Id).ToList();
        var counts = await db.CertificationApplications().AsNoTracking().Where(a => a.BatchId != null && ids.Contains(a.BatchId.Value))
            .GroupBy(a => a.BatchId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!.Value, g => g.Count, ct);
        var scopeIds = visible.Select(b => b.ScopeId).Distinct().ToList();
        var names = await db.Places().AsNoTracking().Where(p => scopeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var scope = CertificationRules.ScopeOf(account);
        var last = scope is null ? null : all.Where(b => b.ScopeId == scope.Id).MaxBy(b => b.Number);
        var today = clock.Today;
        var waiting = scope is null ? 0 : await queries.Unbatched(scope.Path).CountAsync(ct);
        return new BatchList(
            visible.Select(b => new BatchSummary(b.Id, b.Number, b.ScopeId, names[b.ScopeId].NameZh, names[b.ScopeId].NameEn, b.PublishedOn, counts.GetValueOrDefault(b.Id), b.TotalsPerLevel())).ToList(),
            last is null ? today : last.PublishedOn.AddDays(options.Value.BatchEveryDays), waiting);
    }

    /// <summary>One batch the caller sees; null when there is none it may see.</summary>
    public async Task<BatchView?> Batch(long id, CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        var batch = await db.CertificationBatches().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        return batch is null || !CertificationRules.SeesBatch(account, batch.ScopePath) ? null : await queries.BatchOf(batch, account, ct);
    }
}
