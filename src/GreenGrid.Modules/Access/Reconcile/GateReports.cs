using GreenGrid.Access.ScanPass;
using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Access.Reconcile;

public sealed record GateLogEntry(
    long Id, string ScanId, long GateId, long GuardId, Direction Direction, DateTime ScannedAt, DateTime ReceivedAt, DateTime DecidedAt, decimal? Temperature, bool? Mask,
    long? PassId, HolderKind? HolderKind, string? HolderName, Decision Decision, ScanReason Reason, bool Offline, bool Conflict, ScanReason? ServerReason, bool ClockSkew);

/// <summary>A holder outside now: out since when, through which gate, and whether longer than their rule allows.</summary>
public sealed record OutsideHolder(long PassId, string HolderName, HolderKind HolderKind, long? HouseholdId, long GateId, long CompoundId, DateTime OutSince, int MinutesOut, bool TooLong);

/// <summary>An entry with no exit before it (through another way out, or an exit that was not scanned).</summary>
public sealed record EntryWithoutExit(long PassId, string HolderName, long GateId, long CompoundId, DateTime At);

public sealed record GateCount(long GateId, long CompoundId, string Name, int Outside, int TooLong, int EntriesWithoutExit);

public sealed record CompoundCount(long CompoundId, string NameZh, string NameEn, int Outside, int TooLong, int EntriesWithoutExit);

public sealed record OutsideNow(long PlaceId, DateTime At, OutsideHolder[] Outside, EntryWithoutExit[] EntriesWithoutExit, GateCount[] Gates, CompoundCount[] Compounds);

public sealed record HourCount(int Hour, int Scans, int Allowed, int Refused, int Out, int In, Dictionary<ScanReason, int> Refusals);

public sealed record HourlyScans(long PlaceId, DateOnly Date, HourCount[] Hours, int Scans, int Refused);

public sealed record FeverAlertView(long Id, long ScanId, long GateId, long CompoundId, long? BuildingId, long? PassId, long? HouseholdId, long? ResidentId, string? HolderName, decimal Temperature, DateTime RaisedAt, DateTime? HandledAt);

/// <summary>
/// Reconciliation of the gates of a place (a compound, or every compound under a community or
/// higher) inside the caller's jurisdictions: the gate log, who is outside now, entries without
/// exits, scans and refusals per hour, conflicts of offline uploads, fever alerts. Reads that name
/// people are audited. They read a day's scans of the place into memory, which is meant for a
/// compound or a community (a few thousand scans a day), not for a whole city at once.
/// </summary>
public sealed class GateReports(AppDb db, PlaceQueries places, GateScanner scanner, AuditLog audit, CityClock clock)
{

    /// <summary>The scans of a gate on a city day, newest first; null when the gate is not the caller's.</summary>
    public async Task<List<GateLogEntry>?> Log(long gateId, DateOnly? date, CancellationToken ct = default)
    {
        if (await scanner.VisibleGate(gateId, ct) is not { } gate)
        {
            return null;
        }
        var day = date ?? clock.Today;
        var (from, to) = Bounds(day);
        // Through the compound's (CompoundId, DecidedAt) index: a compound has one to a few gates, and one index fewer is one insert fewer per scan.
        var entries = await Entries(db.Scans().AsNoTracking()
            .Where(s => s.CompoundId == gate.Gate.CompoundId && s.DecidedAt >= from && s.DecidedAt < to && s.GateId == gateId), ct);
        await audit.Record(AuditAction.Read, "gate-log", [gateId], gate.Compound.Path, $"{day:yyyy-MM-dd}: {entries.Count} scans", ct);
        return entries;
    }

