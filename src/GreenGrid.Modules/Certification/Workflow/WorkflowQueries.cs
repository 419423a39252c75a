using GreenGrid.Certification.Engine;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Register;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Certification.Workflow;

/// <summary>
/// The reads the workflow's use cases share: reasons and applications put in words and names, the
/// standard in force, the approved places waiting for a batch, a batch as its reader may see it.
/// No jurisdiction is checked here; each use case decides what its caller may see first.
/// </summary>
internal sealed class WorkflowQueries(AppDb db, CityCertification city)
{
    /// <summary>The version of the standard the engine applies.</summary>
    public Task<string> StandardVersion(CancellationToken ct) => city.Read(null, v => v.Standard.Version, ct);

    /// <summary>Reasons with names: residents masked (王某), places in both languages.</summary>
    public async Task<List<ReasonView>> Describe(IReadOnlyList<PlaceReason> reasons, CancellationToken ct, int quietDays = 14)
    {
        var residentIds = reasons.Where(r => r.ResidentId is not null).Select(r => r.ResidentId!.Value).Distinct().ToList();
        var names = await RegisterReads.Records(db).Where(r => residentIds.Contains(r.Id)).Select(r => new { r.Id, r.Name }).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var placeIds = reasons.Where(r => r.PlaceId is not null).Select(r => r.PlaceId!.Value).ToList();
        var placeNames = await db.Places().AsNoTracking().Where(p => placeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return reasons.Select(r => new ReasonView(Words.Code(r.Code), r.ResidentId,
            r.ResidentId is { } rid && names.TryGetValue(rid, out var n) ? Words.MaskName(n) : null,
            r.Type is { } t && r.Code != ReasonCode.RecentCase ? Words.Type(t) : r.Code == ReasonCode.RecentCase ? "confirmed" : null,
            r.Date, r.Code == ReasonCode.RecentCase ? r.Date?.AddDays(quietDays) : r.Until, r.Control is { } c ? ControlNames.Name(c) : null, r.PlaceId,
            r.PlaceId is { } pid && placeNames.TryGetValue(pid, out var p) ? p.NameZh : null,
            r.PlaceId is { } pid2 && placeNames.TryGetValue(pid2, out var p2) ? p2.NameEn : null)).ToList();
    }

    /// <summary>Applications with their places' names and their batches' numbers.</summary>
    public async Task<List<ApplicationView>> Views(List<CertificationApplication> apps, CancellationToken ct)
    {
        var placeIds = apps.Select(a => a.PlaceId).Distinct().ToList();
        var names = await db.Places().AsNoTracking().Where(p => placeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var batchIds = apps.Where(a => a.BatchId is not null).Select(a => a.BatchId!.Value).Distinct().ToList();
        var numbers = await db.CertificationBatches().AsNoTracking().Where(b => batchIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Number, ct);
        return apps.Select(a => new ApplicationView(a.Id, a.PlaceId, a.PlaceKind, names[a.PlaceId].NameZh, names[a.PlaceId].NameEn, a.Status, a.AppliedOn, a.FreeSince,
            a.NoticeUntil, a.CertifiedOn, a.Note, a.RejectReason, a.BatchId, a.BatchId is { } b ? numbers[b] : null, a.RevokedOn, a.RevokedReason, a.RevokedByEventId,
            CertificationRules.ReviewedByCity(a.PlaceKind) ? "city" : "district",
            a.Attestations.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList())).ToList();
    }

    /// <summary>The approved places under a scope that no batch lists yet.</summary>
    public IQueryable<CertificationApplication> Unbatched(string scopePath) =>
        db.CertificationApplications().Where(a => a.Status == ApplicationStatus.Approved && a.BatchId == null)
            .Where(PlacePath.WithinAny<CertificationApplication>(a => a.PlacePath, [scopePath]));

    /// <summary>A batch as <paramref name="account"/> reads it: every total, but only the places inside its jurisdictions.</summary>
    public async Task<BatchView?> BatchOf(CertificationBatch batch, CallerAccount account, CancellationToken ct)
    {
        var apps = await db.CertificationApplications().AsNoTracking().Where(a => a.BatchId == batch.Id).OrderBy(a => a.BatchSeq).ToListAsync(ct);
        // Totals are public figures; the list shows only the places inside the caller's jurisdictions.
        apps = apps.Where(a => account.Covers(a.PlacePath)).ToList();
        var ids = apps.Select(a => a.PlaceId).Append(batch.ScopeId).ToList();
        var names = await db.Places().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return new BatchView(batch.Id, batch.Number, batch.ScopeId, names[batch.ScopeId].NameZh, names[batch.ScopeId].NameEn, batch.PublishedOn, batch.TotalsPerLevel(),
            apps.Select(a => new BatchEntry(a.BatchSeq ?? 0, a.PlaceId, a.PlaceKind, names[a.PlaceId].NameZh, names[a.PlaceId].NameEn, a.CertifiedOn ?? a.AppliedOn, a.Status)).ToList());
    }
}
