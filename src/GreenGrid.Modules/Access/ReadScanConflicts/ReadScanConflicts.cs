using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Access.ReadScanConflicts;

/// <summary>The offline scans at the gates of a place that the server would have decided otherwise; reading them is audited.</summary>
internal sealed class ReadScanConflicts(AppDb db, PlaceQueries places, GatePlaces gatePlaces, AuditLog audit, CityClock clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/places/{id:long}/scans/conflicts", async (long id, DateOnly? date, ReadScanConflicts read, CancellationToken ct) =>
                await read.Handle(id, date, ct) is { } conflicts ? Results.Ok(conflicts) : Problems.NotFound(Places.PlaceMessages.NotFound(id)))
            .Produces<List<GateLogEntry>>().WithSummary("Offline scans that the server would have decided otherwise (audited).");

    /// <summary>Scans of offline uploads that the server would have decided otherwise, on a day (default today).</summary>
    public async Task<List<GateLogEntry>?> Handle(long placeId, DateOnly? date, CancellationToken ct = default)
    {
        if (await places.Find(placeId, ct) is not { } place)
        {
            return null;
        }
        var day = date ?? clock.Today;
        var compounds = await gatePlaces.CompoundsWithGatesUnder(place, ct);
        var (from, to) = ScanLog.Bounds(clock, day);
        var entries = await ScanLog.Entries(db, db.Scans().AsNoTracking().Where(s => s.Conflict && s.DecidedAt >= from && s.DecidedAt < to && compounds.Contains(s.CompoundId)), ct);
        await audit.Record(AuditAction.Read, "scan-conflicts", [placeId], place.Path, $"{day:yyyy-MM-dd}: {entries.Count} conflicts", ct);
        return entries;
    }
}
