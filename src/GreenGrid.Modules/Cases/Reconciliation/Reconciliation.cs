namespace GreenGrid.Cases.Reconciliation;

/// <summary>
/// A list from another source (a facility's admissions, a lab's positives, a sweep's findings)
/// compared person by person with the register as of the list's date, for a place of the
/// importer's jurisdiction (the scope). The comparison is a snapshot taken at import: later events
/// do not change it; import the list again to compare again.
/// </summary>
public sealed class ReconciliationImport
{
    public long Id { get; set; }
    public long PlaceId { get; set; }
    public string PlacePath { get; set; } = "";
    public ReconciliationSource Source { get; set; }

    /// <summary>Who sent the list, e.g. "金银潭医院" or "市疾控中心".</summary>
    public string? SourceName { get; set; }

    /// <summary>The day the list speaks for; the register's status is taken as of this day.</summary>
    public DateOnly AsOf { get; set; }

    public required string FileName { get; set; }
    public int ListRows { get; set; }
    public int Same { get; set; }
    public int Different { get; set; }
    public int OnlyInList { get; set; }
    public int OnlyInRegister { get; set; }
    public int Elsewhere { get; set; }

    public long CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>One person of a comparison: a row of the list, or a person of the register the list does not name.</summary>
public sealed class ReconciliationRow
{
    public long Id { get; set; }
    public long ImportId { get; set; }

    /// <summary>The row of the file (header = 1); null for a person only in the register.</summary>
    public int? Row { get; set; }

    public required string Name { get; set; }
    public required string IdNumber { get; set; }
    public CaseCategory? Claimed { get; set; }
    public DateOnly? ClaimedDate { get; set; }
    public ReconciliationOutcome Outcome { get; set; }

    /// <summary>The register's person, inside the import's scope; never set for <see cref="ReconciliationOutcome.Elsewhere"/>.</summary>
    public long? ResidentId { get; set; }
    public CaseCategory? RegisterStatus { get; set; }

    /// <summary>Where the row is counted by place: the person's building, or the import's place when the register has no one in scope.</summary>
    public string PlacePath { get; set; } = "";
}

public enum ReconciliationSource
{
    FacilityAdmissions,
    LabPositives,
    SweepFindings,
    Other,
}

public enum ReconciliationOutcome
{
    /// <summary>In both, with the same status.</summary>
    Same,
    /// <summary>In both, with a different status.</summary>
    Different,
    /// <summary>In the list only: not on the register in scope, or on it with no such case.</summary>
    OnlyInList,
    /// <summary>On the register in scope with a status of a kind the list reports, but not in the list.</summary>
    OnlyInRegister,
    /// <summary>The ID number is on the register outside the import's scope: counted, never shown.</summary>
    Elsewhere,
}
