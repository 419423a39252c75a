using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Access.ReadGateLog;

/// <summary>The log of a gate inside the caller's jurisdictions on a city day, newest first; reading it is audited (it names people).</summary>
internal sealed class ReadGateLog(AppDb db, GateDirectory gates, Caller caller, AuditLog audit, CityClock clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/gates/{gateId:long}/scans", async (long gateId, DateOnly? date, ReadGateLog read, CancellationToken ct) =>
                await read.Handle(gateId, date, ct) is { } log ? Results.Ok(log) : Problems.NotFound(AccessMessages.GateNotFound(gateId)))
            .Produces<List<GateLogEntry>>().WithSummary("The gate log of a city day (?date=yyyy-MM-dd, default today), newest first (audited).");

    /// <summary>The scans of a gate on a city day, newest first; null when the gate is not the caller's.</summary>
    public async Task<List<GateLogEntry>?> Handle(long gateId, DateOnly? date, CancellationToken ct = default)
    {
        if (await gates.FindVisible(gateId, caller, ct) is not { } gate)
        {
            return null;
        }
        var day = date ?? clock.Today;
        var (from, to) = ScanLog.Bounds(clock, day);
        // Through the compound's (CompoundId, DecidedAt) index: a compound has one to a few gates, and one index fewer is one insert fewer per scan.
        var entries = await ScanLog.Entries(db, db.Scans().AsNoTracking()
            .Where(s => s.CompoundId == gate.Gate.CompoundId && s.DecidedAt >= from && s.DecidedAt < to && s.GateId == gateId), ct);
        await audit.Record(AuditAction.Read, "gate-log", [gateId], gate.Compound.Path, $"{day:yyyy-MM-dd}: {entries.Count} scans", ct);
        return entries;
    }
}
