using System.Text.Json;
using GreenGrid.Certification.Workflow;
using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Certification.ReviewApplication;

public sealed record RejectInput(string? Reason);

/// <summary>
/// Review a pending application at the right level: district headquarters for compounds and communities,
/// city headquarters for sub-districts and districts once their public notice has ended. Approval checks
/// again that the place is epidemic-free today; a rejection gives its reason.
/// </summary>
internal sealed class ReviewApplication(AppDb db, Caller caller, CityCertification city, CityClock clock, AuditLog audit, WorkflowQueries queries)
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/certification/applications/{id:long}/approve", (long id, ReviewApplication review, CancellationToken ct) => review.Approve(id, ct))
            .WithSummary("Approve an application (district HQ: compounds and communities; city HQ: sub-districts and districts after the public notice).");
        api.MapPost("/certification/applications/{id:long}/reject", (long id, RejectInput input, ReviewApplication review, CancellationToken ct) => review.Reject(id, input, ct))
            .WithSummary("Reject an application with a reason.");
    }

    /// <summary>Whether the caller may review this application: headquarters covering it at district level (compounds, communities) or city level (sub-districts, districts).</summary>
    public async Task<bool> CanReview(ApplicationView app, CancellationToken ct)
    {
        var account = await caller.Account(ct);
        if (account is null || !account.Has(Permissions.CertificationReview))
        {
            return false;
        }
        var path = (await db.Places().AsNoTracking().FirstAsync(p => p.Id == app.PlaceId, ct)).Path;
        return CertificationRules.ReviewerOf(account, path, app.PlaceKind);
    }

    public async Task<Results<Ok<ApplicationView>, ValidationProblem, ProblemHttpResult>> Approve(long applicationId, CancellationToken ct)
    {
        var (app, problem) = await Reviewable(applicationId, ct);
        if (app is null)
        {
            return problem!;
        }
        var today = clock.Today;
        if (app.NoticeUntil is { } until && until >= today)
        {
            return Problems.Conflict("id", CertificationMessages.OnNotice(until, until.AddDays(1)));
        }
        var (status, reasons) = await city.Read(today, v => (v.Status(app.PlaceId), v.Reasons(app.PlaceId)), ct, app.PlaceId);
        if (status is { Free: false })
        {
            return CertificationRules.NotEligible(await queries.Describe(reasons, ct));
        }
        var account = (await caller.Account(ct))!;
        app.Approve(today, clock.UtcNow, account.Id);
        await audit.Add(AuditAction.Update, "certification-application", [app.Id], app.PlacePath, "approved: certified epidemic-free", ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await queries.Views([app], ct))[0]);
    }

    public async Task<Results<Ok<ApplicationView>, ValidationProblem, ProblemHttpResult>> Reject(long applicationId, RejectInput input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var reason = errors.Text("reason", input.Reason, CertificationRules.ReasonMaxLength);
        var (app, problem) = await Reviewable(applicationId, ct);
        if (app is null)
        {
            return problem!;
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        var account = (await caller.Account(ct))!;
        app.Reject(reason!, clock.UtcNow, account.Id);
        await audit.Add(AuditAction.Update, "certification-application", [app.Id], app.PlacePath, $"rejected: {reason}", ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await queries.Views([app], ct))[0]);
    }

    /// <summary>The application, tracked, when the caller may review it now; else the problem: 404 outside its jurisdictions, 403 at the wrong level, 409 when not pending.</summary>
    private async Task<(CertificationApplication? App, ProblemHttpResult? Problem)> Reviewable(long applicationId, CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        var app = await db.CertificationApplications().FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (app is null || !account.Covers(app.PlacePath))
        {
            return (null, Problems.NotFound(CertificationMessages.ApplicationNotFound(applicationId)));
        }
        if (!CertificationRules.ReviewerOf(account, app.PlacePath, app.PlaceKind))
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.",
                detail: CertificationRules.ReviewedByCity(app.PlaceKind) ? "a sub-district or district is reviewed by city headquarters" : "a compound or community is reviewed by district headquarters"));
        }
        if (app.Status != ApplicationStatus.Pending)
        {
            return (null, Problems.Conflict("id", CertificationMessages.NotPending(app.Status)));
        }
        return (app, null);
    }
}
