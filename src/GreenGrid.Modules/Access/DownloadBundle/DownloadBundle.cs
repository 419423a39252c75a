using GreenGrid.Access.Offline;
using GreenGrid.Cases;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GreenGrid.Access.DownloadBundle;

/// <summary>
/// What a gate downloads to decide alone while the network is down (<see cref="GateBundle"/>, read
/// by <see cref="OfflineGate"/>): keys, rules, suspended households, revoked passes, the day's quotas.
/// </summary>
internal sealed class DownloadBundle(
    AppDb db, Caller caller, GateDirectory gates, PassKeys keys, CaseStatuses cases, CityClock clock, IOptions<AccessOptions> options, IOptions<CityOptions> city)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/gates/{gateId:long}/bundle", (long gateId, DownloadBundle download, CancellationToken ct) => download.Handle(gateId, ct))
            .WithSummary("What the gate needs to decide offline today: public keys, rules, suspended households, revoked passes, the day's quota state.");

    public async Task<Results<Ok<GateBundle>, ProblemHttpResult>> Handle(long gateId, CancellationToken ct)
    {
        if (await gates.FindVisible(gateId, caller, ct) is not { } gate)
        {
            return Problems.NotFound(AccessMessages.GateNotFound(gateId));
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
}
