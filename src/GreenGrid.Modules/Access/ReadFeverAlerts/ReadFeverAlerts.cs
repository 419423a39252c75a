using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Access.ReadFeverAlerts;

public sealed record FeverAlertView(long Id, long ScanId, long GateId, long CompoundId, long? BuildingId, long? PassId, long? HouseholdId, long? ResidentId, string? HolderName, decimal Temperature, DateTime RaisedAt, DateTime? HandledAt);

/// <summary>The fever alerts raised on a city day at the gates of a place inside the caller's jurisdictions, for the grid workers; reading them is audited.</summary>
internal sealed class ReadFeverAlerts(AppDb db, PlaceQueries places, GatePlaces gatePlaces, AuditLog audit, CityClock clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/places/{id:long}/fever-alerts", async (long id, DateOnly? date, ReadFeverAlerts read, CancellationToken ct) =>
                await read.Handle(id, date, ct) is { } alerts ? Results.Ok(alerts) : Problems.NotFound(Places.PlaceMessages.NotFound(id)))
            .Produces<List<FeverAlertView>>().WithSummary("Fever alerts raised at the gates of the place on a day, for the grid workers (audited).");

    public async Task<List<FeverAlertView>?> Handle(long placeId, DateOnly? date, CancellationToken ct = default)
    {
        if (await places.Find(placeId, ct) is not { } place)
        {
            return null;
        }
        var day = date ?? clock.Today;
        var from = clock.StartOf(day);
        var until = from.AddDays(1);
        var compounds = await gatePlaces.CompoundsWithGatesUnder(place, ct);
        var alerts = await db.FeverAlerts().AsNoTracking().Where(a => a.RaisedAt >= from && a.RaisedAt < until && compounds.Contains(a.CompoundId))
            .OrderByDescending(a => a.RaisedAt)
            .Select(a => new FeverAlertView(a.Id, a.ScanId, a.GateId, a.CompoundId, a.BuildingId, a.PassId, a.HouseholdId, a.ResidentId, a.HolderName, a.Temperature, a.RaisedAt, a.HandledAt))
            .ToListAsync(ct);
        await audit.Record(AuditAction.Read, "fever-alerts", alerts.Select(a => a.Id), place.Path, $"{day:yyyy-MM-dd}", ct);
        return alerts;
    }
}
