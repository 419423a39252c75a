using System.Text.Json;
using GreenGrid.Cases;
using GreenGrid.Certification.Workflow;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Certification.ReadRevocations;

public sealed record AlertView(long Id, long PlaceId, PlaceKind Kind, string NameZh, string NameEn, long ApplicationId, long? CaseEventId, string? EventType, DateOnly? EventDate, DateOnly RaisedOn, string Message);

/// <summary>Read the revocations inside the caller's jurisdictions (the reviewers' alerts), newest first, with the case event that caused each.</summary>
internal sealed class ReadRevocations(AppDb db, Caller caller)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/certification/revocations", async (ReadRevocations read, CancellationToken ct) => TypedResults.Ok(await read.Handle(ct)))
            .WithSummary("Revocations (alerts for the reviewers), newest first.");

    public async Task<List<AlertView>> Handle(CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        var alerts = await db.CertificationAlerts().AsNoTracking()
            .Where(PlacePath.WithinAny<CertificationAlert>(a => a.PlacePath, account.Jurisdictions.Select(j => j.Path).ToArray()))
            .OrderByDescending(a => a.Id).Take(200).ToListAsync(ct);
        var placeIds = alerts.Select(a => a.PlaceId).Distinct().ToList();
        var names = await db.Places().AsNoTracking().Where(p => placeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var eventIds = alerts.Where(a => a.CaseEventId is not null).Select(a => a.CaseEventId!.Value).Distinct().ToList();
        var events = await CaseEventReads.Events(db).Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        return alerts.Select(a =>
        {
            var e = a.CaseEventId is { } eid ? events.GetValueOrDefault(eid) : null;
            return new AlertView(a.Id, a.PlaceId, names[a.PlaceId].Kind, names[a.PlaceId].NameZh, names[a.PlaceId].NameEn, a.ApplicationId, a.CaseEventId,
                e is null ? null : JsonNamingPolicy.CamelCase.ConvertName(e.Type.ToString()), e?.EffectiveDate, a.RaisedOn, a.Message);
        }).ToList();
    }
}
