using System.Collections.Concurrent;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Access;

/// <summary>A gate as the scan path needs it: its compound (path and the ids on it) and the compound's closure orders.</summary>
public sealed record GateInfo(Gate Gate, Place Compound, IReadOnlyList<long> PlaceIds, long? FirstGateId, IReadOnlyList<ClosureOrder> Orders, DateTime LoadedAt)
{
    /// <summary>The rules in force at <paramref name="utc"/>: the latest order effective by then, or the default closure.</summary>
    public ClosureRules RulesAt(DateTime utc) =>
        OrderAt(utc) is { } order ? ClosureRules.Of(order) : ClosureRules.Default(FirstGateId);

    public ClosureOrder? OrderAt(DateTime utc) => Orders.LastOrDefault(o => o.EffectiveFrom <= utc);

    public GateContext Context(DateTime utc) => new(Gate.Id, Gate.CompoundId, PlaceIds, RulesAt(utc));
}

/// <summary>
/// Gates, their compounds and closure orders, cached in memory for the scan path (a gate is asked
/// for on every scan; it changes a few times a month). The services that change gates or orders
/// call <see cref="Forget"/> after their commit; an entry is also reloaded after a minute, so a
/// compound moved in the place tree is seen at its new path soon.
/// </summary>
public sealed class GateDirectory(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<long, GateInfo> _gates = new();

    public async ValueTask<GateInfo?> Find(long gateId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (_gates.TryGetValue(gateId, out var info) && now - info.LoadedAt < Lifetime && info.LoadedAt <= now)
        {
            return info;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var gate = await db.Gates().AsNoTracking().FirstOrDefaultAsync(g => g.Id == gateId, ct);
        if (gate is null)
        {
            return null; // not cached: a gate made later must be found
        }
        var compound = await db.Places().AsNoTracking().FirstAsync(p => p.Id == gate.CompoundId, ct);
        var firstGate = await db.Gates().AsNoTracking().Where(g => g.CompoundId == gate.CompoundId && g.RetiredAt == null)
            .OrderBy(g => g.Id).Select(g => (long?)g.Id).FirstOrDefaultAsync(ct);
        var orders = await db.ClosureOrders().AsNoTracking().Where(o => o.CompoundId == gate.CompoundId)
            .OrderBy(o => o.EffectiveFrom).ThenBy(o => o.Id).ToListAsync(ct);
        info = new GateInfo(gate, compound, PlacePath.Ids(compound.Path), firstGate, orders, now);
        _gates[gateId] = info;
        return info;
    }

    /// <summary>The gate, when the caller's jurisdiction covers its compound; else null (answered 404: a gate elsewhere is as if it did not exist).</summary>
    public async Task<GateInfo?> FindVisible(long gateId, Caller caller, CancellationToken ct = default)
    {
        var gate = await Find(gateId, ct);
        var account = await caller.Account(ct);
        return gate is not null && account is not null && account.Covers(gate.Compound.Path) ? gate : null;
    }

    /// <summary>Drops what is cached of the compound's gates (a gate or an order changed).</summary>
    public void Forget(long compoundId)
    {
        foreach (var (id, info) in _gates)
        {
            if (info.Gate.CompoundId == compoundId)
            {
                _gates.TryRemove(id, out _);
            }
        }
    }
}
