using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Cases.Sweeps.ReadSweeps;

/// <summary>The sweeps the caller sees (a building of theirs in it), and one of them.</summary>
internal sealed class ReadSweeps(AppDb db, VisibleSweeps visible)
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/sweeps", async (ReadSweeps sweeps, CancellationToken ct) => TypedResults.Ok(await sweeps.List(ct)))
            .WithSummary("The sweeps with a building in the caller's jurisdiction, newest first.");
        group.MapGet("/sweeps/{id:long}", async Task<Results<Ok<SweepView>, ProblemHttpResult>> (long id, VisibleSweeps sweeps, CancellationToken ct) =>
                await sweeps.Find(id, ct) is { } sweep ? TypedResults.Ok(sweep) : Problems.NotFound(CaseMessages.SweepNotFound(id)))
            .WithSummary("One sweep (the number of its buildings the caller covers).");
    }

    public async Task<List<SweepView>> List(CancellationToken ct)
    {
        var buildings = await visible.Buildings(ct);
        var counts = await buildings.GroupBy(b => b.SweepId).Select(g => new { SweepId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.SweepId, g => g.Count, ct);
        var ids = counts.Keys.ToList();
        var sweeps = await (from s in db.Sweeps().AsNoTracking() where ids.Contains(s.Id) join p in db.Places() on s.PlaceId equals p.Id select new { s, p.NameZh, p.NameEn })
            .ToListAsync(ct);
        return sweeps.OrderByDescending(x => x.s.FromDate).ThenByDescending(x => x.s.Id)
            .Select(x => new SweepView(x.s.Id, x.s.Name, x.s.FromDate, x.s.ToDate, x.s.PlaceId, x.NameZh, x.NameEn, counts[x.s.Id], x.s.CreatedAt)).ToList();
    }
}
