using GreenGrid.Access.ScanPass;
using GreenGrid.Cases;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GreenGrid.Access.Offline;

/// <summary>One scan decided by an offline gate, uploaded later: the scan's fields and what the gate answered.</summary>
public sealed record OfflineScan(string? ScanId, string? Token, string? Direction, decimal? Temperature, bool? Mask, DateTime? ScannedAt, Decision? Decision, ScanReason? Reason);

public sealed record SyncRequest(OfflineScan[]? Scans);

/// <summary>The upload's answer: every scan's recorded result (in the order sent) and the conflicts among them.</summary>
public sealed record SyncResult(ScanResult[] Results, int Recorded, int Replayed, ScanResult[] Conflicts);

/// <summary>
/// The offline side of a gate: the bundle it downloads and the upload of the scans it decided
/// alone. An uploaded scan is recorded exactly once, with the decision the gate made (that is what
/// happened at the gate); the server decides it again with what it knows, and where it would have
/// answered otherwise (a quota spent at two gates, a pass revoked meanwhile) the scan is marked as
/// a conflict with the server's reason, in the answer and in the conflict list.
/// </summary>
public sealed class GateBundles(AppDb db, Caller caller, GateScanner scanner, PassKeys keys, CaseStatuses cases, CityClock clock, IOptions<AccessOptions> options, IOptions<CityOptions> city)
{
    public async Task<Results<Ok<GateBundle>, ProblemHttpResult>> Bundle(long gateId, CancellationToken ct)
    {
        if (await scanner.VisibleGate(gateId, ct) is not { } gate)
        {
            return Problems.NotFound("gate", gateId);
        }
        var now = clock.UtcNow;
        var today = clock.Today;
        var ring = await keys.Ring(ct);
        var placeIds = gate.PlaceIds.ToList();
        var valid = db.Passes().AsNoTracking().Where(p => placeIds.Contains(p.PlaceId) && p.ValidUntil >= today.AddDays(-1));
        var revoked = await valid.Where(p => p.RevokedAt != null).Select(p => p.Id).ToListAsync(ct);
        var households = await valid.Where(p => p.HouseholdId != null && p.RevokedAt == null).Select(p => p.HouseholdId!.Value).Distinct().ToListAsync(ct);
        var suspended = households.Count == 0 ? [] : await cases.HouseholdsUnderManagement(households, today, ct);
        var since = now.AddDays(-1);
        var scans = await db.Scans().AsNoTracking()
            .Where(s => s.PassId != null && s.Decision == Decision.Allow && s.DecidedAt >= since && valid.Select(p => p.Id).Contains(s.PassId!.Value))
            .Select(s => new { PassId = s.PassId!.Value, s.HouseholdId, s.Direction, s.DecidedAt, s.Day, s.Id })
            .ToListAsync(ct);
        var exitsToday = scans.Where(s => s.Day == today && s.Direction == Direction.Out).ToList();
        var passes = scans.GroupBy(s => s.PassId).Select(g =>
        {
            var last = g.OrderBy(s => s.DecidedAt).ThenBy(s => s.Id).Last();
            return new PassUse(g.Key, g.Count(s => s.Day == today && s.Direction == Direction.Out), last.Direction == Direction.Out ? last.DecidedAt : null);
        }).ToArray();
        return TypedResults.Ok(new GateBundle(
            gate.Gate.Id, gate.Gate.CompoundId, [.. gate.PlaceIds], city.Value.TimeZone, now, today, options.Value.ClockSkewMinutes,
            ring.Keys.Select(k => new BundleKey(k.Key, Convert.ToBase64String(k.Value))).ToArray(),
            [.. QuotaRules.All], gate.Gate.RetiredAt is null ? gate.RulesAt(now) : ClosureRules.Default(null),
            [.. suspended.Order()], [.. revoked],
            exitsToday.Where(s => s.HouseholdId is not null).GroupBy(s => s.HouseholdId!.Value).Select(g => new HouseholdUse(g.Key, g.Count())).ToArray(),
            passes));
    }

    public async Task<Results<Ok<SyncResult>, ValidationProblem, ProblemHttpResult>> Sync(long gateId, SyncRequest request, CancellationToken ct)
    {
        if (await scanner.VisibleGate(gateId, ct) is not { } gate)
        {
            return Problems.NotFound("gate", gateId);
        }
        var items = request.Scans ?? [];
        if (items.Length == 0)
        {
            return Problems.Invalid("scans", "must hold at least one scan");
        }
        if (items.Length > options.Value.MaxSyncBatch)
        {
            return Problems.Invalid("scans", $"must hold at most {options.Value.MaxSyncBatch} scans (got {items.Length}); send the rest in another upload");
        }
        var errors = new ValidationErrors();
        var inputs = new GateScanner.ScanInput[items.Length];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            var prefix = $"scans[{i}].";
            if (GateScanner.Check(errors, prefix, item.ScanId, item.Token, item.Direction, item.Temperature, item.ScannedAt) is { } input)
            {
                inputs[i] = input with { Mask = item.Mask };
                if (!seen.Add(input.ScanId))
                {
                    errors.Add(prefix + "scanId", "is used twice in this upload");
                }
            }
            if (item.Decision is null)
            {
                errors.Add(prefix + "decision", "is required: what the gate answered (allow or deny)");
            }
            if (item.Reason is null)
            {
                errors.Add(prefix + "reason", "is required: the reason the gate gave");
            }
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        var guard = (await caller.Account(ct))!;
        var results = new ScanResult[items.Length];
        // In the order they happened, so that each is judged with the passages before it.
        foreach (var i in Enumerable.Range(0, items.Length).OrderBy(i => inputs[i].ScannedAt))
        {
            results[i] = await scanner.Record(gate, guard.Id, inputs[i], new GateScanner.GateVerdict(items[i].Decision!.Value, items[i].Reason!.Value), ct);
        }
        return TypedResults.Ok(new SyncResult(results, results.Count(r => !r.Replayed), results.Count(r => r.Replayed), results.Where(r => r.Conflict).ToArray()));
    }
}
