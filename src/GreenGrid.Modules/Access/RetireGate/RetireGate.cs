using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenGrid.Access.RetireGate;

/// <summary>Retire a gate of a compound inside the caller's jurisdictions: it no longer opens; its scans stay. Audited in the same commit.</summary>
internal sealed class RetireGate(AppDb db, CompoundGates compounds, GateDirectory directory, AuditLog audit, CityClock clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/gates/{gateId:long}/retire", (long gateId, RetireGate retire, CancellationToken ct) => retire.Handle(gateId, ct))
            .WithSummary("Retire a gate: it no longer opens (audited).");

    public async Task<Results<Ok<GateView>, ProblemHttpResult>> Handle(long gateId, CancellationToken ct)
    {
        if (await compounds.Tracked(gateId, ct) is not var (gate, compound))
        {
            return Problems.NotFound(AccessMessages.GateNotFound(gateId));
        }
        if (gate.RetiredAt is not null)
        {
            return Problems.Conflict("id", AccessMessages.GateRetired(gateId));
        }
        gate.Retire(clock.UtcNow);
        await audit.Add(AuditAction.Retire, "gate", [gate.Id], compound.Path, gate.Name, ct);
        await db.SaveChangesAsync(ct);
        directory.Forget(gate.CompoundId);
        return TypedResults.Ok(CompoundGates.View(gate, await compounds.Rules(gate.CompoundId, ct)));
    }
}
