using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenGrid.Access.RenameGate;

/// <summary>Rename a gate of a compound inside the caller's jurisdictions, audited in the same commit.</summary>
internal sealed class RenameGate(AppDb db, CompoundGates compounds, GateDirectory directory, AuditLog audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/gates/{gateId:long}", (long gateId, GateRequest request, RenameGate rename, CancellationToken ct) => rename.Handle(gateId, request, ct))
            .WithSummary("Rename a gate (audited).");

    public async Task<Results<Ok<GateView>, ValidationProblem, ProblemHttpResult>> Handle(long gateId, GateRequest request, CancellationToken ct)
    {
        if (await compounds.Tracked(gateId, ct) is not var (gate, compound))
        {
            return Problems.NotFound(AccessMessages.GateNotFound(gateId));
        }
        var errors = new ValidationErrors();
        var name = errors.Text("name", request.Name, GateRules.NameMaxLength);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        await audit.Add(AuditAction.Update, "gate", [gate.Id], compound.Path, $"renamed '{gate.Name}' to '{name}'", ct);
        gate.Rename(name!);
        await db.SaveChangesAsync(ct);
        directory.Forget(gate.CompoundId);
        return TypedResults.Ok(CompoundGates.View(gate, await compounds.Rules(gate.CompoundId, ct)));
    }
}
