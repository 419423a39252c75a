using GreenGrid.Cases;
using GreenGrid.Certification.Workflow;
using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Certification.RevokeCertification;

/// <summary>
/// Pulls certifications back the moment the engine no longer finds the place free: a new case or a
/// new person under management in it (told by <see cref="CertificationListener"/>), a withdrawn
/// control, or — at start-up — anything a missed event should have revoked. The place and every
/// certified ancestor go at once (the engine's roll-up makes them not free too); each revocation
/// records why and raises an alert for the reviewers.
/// </summary>
internal sealed class Revocations(AppDb db, CityCertification city, CityClock clock, AuditLog audit)
{
    /// <summary>Re-checks the certified places on the paths of these compounds (every certified place when null); returns the applications revoked.</summary>
    public async Task<List<long>> Recheck(IReadOnlyCollection<long>? compoundIds, CaseEvent? cause, string why, CancellationToken ct)
    {
        var certified = db.CertificationApplications().Where(a => a.Status == ApplicationStatus.Approved);
        if (compoundIds is not null)
        {
            var paths = await db.Places().AsNoTracking().Where(p => compoundIds.Contains(p.Id)).Select(p => p.Path).ToListAsync(ct);
            var onPaths = paths.SelectMany(PlacePath.Ids).Distinct().ToList();
            certified = certified.Where(a => onPaths.Contains(a.PlaceId));
        }
        var apps = await certified.ToListAsync(ct);
        if (apps.Count == 0)
        {
            return [];
        }
        var today = clock.Today;
        var ids = apps.Select(a => a.PlaceId).ToList();
        var notFree = await city.Read(today, v => ids.Where(id => v.Status(id) is { Free: false }).ToHashSet(), ct);
        var revoked = apps.Where(a => notFree.Contains(a.PlaceId)).ToList();
        foreach (var a in revoked)
        {
            a.Revoke(today, clock.UtcNow, why, cause?.Id);
            db.Add(CertificationAlert.RevocationOf(a));
            await audit.Add(AuditAction.Update, "certification-application", [a.Id], a.PlacePath, $"revoked: {a.RevokedReason}", ct);
        }
        if (revoked.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }
        return revoked.Select(a => a.Id).ToList();
    }
}