    /// <summary>Scans of offline uploads that the server would have decided otherwise, on a day (default today).</summary>
    public async Task<List<GateLogEntry>?> Conflicts(long placeId, DateOnly? date, CancellationToken ct = default)
    {
        if (await places.Find(placeId, ct) is not { } place)
        {
            return null;
        }
        var day = date ?? clock.Today;
        var compounds = Compounds(place);
        var (from, to) = Bounds(day);
        var entries = await Entries(db.Scans().AsNoTracking().Where(s => s.Conflict && s.DecidedAt >= from && s.DecidedAt < to && compounds.Contains(s.CompoundId)), ct);
        await audit.Record(AuditAction.Read, "scan-conflicts", [placeId], place.Path, $"{day:yyyy-MM-dd}: {entries.Count} conflicts", ct);
        return entries;
    }

    public async Task<OutsideNow?> Outside(long placeId, CancellationToken ct = default)
    {
        if (await places.Find(placeId, ct) is not { } place)
        {
            return null;
        }
        var now = clock.UtcNow;
        var since = now.AddHours(-36);
        var compounds = Compounds(place);
        var scans = await db.Scans().AsNoTracking()
            .Where(s => s.PassId != null && s.Decision == Decision.Allow && s.DecidedAt >= since && compounds.Contains(s.CompoundId))
            .Select(s => new { s.Id, PassId = s.PassId!.Value, s.GateId, s.CompoundId, s.Direction, s.DecidedAt })
            .ToListAsync(ct);
        var passIds = scans.Select(s => s.PassId).Distinct().ToList();
        var passes = await db.Passes().AsNoTracking().Where(p => passIds.Contains(p.Id))
            .Select(p => new { p.Id, p.HolderName, p.HolderKind, p.HouseholdId, p.QuotaRuleId }).ToDictionaryAsync(p => p.Id, ct);
        var outside = new List<OutsideHolder>();
        var entries = new List<EntryWithoutExit>();
        foreach (var group in scans.GroupBy(s => s.PassId))
        {
            var pass = passes[group.Key];
            var ordered = group.OrderBy(s => s.DecidedAt).ThenBy(s => s.Id).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var s = ordered[i];
                if (s.Direction == Direction.In && (i == 0 || ordered[i - 1].Direction != Direction.Out) && s.DecidedAt >= now.AddHours(-24))
                {
                    entries.Add(new EntryWithoutExit(pass.Id, pass.HolderName, s.GateId, s.CompoundId, s.DecidedAt));
                }
            }
            var last = ordered[^1];
            if (last.Direction == Direction.Out)
            {
                var minutes = (int)(now - last.DecidedAt).TotalMinutes;
                var limit = QuotaRules.Find(pass.QuotaRuleId)?.MaxMinutesOutside;
                outside.Add(new OutsideHolder(pass.Id, pass.HolderName, pass.HolderKind, pass.HouseholdId, last.GateId, last.CompoundId, last.DecidedAt, minutes, limit is { } max && minutes > max));
            }
        }
        var gateIds = scans.Select(s => s.GateId).Distinct().ToList();
        var gates = await db.Gates().AsNoTracking().Where(g => gateIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);
        var compoundIds = gates.Values.Select(g => g.CompoundId).Distinct().ToList();
        var compoundPlaces = await db.Places().AsNoTracking().Where(p => compoundIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var byGate = gates.Values.OrderBy(g => g.CompoundId).ThenBy(g => g.Id).Select(g => new GateCount(g.Id, g.CompoundId, g.Name,
            outside.Count(o => o.GateId == g.Id), outside.Count(o => o.GateId == g.Id && o.TooLong), entries.Count(e => e.GateId == g.Id))).ToArray();
        var byCompound = compoundPlaces.Values.OrderBy(p => p.Code).Select(p => new CompoundCount(p.Id, p.NameZh, p.NameEn,
            outside.Count(o => o.CompoundId == p.Id), outside.Count(o => o.CompoundId == p.Id && o.TooLong), entries.Count(e => e.CompoundId == p.Id))).ToArray();
        await audit.Record(AuditAction.Read, "outside-now", [placeId], place.Path, $"{outside.Count} outside, {entries.Count} entries without exit", ct);
        return new OutsideNow(placeId, now, [.. outside.OrderBy(o => o.OutSince)], [.. entries.OrderBy(e => e.At)], byGate, byCompound);
    }

