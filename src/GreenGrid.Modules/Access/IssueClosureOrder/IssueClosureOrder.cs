using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Access.IssueClosureOrder;

/// <summary>
/// A new closure order. <see cref="OpenGateIds"/> empty or missing means the compound's first gate;
/// hours both missing mean around the clock; <see cref="EffectiveFrom"/> missing means now.
/// </summary>
public sealed record ClosureOrderRequest(
    long[]? OpenGateIds, TimeOnly? OpensAt, TimeOnly? ClosesAt, bool? OutsidersAllowed, bool? MaskRequired, decimal? FeverThreshold, DateTime? EffectiveFrom, string? Note);

/// <summary>
/// Issue a closure order for a compound inside the caller's jurisdictions, audited in the same
/// commit. Orders are never edited: the new one replaces the one in force from its start.
/// </summary>
internal sealed class IssueClosureOrder(AppDb db, CompoundGates compounds, GateDirectory directory, AuditLog audit, CityClock clock, Caller caller)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/compounds/{compoundId:long}/closure-orders", (long compoundId, ClosureOrderRequest request, IssueClosureOrder issue, CancellationToken ct) => issue.Handle(compoundId, request, ct))
            .WithSummary("Issue a closure order: open gates, hours, rules, from when (audited; replaces the order in force from then).");

    public async Task<Results<Created<ClosureOrderView>, ValidationProblem, ProblemHttpResult>> Handle(long compoundId, ClosureOrderRequest request, CancellationToken ct)
    {
        if (await compounds.Compound(compoundId, ct) is not { } compound)
        {
            return Problems.NotFound(AccessMessages.CompoundNotFound(compoundId));
        }
        var errors = new ValidationErrors();
        var gates = await db.Gates().AsNoTracking().Where(g => g.CompoundId == compoundId && g.RetiredAt == null).OrderBy(g => g.Id).ToListAsync(ct);
        var open = request.OpenGateIds is { Length: > 0 } ids ? ids.Distinct().ToArray() : gates.Take(1).Select(g => g.Id).ToArray();
        if (open.FirstOrDefault(id => gates.All(g => g.Id != id)) is var unknown and not 0)
        {
            errors.Add("openGateIds", AccessMessages.NotAnOpenGate(unknown));
        }
        if (open.Length == 0)
        {
            errors.Add("openGateIds", AccessMessages.NoGateYet);
        }
        if (request.OpensAt is not null != request.ClosesAt is not null)
        {
            errors.Add(request.OpensAt is null ? "opensAt" : "closesAt", AccessMessages.BothTimesOrNeither);
        }
        var threshold = request.FeverThreshold ?? PassRules.DefaultFeverThreshold;
        if (threshold is < 37.0m or > 38.5m)
        {
            errors.Add("feverThreshold", AccessMessages.FeverThreshold(threshold));
        }
        var now = clock.UtcNow;
        var from = request.EffectiveFrom?.ToUniversalTime() ?? now;
        if (from < now.AddMinutes(-1))
        {
            errors.Add("effectiveFrom", AccessMessages.OrderInPast);
        }
        var note = errors.Text("note", request.Note, PassFieldRules.PurposeMaxLength, required: false);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        var order = ClosureOrder.Issue(compoundId, open, request.OpensAt, request.ClosesAt, request.OutsidersAllowed ?? false, request.MaskRequired ?? true, threshold,
            from, now, (await caller.Account(ct))!.Id, note);
        db.ClosureOrders().Add(order);
        await audit.Add(AuditAction.Create, "closure-order", [compoundId], compound.Path,
            $"gates {order.OpenGateIds}, hours {order.OpensAt?.ToString() ?? "24h"}-{order.ClosesAt?.ToString() ?? ""}, outsiders {order.OutsidersAllowed}, mask {order.MaskRequired}, fever {order.FeverThreshold}, from {order.EffectiveFrom:u}", ct);
        await db.SaveChangesAsync(ct);
        directory.Forget(compoundId);
        return TypedResults.Created($"/api/v1/compounds/{compoundId}/closure", ClosureOrderView.Of(order, order.EffectiveBy(now)));
    }
}
