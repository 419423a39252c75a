using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Access.ListGates;

/// <summary>The gates of a compound inside the caller's jurisdictions, each open or not under the closure order in force.</summary>
internal sealed class ListGates(AppDb db, CompoundGates compounds)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/compounds/{compoundId:long}/gates", async (long compoundId, ListGates list, CancellationToken ct) =>
                await list.Handle(compoundId, ct) is { } gates ? Results.Ok(gates) : Problems.NotFound(AccessMessages.CompoundNotFound(compoundId)))
            .Produces<List<GateView>>().WithSummary("The gates of a compound, open or not under the closure order in force.");

    /// <summary>The gates, oldest first; null when the compound is not the caller's.</summary>
    public async Task<List<GateView>?> Handle(long compoundId, CancellationToken ct = default)
    {
        if (await compounds.Compound(compoundId, ct) is null)
        {
            return null;
        }
        var gates = await db.Gates().AsNoTracking().Where(g => g.CompoundId == compoundId).OrderBy(g => g.Id).ToListAsync(ct);
        var rules = await compounds.Rules(compoundId, ct);
        return gates.Select(g => CompoundGates.View(g, rules)).ToList();
    }
}
