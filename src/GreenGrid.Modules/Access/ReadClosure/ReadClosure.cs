using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Access.ReadClosure;

/// <summary>The closure of a compound inside the caller's jurisdictions: the order in force (or the default closure) and every order before it.</summary>
internal sealed class ReadClosure(AppDb db, CompoundGates compounds, CityClock clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/compounds/{compoundId:long}/closure", async (long compoundId, ReadClosure read, CancellationToken ct) =>
                await read.Handle(compoundId, ct) is { } closure ? Results.Ok(closure) : Problems.NotFound(AccessMessages.CompoundNotFound(compoundId)))
            .Produces<ClosureView>().WithSummary("The closure order in force (or the default closure) and every order before it.");

    /// <summary>The closure, newest order first in the history; null when the compound is not the caller's.</summary>
    public async Task<ClosureView?> Handle(long compoundId, CancellationToken ct = default)
    {
        if (await compounds.Compound(compoundId, ct) is null)
        {
            return null;
        }
        var orders = await db.ClosureOrders().AsNoTracking().Where(o => o.CompoundId == compoundId).OrderBy(o => o.EffectiveFrom).ThenBy(o => o.Id).ToListAsync(ct);
        var now = clock.UtcNow;
        var inForce = orders.LastOrDefault(o => o.EffectiveBy(now));
        return new ClosureView(compoundId, inForce is null ? null : ClosureOrderView.Of(inForce, true), await compounds.Rules(compoundId, ct),
            orders.OrderByDescending(o => o.EffectiveFrom).ThenByDescending(o => o.Id).Select(o => ClosureOrderView.Of(o, o == inForce)).ToArray());
    }
}
