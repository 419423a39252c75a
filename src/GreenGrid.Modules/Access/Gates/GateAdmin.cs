using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Access.Gates;

public sealed record GateRequest(string? Name);

public sealed record GateView(long Id, long CompoundId, string Name, bool Open, DateTime CreatedAt, DateTime? RetiredAt);

/// <summary>
/// A new closure order. <see cref="OpenGateIds"/> empty or missing means the compound's first gate;
/// hours both missing mean around the clock; <see cref="EffectiveFrom"/> missing means now.
/// </summary>
public sealed record ClosureOrderRequest(
    long[]? OpenGateIds, TimeOnly? OpensAt, TimeOnly? ClosesAt, bool? OutsidersAllowed, bool? MaskRequired, decimal? FeverThreshold, DateTime? EffectiveFrom, string? Note);

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
/// Gates and closure orders of a compound inside the caller's jurisdictions. Every change is
/// audited with the change; orders are never edited, a new one replaces the one in force.
/// </summary>
public sealed class GateAdmin(AppDb db, PlaceQueries places, GateDirectory directory, AuditLog audit, CityClock clock, Platform.Security.Caller caller)
{
    /// <summary>A compound the caller may see, or null.</summary>
    public async Task<Place?> Compound(long compoundId, CancellationToken ct = default) =>
        await places.Find(compoundId, ct) is { Kind: PlaceKind.Compound } compound ? compound : null;

    public async Task<List<GateView>?> Gates(long compoundId, CancellationToken ct = default)
    {
        if (await Compound(compoundId, ct) is null)
        {
            return null;
        }
        var gates = await db.Gates().AsNoTracking().Where(g => g.CompoundId == compoundId).OrderBy(g => g.Id).ToListAsync(ct);
        var rules = await Rules(compoundId, ct);
        return gates.Select(g => View(g, rules)).ToList();
    }

    public async Task<Results<Created<GateView>, ValidationProblem, ProblemHttpResult>> CreateGate(long compoundId, GateRequest request, CancellationToken ct)
    {
        if (await Compound(compoundId, ct) is not { } compound)
        {
            return Problems.NotFound("compound", compoundId);
        }
        var errors = new ValidationErrors();
        var name = errors.Text("name", request.Name, GateRules.NameMaxLength);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        if (await db.Gates().AnyAsync(g => g.CompoundId == compoundId && g.Name == name && g.RetiredAt == null, ct))
        {
            return Problems.Conflict("name", $"the compound already has a gate named '{name}'");
        }
        var gate = new Gate { CompoundId = compoundId, Name = name!, CreatedAt = clock.UtcNow };
        db.Gates().Add(gate);
        await db.SaveChangesAsync(ct);
        await audit.Record(AuditAction.Create, "gate", [gate.Id], compound.Path, name, ct);
        directory.Forget(compoundId);
        return TypedResults.Created($"/api/v1/gates/{gate.Id}", View(gate, await Rules(compoundId, ct)));
    }

    public async Task<Results<Ok<GateView>, ValidationProblem, ProblemHttpResult>> RenameGate(long gateId, GateRequest request, CancellationToken ct)
    {
        if (await Tracked(gateId, ct) is not var (gate, compound))
        {
            return Problems.NotFound("gate", gateId);
        }
        var errors = new ValidationErrors();
        var name = errors.Text("name", request.Name, GateRules.NameMaxLength);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        await audit.Add(AuditAction.Update, "gate", [gate.Id], compound.Path, $"renamed '{gate.Name}' to '{name}'", ct);
        gate.Name = name!;
        await db.SaveChangesAsync(ct);
        directory.Forget(gate.CompoundId);
        return TypedResults.Ok(View(gate, await Rules(gate.CompoundId, ct)));
    }

    public async Task<Results<Ok<GateView>, ProblemHttpResult>> RetireGate(long gateId, CancellationToken ct)
    {
        if (await Tracked(gateId, ct) is not var (gate, compound))
        {
            return Problems.NotFound("gate", gateId);
        }
        if (gate.RetiredAt is not null)
        {
            return Problems.Conflict("id", $"gate {gateId} is retired already");
        }
        gate.RetiredAt = clock.UtcNow;
        await audit.Add(AuditAction.Retire, "gate", [gate.Id], compound.Path, gate.Name, ct);
        await db.SaveChangesAsync(ct);
        directory.Forget(gate.CompoundId);
        return TypedResults.Ok(View(gate, await Rules(gate.CompoundId, ct)));
    }

