using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Access.AddGate;

/// <summary>Add a gate to a compound inside the caller's jurisdictions, audited with the change; two live gates of a compound never share a name.</summary>
internal sealed class AddGate(AppDb db, CompoundGates compounds, GateDirectory directory, AuditLog audit, CityClock clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/compounds/{compoundId:long}/gates", (long compoundId, GateRequest request, AddGate add, CancellationToken ct) => add.Handle(compoundId, request, ct))
            .WithSummary("Add a gate to a compound (audited).");

    public async Task<Results<Created<GateView>, ValidationProblem, ProblemHttpResult>> Handle(long compoundId, GateRequest request, CancellationToken ct)
    {
        if (await compounds.Compound(compoundId, ct) is not { } compound)
        {
            return Problems.NotFound(AccessMessages.CompoundNotFound(compoundId));
        }
        var errors = new ValidationErrors();
        var name = errors.Text("name", request.Name, GateRules.NameMaxLength);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        if (await db.Gates().AnyAsync(g => g.CompoundId == compoundId && g.Name == name && g.RetiredAt == null, ct))
        {
            return Problems.Conflict("name", AccessMessages.GateNameTaken(name));
        }
        var gate = new Gate { CompoundId = compoundId, Name = name!, CreatedAt = clock.UtcNow };
        db.Gates().Add(gate);
        await db.SaveChangesAsync(ct);
        await audit.Record(AuditAction.Create, "gate", [gate.Id], compound.Path, name, ct);
        directory.Forget(compoundId);
        return TypedResults.Created($"/api/v1/gates/{gate.Id}", CompoundGates.View(gate, await compounds.Rules(compoundId, ct)));
    }
}
