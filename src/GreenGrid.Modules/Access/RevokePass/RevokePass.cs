using GreenGrid.Access.ScanPass;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Access.RevokePass;

public sealed record RevokePassRequest(string? Reason);

/// <summary>Revoke a pass the caller may see, with the reason, audited in the same commit; every gate refuses it from the next scan on.</summary>
internal sealed class RevokePass(AppDb db, PassViews passes, Caller caller, AuditLog audit, CityClock clock, PassLedger ledger)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/passes/{id:long}/revoke", (long id, RevokePassRequest request, RevokePass revoke, CancellationToken ct) => revoke.Handle(id, request, ct))
            .WithSummary("Revoke a pass at once, with the reason (audited).");

    public async Task<Results<Ok<PassView>, ValidationProblem, ProblemHttpResult>> Handle(long id, RevokePassRequest request, CancellationToken ct)
    {
        if (await passes.Visible(id, ct) is not var (pass, place))
        {
            return Problems.NotFound(AccessMessages.PassNotFound(id));
        }
        var errors = new ValidationErrors();
        var reason = errors.Text("reason", request.Reason, PassFieldRules.ReasonMaxLength);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        if (pass.RevokedAt is not null)
        {
            return Problems.Conflict("id", AccessMessages.PassRevoked(id, pass.RevokedAt));
        }
        var tracked = await db.Passes().FirstAsync(p => p.Id == id, ct);
        tracked.Revoke(clock.UtcNow, (await caller.Account(ct))!.Id, reason!);
        await audit.Add(AuditAction.Update, "pass", [id], place.Path, $"revoked: {reason}", ct);
        await db.SaveChangesAsync(ct);
        // Immediate at every gate: the next scan of this pass reads the revocation.
        await ledger.Forget(tracked.Id, tracked.HouseholdId, ct);
        return TypedResults.Ok((await passes.Of([tracked], ct))[0]);
    }
}
