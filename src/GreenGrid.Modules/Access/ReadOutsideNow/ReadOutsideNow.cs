using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Access.ReadOutsideNow;

/// <summary>A holder outside now: out since when, through which gate, and whether longer than their rule allows.</summary>
public sealed record OutsideHolder(long PassId, string HolderName, HolderKind HolderKind, long? HouseholdId, long GateId, long CompoundId, DateTime OutSince, int MinutesOut, bool TooLong);

/// <summary>An entry with no exit before it (through another way out, or an exit that was not scanned).</summary>
public sealed record EntryWithoutExit(long PassId, string HolderName, long GateId, long CompoundId, DateTime At);

public sealed record GateCount(long GateId, long CompoundId, string Name, int Outside, int TooLong, int EntriesWithoutExit);

public sealed record CompoundCount(long CompoundId, string NameZh, string NameEn, int Outside, int TooLong, int EntriesWithoutExit);

public sealed record OutsideNow(long PlaceId, DateTime At, OutsideHolder[] Outside, EntryWithoutExit[] EntriesWithoutExit, GateCount[] Gates, CompoundCount[] Compounds);

/// <summary>
/// Who is outside now at the gates of a place inside the caller's jurisdictions (a compound, or every
/// compound under a community or higher), who longer than their rule allows, and the entries
/// without an exit before them; per gate and per compound. Reading it is audited (it names people).
/// It reads the last 36 hours of the place's allowed passages into memory: meant for a compound or
/// a community, not for a whole city at once.
/// </summary>
internal sealed class ReadOutsideNow(AppDb db, PlaceQueries places, GatePlaces gatePlaces, AuditLog audit, CityClock clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/places/{id:long}/outside-now", async (long id, ReadOutsideNow read, CancellationToken ct) =>
                await read.Handle(id, ct) is { } outside ? Results.Ok(outside) : Problems.NotFound(Places.PlaceMessages.NotFound(id)))
            .Produces<OutsideNow>().WithSummary("Who is outside now, who longer than allowed, entries without exits: per gate and per compound (audited).");

    public async Task<OutsideNow?> Handle(long placeId, CancellationToken ct = default)
    {
        if (await places.Find(placeId, ct) is not { } place)
        {
            return null;
        }
        var now = clock.UtcNow;
        var since = now.AddHours(-36);
        var compounds = await gatePlaces.CompoundsWithGatesUnder(place, ct);
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
}
