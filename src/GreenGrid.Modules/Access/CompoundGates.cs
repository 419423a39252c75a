using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Access;

/// <summary>A gate's name, to add a gate or rename one.</summary>
public sealed record GateRequest(string? Name);

public sealed record GateView(long Id, long CompoundId, string Name, bool Open, DateTime CreatedAt, DateTime? RetiredAt);

public sealed record ClosureOrderView(
    long Id, long CompoundId, long[] OpenGateIds, TimeOnly? OpensAt, TimeOnly? ClosesAt, bool OutsidersAllowed, bool MaskRequired, decimal FeverThreshold,
    DateTime EffectiveFrom, DateTime IssuedAt, long IssuedById, string? Note, bool InForce)
{
    public static ClosureOrderView Of(ClosureOrder o, bool inForce) => new(
        o.Id, o.CompoundId, o.OpenGates().ToArray(), o.OpensAt, o.ClosesAt, o.OutsidersAllowed, o.MaskRequired, o.FeverThreshold, o.EffectiveFrom, o.IssuedAt, o.IssuedById, o.Note, inForce);
}

/// <summary>The closure of a compound: the order in force (or the default when none was issued) and every earlier one.</summary>
public sealed record ClosureView(long CompoundId, ClosureOrderView? InForce, ClosureRules Rules, ClosureOrderView[] History);

/// <summary>
/// What the use cases on a compound's gates and closure orders share: the compound inside the
/// caller's jurisdictions, the rules in force now, and how a gate is shown under them.
/// </summary>
internal sealed class CompoundGates(AppDb db, PlaceQueries places, CityClock clock)
{
    /// <summary>A compound the caller may see, or null.</summary>
    public async Task<Place?> Compound(long compoundId, CancellationToken ct = default) =>
        await places.Find(compoundId, ct) is { Kind: PlaceKind.Compound } compound ? compound : null;

    /// <summary>The gate (tracked, to be changed) and its compound, or null when the compound is not the caller's.</summary>
    public async Task<(Gate Gate, Place Compound)?> Tracked(long gateId, CancellationToken ct)
    {
        var gate = await db.Gates().FirstOrDefaultAsync(g => g.Id == gateId, ct);
        return gate is not null && await Compound(gate.CompoundId, ct) is { } compound ? (gate, compound) : null;
    }

    /// <summary>The rules in force now: the latest order effective by now, or the default closure (the first live gate open).</summary>
    public async Task<ClosureRules> Rules(long compoundId, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var order = await db.ClosureOrders().AsNoTracking().Where(o => o.CompoundId == compoundId && o.EffectiveFrom <= now)
            .OrderByDescending(o => o.EffectiveFrom).ThenByDescending(o => o.Id).FirstOrDefaultAsync(ct);
        var first = await db.Gates().AsNoTracking().Where(g => g.CompoundId == compoundId && g.RetiredAt == null).OrderBy(g => g.Id).Select(g => (long?)g.Id).FirstOrDefaultAsync(ct);
        return order is null ? ClosureRules.Default(first) : ClosureRules.Of(order);
    }

    public static GateView View(Gate g, ClosureRules rules) => new(g.Id, g.CompoundId, g.Name, g.RetiredAt is null && rules.OpenGateIds.Contains(g.Id), g.CreatedAt, g.RetiredAt);
}
