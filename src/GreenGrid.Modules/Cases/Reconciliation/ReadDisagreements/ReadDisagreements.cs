using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Cases.Reconciliation.ReadDisagreements;

/// <summary>Where sources disagree under a place: one row per child place (and one for the place itself, for rows placed at it).</summary>
public sealed record DisagreementRow(long PlaceId, string NameZh, string NameEn, PlaceKind Kind, int Same, int Different, int OnlyInList, int OnlyInRegister, int Elsewhere)
{
    public int Disagreements => Different + OnlyInList + OnlyInRegister;
}

public sealed record ReconciliationSummary(long PlaceId, DisagreementRow Total, DisagreementRow[] Children, ReconciliationView[] Imports);

/// <summary>
/// Where sources disagree under a visible place, by child place, and the imports made for places in
/// its subtree: rows count at the person's building (or the import's place), all imports count. Audited.
/// </summary>
internal sealed class ReadDisagreements(AppDb db, PlaceQueries places, AuditLog audit)
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/places/{id:long}/reconciliation", async Task<Results<Ok<ReconciliationSummary>, ProblemHttpResult>> (long id, PlaceQueries places, ReadDisagreements service, CancellationToken ct) =>
                await places.Find(id, ct) is { } place ? TypedResults.Ok(await service.Handle(place, ct)) : Problems.NotFound(Places.PlaceMessages.NotFound(id)))
            .WithSummary("Where sources disagree under a place: counts per child place (same, different, only in the list, only in the register, elsewhere) and the imports of the subtree.");

    public async Task<ReconciliationSummary> Handle(Place place, CancellationToken ct)
    {
        var grouped = await db.ReconciliationRows().AsNoTracking().Where(PlacePath.WithinAny<ReconciliationRow>(r => r.PlacePath, [place.Path]))
            .GroupBy(r => new { r.PlacePath, r.Outcome }).Select(g => new { g.Key.PlacePath, g.Key.Outcome, Count = g.Count() }).ToListAsync(ct);
        var children = await places.Children(place.Id, ct: ct);
        var depth = PlacePath.Ids(place.Path).Count;
        long GroupOf(string path) => PlacePath.Ids(path) is var ids && ids.Count > depth ? ids[depth] : place.Id;
        DisagreementRow Row(long id, string zh, string en, PlaceKind kind, IEnumerable<(ReconciliationOutcome Outcome, int Count)> counts)
        {
            var list = counts.ToList();
            int Of(ReconciliationOutcome o) => list.Where(c => c.Outcome == o).Sum(c => c.Count);
            return new DisagreementRow(id, zh, en, kind, Of(ReconciliationOutcome.Same), Of(ReconciliationOutcome.Different), Of(ReconciliationOutcome.OnlyInList),
                Of(ReconciliationOutcome.OnlyInRegister), Of(ReconciliationOutcome.Elsewhere));
        }
        var byGroup = grouped.GroupBy(g => GroupOf(g.PlacePath)).ToDictionary(g => g.Key, g => g.Select(x => (x.Outcome, x.Count)).ToList());
        var rows = children.Select(c => Row(c.Id, c.NameZh, c.NameEn, c.Kind, byGroup.GetValueOrDefault(c.Id) ?? [])).ToList();
        if (byGroup.TryGetValue(place.Id, out var here))
        {
            // Rows placed at the place itself: people of its lists whom the register does not have in any building below.
            rows.Insert(0, Row(place.Id, place.NameZh, place.NameEn, place.Kind, here));
        }
        var imports = await (
            from i in db.ReconciliationImports().AsNoTracking().Where(PlacePath.WithinAny<ReconciliationImport>(i => i.PlacePath, [place.Path]))
            join p in db.Places() on i.PlaceId equals p.Id
            orderby i.CreatedAt descending, i.Id descending
            select new { i, p }).Take(200).ToListAsync(ct);
        await audit.Record(AuditAction.Read, "reconciliation", imports.Select(x => x.i.Id), place.Path, "summary by place", ct);
        return new ReconciliationSummary(place.Id, Row(place.Id, place.NameZh, place.NameEn, place.Kind, grouped.Select(g => (g.Outcome, g.Count))),
            [.. rows.OrderByDescending(r => r.Disagreements).ThenBy(r => r.NameZh, Components.Shared.NaturalOrder.Instance)], [.. imports.Select(x => ReconciliationView.Of(x.i, x.p))]);
    }
}
