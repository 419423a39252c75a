using GreenGrid.Certification.Engine;
using GreenGrid.Certification.Workflow;
using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Certification.PublishBatch;

/// <summary>
/// Publish the next batch of a headquarters' widest jurisdiction (第N批): the places approved since the last
/// one, numbered (wider places first, then by the day certified), with the totals per level on the day.
/// </summary>
internal sealed class PublishBatch(AppDb db, Caller caller, CityCertification city, CityClock clock, AuditLog audit, WorkflowQueries queries)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/certification/batches", (PublishBatch publish, CancellationToken ct) => publish.Handle(ct))
            .WithSummary("Publish the next batch: the places approved since the last one, numbered, with totals per level.");

    public async Task<Results<Created<BatchView>, ProblemHttpResult>> Handle(CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        if (CertificationRules.ScopeOf(account) is not { } scope)
        {
            return Problems.Conflict("scope", CertificationMessages.NoJurisdiction);
        }
        var batch = await PublishFor(scope, account.Id, clock.Today, ct);
        if (batch is null)
        {
            return Problems.Conflict("batch", CertificationMessages.NothingToPublish);
        }
        await audit.Record(AuditAction.Create, "certification-batch", [batch.Id], scope.Path, $"batch {batch.Number} of {scope.NameZh} published", ct);
        return TypedResults.Created($"/api/v1/certification/batches/{batch.Id}", (await queries.BatchOf(batch, account, ct))!);
    }

    /// <summary>Publishes the approved places not yet in a batch under <paramref name="scope"/> as its next batch; null when there is none.</summary>
    internal async Task<CertificationBatch?> PublishFor(Place scope, long publisherId, DateOnly on, CancellationToken ct)
    {
        var apps = await queries.Unbatched(scope.Path).ToListAsync(ct);
        if (apps.Count == 0)
        {
            return null;
        }
        var number = (await db.CertificationBatches().Where(b => b.ScopeId == scope.Id).MaxAsync(b => (int?)b.Number, ct) ?? 0) + 1;
        var batch = new CertificationBatch
        {
            ScopeId = scope.Id, ScopePath = scope.Path, Number = number, PublishedOn = on, PublishedAt = clock.UtcNow, PublishedById = publisherId,
        };
        db.Add(batch);
        await db.SaveChangesAsync(ct);
        var seq = 0;
        foreach (var a in apps.OrderByDescending(a => a.PlaceKind.Level()).ThenBy(a => a.CertifiedOn).ThenBy(a => a.PlacePath, StringComparer.Ordinal))
        {
            a.AddToBatch(batch.Id, ++seq);
        }
        await db.SaveChangesAsync(ct);
        batch.RecordTotals(await Totals(scope, on, ct));
        await db.SaveChangesAsync(ct);
        return batch;
    }

    /// <summary>Per level under the scope: how many places are certified (in force), how many the engine finds free, of how many.</summary>
    private async Task<List<LevelTotal>> Totals(Place scope, DateOnly on, CancellationToken ct)
    {
        var inScope = await db.Places().AsNoTracking().Where(PlacePath.Within(scope.Path)).Where(p => p.RetiredAt == null && p.Kind != PlaceKind.Building)
            .Select(p => new { p.Id, p.Kind }).ToListAsync(ct);
        var certified = await db.CertificationApplications().AsNoTracking().Where(a => a.Status == ApplicationStatus.Approved)
            .Where(PlacePath.WithinAny<CertificationApplication>(a => a.PlacePath, [scope.Path])).Select(a => a.PlaceId).ToListAsync(ct);
        var certifiedSet = certified.ToHashSet();
        var ids = inScope.Select(p => p.Id).ToList();
        var free = await city.Read(on, v => ids.Where(id => v.Status(id)?.Free == true).ToHashSet(), ct, scope.Id);
        return new[] { AreaKind.Compound, AreaKind.Community, AreaKind.Subdistrict, AreaKind.District }
            .Select(level =>
            {
                var of = inScope.Where(p => CityCertification.AreaOf(p.Kind) == level).Select(p => p.Id).ToList();
                var c = of.Count(certifiedSet.Contains);
                return new LevelTotal(Words.Level(level), c, of.Count(free.Contains), of.Count, of.Count == 0 ? 0 : Math.Round(100.0 * c / of.Count, 1));
            })
            .Where(t => t.Total > 0).ToList();
    }
}
