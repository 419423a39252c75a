using GreenGrid.Cases.RecordEvents;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GreenGrid.Cases.RecordEvents;

/// <summary>A recorder's name next to their id, for the timeline.</summary>
public sealed record TimelineEntry(CaseEventView Event, bool InForce, string RecordedBy);

/// <summary>A person's timeline: every event ever recorded (corrected ones marked) and the state on a day.</summary>
public sealed record CaseTimeline(long ResidentId, string Name, long HouseholdId, CaseStateView State, TimelineEntry[] Events);

/// <summary>Reads a person's case history inside the caller's jurisdictions; every read is audited (health data).</summary>
public sealed class CaseHistoryQueries(AppDb db, Caller caller, CasePeople people, CaseRecorder recorder, AuditLog audit, CityClock clock)
{
    public async Task<CaseTimeline?> Timeline(long residentId, DateOnly? asOf, CancellationToken ct)
    {
        var account = await caller.Account(ct);
        if (account is null || await people.Find(residentId, ct) is not { } person || !account.Covers(person.BuildingPath))
        {
            return null;
        }
        var events = await people.Events(person, ct);
        var inForce = CaseHistory.InForce(events).Select(e => e.Id).ToHashSet();
        var supersededBy = events.Where(e => e.SupersedesId is not null).ToDictionary(e => e.SupersedesId!.Value, e => e.Id);
        var recorderIds = events.Select(e => e.RecordedById).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => recorderIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        await audit.Record(AuditAction.Read, "case-history", [person.Id], person.BuildingPath, null, ct);
        var day = asOf ?? clock.Today;
        return new CaseTimeline(person.Id, person.Name, person.HouseholdId, recorder.StateView(events, day),
            [.. events.OrderBy(e => e.EffectiveDate).ThenBy(e => e.Id).Select(e => new TimelineEntry(
                CaseEventView.Of(e, supersededBy.TryGetValue(e.Id, out var by) ? by : null), inForce.Contains(e.Id), names.GetValueOrDefault(e.RecordedById, "?")))]);
    }
}