    public async Task<ClosureView?> Closure(long compoundId, CancellationToken ct = default)
    {
        if (await Compound(compoundId, ct) is null)
        {
            return null;
        }
        var orders = await db.ClosureOrders().AsNoTracking().Where(o => o.CompoundId == compoundId).OrderBy(o => o.EffectiveFrom).ThenBy(o => o.Id).ToListAsync(ct);
        var now = clock.UtcNow;
        var inForce = orders.LastOrDefault(o => o.EffectiveFrom <= now);
        return new ClosureView(compoundId, inForce is null ? null : ClosureOrderView.Of(inForce, true), await Rules(compoundId, ct),
            orders.OrderByDescending(o => o.EffectiveFrom).ThenByDescending(o => o.Id).Select(o => ClosureOrderView.Of(o, o == inForce)).ToArray());
    }

    public async Task<Results<Created<ClosureOrderView>, ValidationProblem, ProblemHttpResult>> IssueOrder(long compoundId, ClosureOrderRequest request, CancellationToken ct)
    {
        if (await Compound(compoundId, ct) is not { } compound)
        {
            return Problems.NotFound("compound", compoundId);
        }
        var errors = new ValidationErrors();
        var gates = await db.Gates().AsNoTracking().Where(g => g.CompoundId == compoundId && g.RetiredAt == null).OrderBy(g => g.Id).ToListAsync(ct);
        var open = request.OpenGateIds is { Length: > 0 } ids ? ids.Distinct().ToArray() : gates.Take(1).Select(g => g.Id).ToArray();
        if (open.FirstOrDefault(id => gates.All(g => g.Id != id)) is var unknown and not 0)
        {
            errors.Add("openGateIds", $"gate {unknown} is not an open gate of this compound");
        }
        if (open.Length == 0)
        {
            errors.Add("openGateIds", "the compound has no gate yet: add one first");
        }
        if (request.OpensAt is not null != request.ClosesAt is not null)
        {
            errors.Add(request.OpensAt is null ? "opensAt" : "closesAt", "give both opening and closing time, or neither for around the clock");
        }
        var threshold = request.FeverThreshold ?? PassRules.DefaultFeverThreshold;
        if (threshold is < 37.0m or > 38.5m)
        {
            errors.Add("feverThreshold", $"must be between 37.0 and 38.5 °C (got {threshold})");
        }
        var now = clock.UtcNow;
        var from = request.EffectiveFrom?.ToUniversalTime() ?? now;
        if (from < now.AddMinutes(-1))
        {
            errors.Add("effectiveFrom", "must not be in the past: the history of orders is not rewritten");
        }
        var note = errors.Text("note", request.Note, PassFieldRules.PurposeMaxLength, required: false);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        var order = new ClosureOrder
        {
            CompoundId = compoundId, OpenGateIds = string.Join(",", open), OpensAt = request.OpensAt, ClosesAt = request.ClosesAt,
            OutsidersAllowed = request.OutsidersAllowed ?? false, MaskRequired = request.MaskRequired ?? true, FeverThreshold = threshold,
            EffectiveFrom = from < now ? now : from, IssuedAt = now, IssuedById = (await caller.Account(ct))!.Id, Note = note,
        };
        db.ClosureOrders().Add(order);
        await audit.Add(AuditAction.Create, "closure-order", [compoundId], compound.Path,
            $"gates {order.OpenGateIds}, hours {order.OpensAt?.ToString() ?? "24h"}-{order.ClosesAt?.ToString() ?? ""}, outsiders {order.OutsidersAllowed}, mask {order.MaskRequired}, fever {order.FeverThreshold}, from {order.EffectiveFrom:u}", ct);
        await db.SaveChangesAsync(ct);
        directory.Forget(compoundId);
        return TypedResults.Created($"/api/v1/compounds/{compoundId}/closure", ClosureOrderView.Of(order, order.EffectiveFrom <= now));
    }

    private async Task<(Gate Gate, Place Compound)?> Tracked(long gateId, CancellationToken ct)
    {
        var gate = await db.Gates().FirstOrDefaultAsync(g => g.Id == gateId, ct);
        return gate is not null && await Compound(gate.CompoundId, ct) is { } compound ? (gate, compound) : null;
    }

    private async Task<ClosureRules> Rules(long compoundId, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var order = await db.ClosureOrders().AsNoTracking().Where(o => o.CompoundId == compoundId && o.EffectiveFrom <= now)
            .OrderByDescending(o => o.EffectiveFrom).ThenByDescending(o => o.Id).FirstOrDefaultAsync(ct);
        var first = await db.Gates().AsNoTracking().Where(g => g.CompoundId == compoundId && g.RetiredAt == null).OrderBy(g => g.Id).Select(g => (long?)g.Id).FirstOrDefaultAsync(ct);
        return order is null ? ClosureRules.Default(first) : ClosureRules.Of(order);
    }

    private static GateView View(Gate g, ClosureRules rules) => new(g.Id, g.CompoundId, g.Name, g.RetiredAt is null && rules.OpenGateIds.Contains(g.Id), g.CreatedAt, g.RetiredAt);
}
