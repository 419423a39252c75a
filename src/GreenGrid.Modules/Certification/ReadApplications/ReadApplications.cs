using System.Text.Json;
using GreenGrid.Certification.Workflow;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Certification.ReadApplications;

/// <summary>Read the applications inside the caller's jurisdictions, newest first (the review queue and the API).</summary>
internal sealed class ReadApplications(AppDb db, Caller caller, WorkflowQueries queries)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/certification/applications", (string? status, ReadApplications read, CancellationToken ct) => read.Handle(status, ct))
            .WithSummary("Applications inside the caller's jurisdictions (status: pending, approved, rejected, revoked).");

    public async Task<Results<Ok<List<ApplicationView>>, ValidationProblem>> Handle(string? status, CancellationToken ct)
    {
        ApplicationStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<ApplicationStatus>(status, ignoreCase: true, out var s) || int.TryParse(status, out _))
            {
                return Problems.Invalid("status", CertificationMessages.StatusOneOf);
            }
            wanted = s;
        }
        var account = (await caller.Account(ct))!;
        var query = db.CertificationApplications().AsNoTracking()
            .Where(PlacePath.WithinAny<CertificationApplication>(a => a.PlacePath, account.Jurisdictions.Select(j => j.Path).ToArray()));
        if (wanted is { } w)
        {
            query = query.Where(a => a.Status == w);
        }
        var apps = await query.OrderByDescending(a => a.Id).Take(500).ToListAsync(ct);
        return TypedResults.Ok(await queries.Views(apps, ct));
    }
}
