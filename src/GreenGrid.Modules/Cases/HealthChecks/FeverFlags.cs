using GreenGrid.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Cases.HealthChecks;

/// <summary>
/// A resident whose latest check of the day is at or above 37.3 °C and who is not yet a fever patient,
/// suspected or infected case: the worker is offered a fever report (a case event) for them.
/// </summary>
public sealed record FeverFlag(long ResidentId, string Name, decimal Temperature, long CheckId);

/// <summary>Which checks call for a fever report: shared by the recording of checks and the coverage sheet.</summary>
internal sealed class FeverFlags(AppDb db, CaseStatuses statuses)
{
    public async Task<FeverFlag?> Of(HealthCheck check, string name, CancellationToken ct) =>
        (await Of([check], new Dictionary<long, string> { [check.ResidentId] = name }, ct)).FirstOrDefault();

    /// <summary>Of these checks, the feverish ones that are the latest of their day, of people a fever report still fits.</summary>
    public async Task<FeverFlag[]> Of(IReadOnlyCollection<HealthCheck> checks, IReadOnlyDictionary<long, string> names, CancellationToken ct)
    {
        var feverish = checks.Where(c => c.Feverish).ToList();
        if (feverish.Count == 0)
        {
            return [];
        }
        var residentIds = feverish.Select(c => c.ResidentId).Distinct().ToList();
        var days = feverish.Select(c => c.Day).Distinct().ToList();
        var latest = (await db.HealthChecks().AsNoTracking().Where(c => residentIds.Contains(c.ResidentId) && days.Contains(c.Day))
                .Select(c => new { c.ResidentId, c.Day, c.Id }).ToListAsync(ct))
            .GroupBy(c => (c.ResidentId, c.Day)).ToDictionary(g => g.Key, g => g.Max(c => c.Id));
        var flags = new List<FeverFlag>();
        foreach (var group in feverish.GroupBy(c => c.Day))
        {
            var states = await statuses.OfResidents(group.Select(c => c.ResidentId).Distinct().ToList(), group.Key, ct);
            flags.AddRange(group.Where(c => latest.GetValueOrDefault((c.ResidentId, c.Day)) == c.Id && FeverReportFits(states[c.ResidentId], c.Day))
                .Select(c => new FeverFlag(c.ResidentId, names.GetValueOrDefault(c.ResidentId, ""), c.Temperature, c.Id)));
        }
        return [.. flags.OrderBy(f => f.ResidentId)];
    }

    private bool FeverReportFits(CaseState state, DateOnly day) =>
        CaseHistory.Apply(state, new CaseEvent { Type = CaseEventType.Fever, EffectiveDate = day }, statuses.ObservationDays).Problem is null;
}
