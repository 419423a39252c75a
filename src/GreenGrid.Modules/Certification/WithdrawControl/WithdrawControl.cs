using GreenGrid.Certification.RevokeCertification;
using GreenGrid.Certification.Workflow;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Certification.WithdrawControl;

public sealed record WithdrawInput(DateOnly? Date);

/// <summary>
/// Withdraw an attested control from a day (today by default, not before it was attested); a certified
/// place that the gap leaves not free is revoked at once.
/// </summary>
internal sealed class WithdrawControl(AppDb db, Caller caller, CityCertification city, CityClock clock, AuditLog audit, Revocations revocations)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/certification/controls/{id:long}/withdraw", (long id, WithdrawInput input, WithdrawControl withdraw, CancellationToken ct) => withdraw.Handle(id, input, ct))
            .WithSummary("Withdraw an attested control (from a day); a certified place it leaves without the control is revoked.");

    public async Task<Results<Ok<AttestationView>, ValidationProblem, ProblemHttpResult>> Handle(long attestationId, WithdrawInput input, CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        var row = await db.CertificationControls().FirstOrDefaultAsync(c => c.Id == attestationId, ct);
        if (row is null || !account.Covers(row.CompoundPath))
        {
            return Problems.NotFound(CertificationMessages.AttestationNotFound(attestationId));
        }
        if (row.WithdrawnOn is not null)
        {
            return Problems.Conflict("id", CertificationMessages.AlreadyWithdrawn(row.WithdrawnOn));
        }
        var today = clock.Today;
        var date = input.Date ?? today;
        if (date > today)
        {
            return Problems.Invalid("date", PlatformMessages.IsInFuture(today));
        }
        if (date < row.AttestedOn)
        {
            return Problems.Invalid("date", CertificationMessages.BeforeAttested(row.AttestedOn));
        }
        row.Withdraw(date, clock.UtcNow, account.Id);
        await audit.Add(AuditAction.Update, "certification-control", [row.Id], row.CompoundPath, $"{ControlNames.Name(row.Control)} withdrawn from {date:yyyy-MM-dd}", ct);
        await db.SaveChangesAsync(ct);
        // The engine cannot take an attestation back: rebuild, then pull back what the gap uncertifies.
        city.Invalidate();
        await revocations.Recheck([row.CompoundId], null, $"{ControlNames.Name(row.Control)} withdrawn on {date:yyyy-MM-dd}", ct);
        return TypedResults.Ok(new AttestationView(row.Id, ControlNames.Name(row.Control), row.AttestedOn, row.WithdrawnOn, row.Note));
    }
}
