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
using Microsoft.Extensions.Options;

namespace GreenGrid.Certification.ApplyForCertification;

public sealed record ApplyInput(string? Note);

/// <summary>
/// Apply to certify a live compound, community, sub-district or district that the engine finds epidemic-free
/// today (refused with the reasons when it is not), with no application pending or certification in force.
/// The application records the compounds' attestations it rests on; a sub-district's or district's goes on
/// public notice first.
/// </summary>
internal sealed class ApplyForCertification(
    AppDb db, Caller caller, PlaceQueries places, CityCertification city, CityClock clock, AuditLog audit, IOptions<CertificationOptions> options, WorkflowQueries queries)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/places/{id:long}/certification/applications", (long id, ApplyInput input, ApplyForCertification apply, CancellationToken ct) => apply.Handle(id, input, ct))
            .WithSummary("Apply to certify an eligible place epidemic-free (refused with the reasons when it is not).");

    public async Task<Results<Created<ApplicationView>, ValidationProblem, ProblemHttpResult>> Handle(long placeId, ApplyInput input, CancellationToken ct)
    {
        if (await places.Find(placeId, ct) is not { } place)
        {
            return Problems.NotFound(PlaceMessages.NotFound(placeId));
        }
        if (!CertificationRules.Certifiable.Contains(place.Kind) || place.RetiredAt is not null)
        {
            return Problems.Conflict("id", CertificationMessages.KindNotCertified(place.Kind));
        }
        var errors = new ValidationErrors();
        var note = errors.Text("note", input.Note, CertificationRules.ReasonMaxLength, required: false);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        if (await db.CertificationApplications().AnyAsync(a => a.PlaceId == place.Id && (a.Status == ApplicationStatus.Pending || a.Status == ApplicationStatus.Approved), ct))
        {
            return Problems.Conflict("id", CertificationMessages.AlreadyPendingOrInForce);
        }
        var today = clock.Today;
        var (status, reasons) = await city.Read(today, v => (v.Status(place.Id), v.Reasons(place.Id)), ct, place.Id);
        if (status is not { Free: true } free)
        {
            return CertificationRules.NotEligible(await queries.Describe(reasons, ct));
        }
        var account = (await caller.Account(ct))!;
        var compounds = await db.Places().AsNoTracking().Where(PlacePath.Within(place.Path)).Where(p => p.Kind == PlaceKind.Compound && p.RetiredAt == null).Select(p => p.Id).ToListAsync(ct);
        var attestations = await db.CertificationControls().AsNoTracking().Where(c => compounds.Contains(c.CompoundId) && c.WithdrawnOn == null)
            .OrderBy(c => c.CompoundId).ThenBy(c => c.Control).Select(c => new { c.CompoundId, c.Control, c.AttestedOn }).ToListAsync(ct);
        var lines = string.Join("\n", attestations.Select(a => $"{a.CompoundId}:{ControlNames.Name(a.Control)}:{a.AttestedOn:yyyy-MM-dd}"));
        var app = new CertificationApplication
        {
            PlaceId = place.Id, PlacePath = place.Path, PlaceKind = place.Kind, Status = ApplicationStatus.Pending, StandardVersion = await queries.StandardVersion(ct),
            AppliedOn = today, AppliedAt = clock.UtcNow, AppliedById = account.Id, FreeSince = free.FreeSince ?? today, Note = note,
            Attestations = lines.Length > 4000 ? lines[..3999] + "…" : lines,
            NoticeUntil = CertificationRules.ReviewedByCity(place.Kind) ? today.AddDays(options.Value.NoticeDays - 1) : null,
        };
        db.Add(app);
        await db.SaveChangesAsync(ct);
        await audit.Record(AuditAction.Create, "certification-application", [app.Id], place.Path, $"{place.NameZh} applied, free since {app.FreeSince:yyyy-MM-dd}", ct);
        return TypedResults.Created($"/api/v1/places/{place.Id}/certification", (await queries.Views([app], ct))[0]);
    }
}
