using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Access.ReadHourlyScans;

public sealed record HourCount(int Hour, int Scans, int Allowed, int Refused, int Out, int In, Dictionary<ScanReason, int> Refusals);

public sealed record HourlyScans(long PlaceId, DateOnly Date, HourCount[] Hours, int Scans, int Refused);

/// <summary>Scans and refusals per hour of a city day at the gates of a place inside the caller's jurisdictions (counts only: not audited).</summary>
internal sealed class ReadHourlyScans(AppDb db, PlaceQueries places, GatePlaces gatePlaces, CityClock clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/places/{id:long}/scans/hourly", async (long id, DateOnly? date, ReadHourlyScans read, CancellationToken ct) =>
                await read.Handle(id, date, ct) is { } hourly ? Results.Ok(hourly) : Problems.NotFound(Places.PlaceMessages.NotFound(id)))
            .Produces<HourlyScans>().WithSummary("Scans and refusals per hour of a city day at the gates of the place.");

    public async Task<HourlyScans?> Handle(long placeId, DateOnly? date, CancellationToken ct = default)
    {
        if (await places.Find(placeId, ct) is not { } place)
        {
            return null;
        }
        var day = date ?? clock.Today;
        var compounds = await gatePlaces.CompoundsWithGatesUnder(place, ct);
        var (from, to) = ScanLog.Bounds(clock, day);
        var scans = await db.Scans().AsNoTracking().Where(s => s.DecidedAt >= from && s.DecidedAt < to && compounds.Contains(s.CompoundId))
            .Select(s => new { s.DecidedAt, s.Decision, s.Direction, s.Reason }).ToListAsync(ct);
        // One pass over the day's scans (not one per hour): a city's day is many thousands of them.
        var byHour = scans.ToLookup(s => clock.Local(s.DecidedAt).Hour);
        var hours = Enumerable.Range(0, 24).Select(h =>
        {
            var inHour = byHour[h].ToList();
            return new HourCount(h, inHour.Count, inHour.Count(s => s.Decision == Decision.Allow), inHour.Count(s => s.Decision == Decision.Deny),
                inHour.Count(s => s.Direction == Direction.Out), inHour.Count(s => s.Direction == Direction.In),
                inHour.Where(s => s.Decision == Decision.Deny).GroupBy(s => s.Reason).ToDictionary(g => g.Key, g => g.Count()));
        }).ToArray();
        return new HourlyScans(placeId, day, hours, scans.Count, scans.Count(s => s.Decision == Decision.Deny));
    }
}
