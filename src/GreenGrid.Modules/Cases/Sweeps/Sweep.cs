using GreenGrid.Places;

namespace GreenGrid.Cases.Sweeps;

/// <summary>
/// A door-to-door campaign (拉网式排查) over a set of buildings, from one day to another, created by
/// a community or headquarters for a place of its jurisdiction. Its findings are case events with
/// <see cref="CaseEvent.SweepId"/> set.
/// </summary>
public sealed class Sweep
{
    public long Id { get; init; }
    public required string Name { get; init; }
    public DateOnly FromDate { get; init; }
    public DateOnly ToDate { get; init; }

    /// <summary>The place the campaign was created for; every building lies under it.</summary>
    public long PlaceId { get; init; }
    public string PlacePath { get; init; } = "";

    public long CreatedById { get; init; }
    public DateTime CreatedAt { get; init; }

    /// <summary>What a visit can find: the kinds of case a door-to-door check can report.</summary>
    public static readonly CaseEventType[] FindingTypes = [CaseEventType.Confirmed, CaseEventType.Asymptomatic, CaseEventType.Suspected, CaseEventType.Fever, CaseEventType.CloseContact];

    /// <summary>A new sweep of a place (checked by the caller: dates in order, the place the caller's).</summary>
    public static Sweep Open(string name, DateOnly from, DateOnly to, Place place, long accountId, DateTime at) => new()
    {
        Name = name, FromDate = from, ToDate = to, PlaceId = place.Id, PlacePath = place.Path, CreatedById = accountId, CreatedAt = at,
    };

    /// <summary>The sweep's buildings (once the sweep has its id): each keeps its path, by which callers see the sweep.</summary>
    public IEnumerable<SweepBuilding> Cover(IEnumerable<Place> buildings) =>
        buildings.Select(b => new SweepBuilding { SweepId = Id, BuildingId = b.Id, BuildingPath = b.Path });
}

/// <summary>A building of a sweep. A caller sees a sweep when one of its buildings lies in their jurisdiction, and only those buildings.</summary>
public sealed class SweepBuilding
{
    public long SweepId { get; init; }
    public long BuildingId { get; init; }
    public string BuildingPath { get; init; } = "";
}

/// <summary>One visit of a household during a sweep. A household visited twice (not at home, then found) has two visits; the latest counts.</summary>
public sealed class SweepVisit
{
    public long Id { get; init; }
    public long SweepId { get; init; }
    public long HouseholdId { get; init; }
    public long BuildingId { get; init; }
    public DateOnly Day { get; init; }
    public VisitOutcome Outcome { get; init; }
    public string? Note { get; init; }

    /// <summary>The account that visited (and recorded the visit).</summary>
    public long VisitedById { get; init; }
    public DateTime RecordedAt { get; init; }

    /// <summary>The ids of the case events recorded for the findings of this visit, comma-separated.</summary>
    public string FindingEventIds { get; init; } = "";

    public string? IdempotencyKey { get; init; }

    /// <summary>The ids of the case events of this visit's findings.</summary>
    public long[] EventIds() => FindingEventIds.Length == 0 ? [] : [.. FindingEventIds.Split(',').Select(long.Parse)];

    /// <summary>A visit of a household of the sweep, with the case events its findings were recorded as.</summary>
    public static SweepVisit Record(
        long sweepId, long householdId, long buildingId, DateOnly day, VisitOutcome outcome, string? note, IEnumerable<long> findingEventIds, long accountId, DateTime at, string? idempotencyKey) => new()
    {
        SweepId = sweepId, HouseholdId = householdId, BuildingId = buildingId, Day = day, Outcome = outcome, Note = note, VisitedById = accountId,
        RecordedAt = at, FindingEventIds = string.Join(",", findingEventIds), IdempotencyKey = idempotencyKey,
    };
}

public enum VisitOutcome
{
    /// <summary>Everyone at home is well.</summary>
    AllWell,
    NotAtHome,
    Refused,
    /// <summary>Someone was found to be a case, suspected, feverish or a close contact: the visit carries findings.</summary>
    Findings,
}
