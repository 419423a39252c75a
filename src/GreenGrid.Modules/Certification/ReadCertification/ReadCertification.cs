using GreenGrid.Certification.Workflow;
using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Certification.ReadCertification;

public sealed record ChildStatus(long Id, PlaceKind Kind, string NameZh, string NameEn, string Status, DateOnly? FreeSince, DateOnly? FreeFrom, ApplicationStatus? Certification);

/// <summary>What the certified place may relax (a reopening rule), from which day, and whether it may on the day asked about.</summary>
public sealed record ReopeningView(string Relaxation, int AfterDays, DateOnly From, bool InForce);

/// <summary>A place's certification on a day: status, why, when it can become free, its children, controls, its application, what it may relax.</summary>
public sealed record CertificationView(
    long PlaceId, PlaceKind Kind, string NameZh, string NameEn, DateOnly AsOf, string Standard, string Status, DateOnly? FreeSince, DateOnly? FreeFrom,
    List<ReasonView> Reasons, bool Eligible, ApplicationView? Certification, List<ChildStatus> Children, List<AttestationView> Controls, List<ReopeningView> Reopening,
    long? AssessedWith = null);

/// <summary>
/// Read a place's certification on a day (the place page and the API): the engine's status and reasons, the
/// children, the compound's controls, the latest application and what a certified place may relax. The
/// people named in the reasons are recorded in the audit log as read.
/// </summary>
internal sealed class ReadCertification(AppDb db, PlaceQueries places, CityCertification city, CityClock clock, AuditLog audit, WorkflowQueries queries)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/places/{id:long}/certification", async Task<Results<Ok<CertificationView>, ProblemHttpResult>> (long id, DateOnly? asOf, ReadCertification read, CancellationToken ct) =>
            await read.Handle(id, asOf, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound(Places.PlaceMessages.NotFound(id)))
            .WithSummary("A place's certification on a day: status, reasons, free since / free from, children, controls, application, reopening.");

    /// <summary>The certification of a visible place as of <paramref name="asOf"/> (today when null); null when the caller cannot see the place.</summary>
    public async Task<CertificationView?> Handle(long placeId, DateOnly? asOf, CancellationToken ct)
    {
        if (await places.Find(placeId, ct) is not { } place)
        {
            return null;
        }
        var day = asOf ?? clock.Today;
        var children = await places.Children(placeId, ct: ct);
        var childIds = children.Select(c => c.Id).ToList();
        // The standard is met by compounds and above; a building's people count for its compound, so a building
        // has its compound's status and reasons (it would otherwise read "epidemic-free" beside a confirmed resident).
        long? assessedWith = place.Kind == PlaceKind.Building ? place.ParentId : null;
        var assessed = assessedWith ?? place.Id;
        var (status, reasons, childStatus) = await city.Read(day, v =>
            (v.Status(assessed), v.Reasons(assessed), childIds.Select(v.Status).ToList()), ct, assessed);
        var reasonViews = await queries.Describe(reasons, ct, await city.Read(null, v => v.Standard.QuietDays, ct));
        var certification = await LatestApplication(place.Id, ct);
        var certifiedChildren = await db.CertificationApplications().AsNoTracking()
            .Where(a => childIds.Contains(a.PlaceId) && a.Status != ApplicationStatus.Rejected)
            .GroupBy(a => a.PlaceId).Select(g => g.OrderByDescending(a => a.Id).First()).ToListAsync(ct);
        var byChild = certifiedChildren.ToDictionary(a => a.PlaceId, a => a.Status);
        var childViews = children.Zip(childStatus).Where(c => c.Second is not null)
            .Select(c => new ChildStatus(c.First.Id, c.First.Kind, c.First.NameZh, c.First.NameEn, Words.Status(c.Second!.Free), c.Second.FreeSince, c.Second.FreeFrom,
                byChild.TryGetValue(c.First.Id, out var s) ? s : null)).ToList();
        var controls = place.Kind == PlaceKind.Compound
            ? (await db.CertificationControls().AsNoTracking().Where(c => c.CompoundId == place.Id).OrderBy(c => c.Control).ThenBy(c => c.Id).ToListAsync(ct))
                .Select(c => new AttestationView(c.Id, ControlNames.Name(c.Control), c.AttestedOn, c.WithdrawnOn, c.Note)).ToList()
            : [];
        var reopening = certification is { Status: ApplicationStatus.Approved, CertifiedOn: { } since }
            ? (await db.CertificationReopeningRules().AsNoTracking().OrderBy(r => r.AfterDays).ToListAsync(ct))
                .Where(r => r.AppliesTo is null || r.AppliesTo.Value.Level() == place.Kind.Level())
                .Select(r => new ReopeningView(r.Relaxation, r.AfterDays, since.AddDays(r.AfterDays), day >= since.AddDays(r.AfterDays))).ToList()
            : [];
        if (reasonViews.Any(r => r.ResidentId is not null))
        {
            await audit.Record(AuditAction.Read, "certification", reasonViews.Where(r => r.ResidentId is not null).Select(r => r.ResidentId!.Value).Distinct(), place.Path,
                $"certification of {place.NameZh} as of {day:yyyy-MM-dd}: blocking people", ct);
        }
        var free = status?.Free ?? true;
        var open = certification is { Status: ApplicationStatus.Pending or ApplicationStatus.Approved };
        return new CertificationView(place.Id, place.Kind, place.NameZh, place.NameEn, day, await queries.StandardVersion(ct), Words.Status(free), status?.FreeSince, status?.FreeFrom,
            reasonViews, free && !open && CertificationRules.Certifiable.Contains(place.Kind) && day == clock.Today, certification, childViews, controls, reopening, assessedWith);
    }

    private async Task<ApplicationView?> LatestApplication(long placeId, CancellationToken ct)
    {
        var latest = await db.CertificationApplications().AsNoTracking().Where(a => a.PlaceId == placeId).OrderByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        return latest is null ? null : (await queries.Views([latest], ct))[0];
    }
}
