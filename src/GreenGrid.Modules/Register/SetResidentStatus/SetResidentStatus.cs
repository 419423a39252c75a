using System.Globalization;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Time;
using GreenGrid.Register.ReadHouseholds;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenGrid.Register.SetResidentStatus;

public sealed record ResidentStatusRequest(ResidentStatus? Status, DateOnly? Date);

/// <summary>
/// Mark a resident inside the caller's jurisdictions as moved out or deceased on a day (not in the future, not
/// before the birth date), or present again, audited in the same commit. Coming back must not make the person
/// count twice.
/// </summary>
internal sealed class SetResidentStatus(AppDb db, RegisterAccess access, Duplicates duplicates, AuditLog audit, CityClock clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/residents/{id:long}/status", (long id, ResidentStatusRequest request, SetResidentStatus set, CancellationToken ct) => set.Handle(id, request, ct))
            .WithSummary("Mark a resident as moved out or deceased (or present again).");

    public async Task<Results<Ok<ResidentView>, ValidationProblem, ProblemHttpResult>> Handle(long id, ResidentStatusRequest request, CancellationToken ct)
    {
        if (await access.Resident(id, ct) is not var (resident, _, building) || resident.MergedIntoId is not null)
        {
            return Problems.NotFound(RegisterMessages.ResidentNotFound(id));
        }
        var errors = new ValidationErrors();
        if (request.Status is not { } status)
        {
            errors.Add("status", RegisterMessages.StatusRequired);
            return Problems.Invalid(errors);
        }
        var date = request.Date;
        if (status != ResidentStatus.Present)
        {
            if (date is null)
            {
                errors.Add("date", RegisterMessages.StatusDateRequired);
            }
            else if (date > clock.Today)
            {
                errors.Add("date", PlatformMessages.DateInFuture(date.Value));
            }
            else if (date < resident.BirthDate)
            {
                errors.Add("date", RegisterMessages.BeforeBirth(date.Value));
            }
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        if (status == ResidentStatus.Present && resident.Status != ResidentStatus.Present
            && await duplicates.Problem(ResidentFacts.Of(resident), id, confirmNotDuplicate: false, ct) is { } duplicate)
        {
            return duplicate; // coming back must not make the person count twice
        }
        var was = resident.Status;
        resident.SetStatus(status, date);
        await audit.Add(AuditAction.Update, "resident", [id], building.Path,
            $"status {was} → {status}{(date is { } d && status != ResidentStatus.Present ? " on " + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "")}", ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(HouseholdQueries.View(resident, clock.Today));
    }
}
