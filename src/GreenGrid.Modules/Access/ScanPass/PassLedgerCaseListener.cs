using GreenGrid.Cases;
using GreenGrid.Platform.Data;
using GreenGrid.Register;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Access.ScanPass;

/// <summary>Tells the ledger which households have case records once case events are committed.</summary>
internal sealed class PassLedgerCaseListener(PassLedger ledger, AppDb db, Microsoft.Extensions.Logging.ILogger<PassLedgerCaseListener> log) : ICaseEventListener
{
    public async Task Recorded(IReadOnlyList<CaseEvent> events, CancellationToken ct)
    {
        try
        {
            var residents = events.Select(e => e.ResidentId).Distinct().ToList();
            // The record's own household, and for a record merged into another, the kept person's household.
            var records = RegisterReads.Records(db);
            var households = await records.Where(r => residents.Contains(r.Id))
                .Select(r => new { r.HouseholdId, Kept = records.Where(k => k.Id == r.MergedIntoId).Select(k => (long?)k.HouseholdId).FirstOrDefault() })
                .ToListAsync(ct);
            ledger.HaveCaseRecords(households.SelectMany(h => h.Kept is { } kept ? [h.HouseholdId, kept] : new[] { h.HouseholdId }));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Never leave a gate believing a household has no cases: forget everything instead.
            ledger.Clear();
            log.LogError(e, "The pass ledger could not take {Count} case events in; it was cleared", events.Count);
        }
    }
}