    public async Task<HourlyScans?> Hourly(long placeId, DateOnly? date, CancellationToken ct = default)
    {
        if (await places.Find(placeId, ct) is not { } place)
        {
            return null;
        }
        var day = date ?? clock.Today;
        var compounds = Compounds(place);
        var (from, to) = Bounds(day);
        var scans = await db.Scans().AsNoTracking().Where(s => s.DecidedAt >= from && s.DecidedAt < to && compounds.Contains(s.CompoundId))
            .Select(s => new { s.DecidedAt, s.Decision, s.Direction, s.Reason }).ToListAsync(ct);
        var hours = Enumerable.Range(0, 24).Select(h =>
        {
            var inHour = scans.Where(s => clock.Local(s.DecidedAt).Hour == h).ToList();
            return new HourCount(h, inHour.Count, inHour.Count(s => s.Decision == Decision.Allow), inHour.Count(s => s.Decision == Decision.Deny),
                inHour.Count(s => s.Direction == Direction.Out), inHour.Count(s => s.Direction == Direction.In),
                inHour.Where(s => s.Decision == Decision.Deny).GroupBy(s => s.Reason).ToDictionary(g => g.Key, g => g.Count()));
        }).ToArray();
        return new HourlyScans(placeId, day, hours, scans.Count, scans.Count(s => s.Decision == Decision.Deny));
    }

    public async Task<List<FeverAlertView>?> FeverAlerts(long placeId, DateOnly? date, CancellationToken ct = default)
    {
        if (await places.Find(placeId, ct) is not { } place)
        {
            return null;
        }
        var day = date ?? clock.Today;
        var from = clock.StartOf(day);
        var until = from.AddDays(1);
        var compounds = Compounds(place);
        var alerts = await db.FeverAlerts().AsNoTracking().Where(a => a.RaisedAt >= from && a.RaisedAt < until && compounds.Contains(a.CompoundId))
            .OrderByDescending(a => a.RaisedAt)
            .Select(a => new FeverAlertView(a.Id, a.ScanId, a.GateId, a.CompoundId, a.BuildingId, a.PassId, a.HouseholdId, a.ResidentId, a.HolderName, a.Temperature, a.RaisedAt, a.HandledAt))
            .ToListAsync(ct);
        await audit.Record(AuditAction.Read, "fever-alerts", alerts.Select(a => a.Id), place.Path, $"{day:yyyy-MM-dd}", ct);
        return alerts;
    }

    /// <summary>
    /// A city day as UTC instants [from, to). A scan's Day is the city date of its DecidedAt, so
    /// this selects the same scans as Day == day, but through the (CompoundId, DecidedAt) index:
    /// by Day the database read every scan the compound ever had.
    /// </summary>
    private (DateTime From, DateTime To) Bounds(DateOnly day) => (clock.StartOf(day), clock.StartOf(day.AddDays(1)));

    private IQueryable<long> Compounds(Place place) =>
        db.Places().Where(PlacePath.Within(place.Path)).Where(p => p.Kind == PlaceKind.Compound).Select(p => p.Id);

    private async Task<List<GateLogEntry>> Entries(IQueryable<Scan> scans, CancellationToken ct) =>
        await scans.OrderByDescending(s => s.DecidedAt).ThenByDescending(s => s.Id)
            .Select(s => new GateLogEntry(s.Id, s.ClientScanId, s.GateId, s.GuardId, s.Direction, s.ScannedAt, s.ReceivedAt, s.DecidedAt, s.Temperature, s.Mask,
                s.PassId, s.HolderKind, db.Passes().Where(p => p.Id == s.PassId).Select(p => p.HolderName).FirstOrDefault(),
                s.Decision, s.Reason, s.Offline, s.Conflict, s.ServerReason, s.ClockSkew))
            .ToListAsync(ct);
}
