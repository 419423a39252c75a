using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Access;

public sealed record GateLogEntry(
    long Id, string ScanId, long GateId, long GuardId, Direction Direction, DateTime ScannedAt, DateTime ReceivedAt, DateTime DecidedAt, decimal? Temperature, bool? Mask,
    long? PassId, HolderKind? HolderKind, string? HolderName, Decision Decision, ScanReason Reason, bool Offline, bool Conflict, ScanReason? ServerReason, bool ClockSkew);

/// <summary>
/// What the reconciliation reads of the scan log share: a city day as an index range, the
/// compounds under a place, and a scan as a line of the gate log with its holder's name.
/// </summary>
internal static class ScanLog
{
    /// <summary>
    /// A city day as UTC instants [from, to). A scan's Day is the city date of its DecidedAt, so
    /// this selects the same scans as Day == day, but through the (CompoundId, DecidedAt) index:
    /// by Day the database read every scan the compound ever had.
    /// </summary>
    public static (DateTime From, DateTime To) Bounds(CityClock clock, DateOnly day) => (clock.StartOf(day), clock.StartOf(day.AddDays(1)));


    public static async Task<List<GateLogEntry>> Entries(AppDb db, IQueryable<Scan> scans, CancellationToken ct) =>
        await scans.OrderByDescending(s => s.DecidedAt).ThenByDescending(s => s.Id)
            .Select(s => new GateLogEntry(s.Id, s.ClientScanId, s.GateId, s.GuardId, s.Direction, s.ScannedAt, s.ReceivedAt, s.DecidedAt, s.Temperature, s.Mask,
                s.PassId, s.HolderKind, db.Passes().Where(p => p.Id == s.PassId).Select(p => p.HolderName).FirstOrDefault(),
                s.Decision, s.Reason, s.Offline, s.Conflict, s.ServerReason, s.ClockSkew))
            .ToListAsync(ct);
}
