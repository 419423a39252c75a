namespace GreenGrid.Cases.Sweeps;

/// <summary>
/// A door-to-door campaign (拉网式排查) over a set of buildings, from one day to another, created by
/// a community or headquarters for a place of its jurisdiction. Its findings are case events with
/// <see cref="CaseEvent.SweepId"/> set.
/// </summary>
public sealed class Sweep
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public DateOnly FromDate { get; set; }
    public DateOnly ToDate { get; set; }

    /// <summary>The place the campaign was created for; every building lies under it.</summary>
    public long PlaceId { get; set; }
    public string PlacePath { get; set; } = "";

    public long CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A building of a sweep. A caller sees a sweep when one of its buildings lies in their jurisdiction, and only those buildings.</summary>
public sealed class SweepBuilding
{
    public long SweepId { get; set; }
    public long BuildingId { get; set; }
    public string BuildingPath { get; set; } = "";
}

/// <summary>One visit of a household during a sweep. A household visited twice (not at home, then found) has two visits; the latest counts.</summary>
public sealed class SweepVisit
{
    public long Id { get; set; }
    public long SweepId { get; set; }
    public long HouseholdId { get; set; }
    public long BuildingId { get; set; }
    public DateOnly Day { get; set; }
    public VisitOutcome Outcome { get; set; }
    public string? Note { get; set; }

    /// <summary>The account that visited (and recorded the visit).</summary>
    public long VisitedById { get; set; }
    public DateTime RecordedAt { get; set; }

    /// <summary>The ids of the case events recorded for the findings of this visit, comma-separated.</summary>
    public string FindingEventIds { get; set; } = "";

    public string? IdempotencyKey { get; set; }
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
