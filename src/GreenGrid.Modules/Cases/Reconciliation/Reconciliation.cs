using GreenGrid.Places;

namespace GreenGrid.Cases.Reconciliation;

/// <summary>
/// A list from another source (a facility's admissions, a lab's positives, a sweep's findings)
/// compared person by person with the register as of the list's date, for a place of the
/// importer's jurisdiction (the scope). The comparison is a snapshot taken at import: later events
/// do not change it; import the list again to compare again.
/// </summary>
public sealed class ReconciliationImport
{
    public long Id { get; init; }
    public long PlaceId { get; init; }
    public string PlacePath { get; init; } = "";
    public ReconciliationSource Source { get; init; }

    /// <summary>Who sent the list, e.g. "金银潭医院" or "市疾控中心".</summary>
    public string? SourceName { get; init; }

    /// <summary>The day the list speaks for; the register's status is taken as of this day.</summary>
    public DateOnly AsOf { get; init; }

    public required string FileName { get; init; }
    public int ListRows { get; init; }
    public int Same { get; init; }
    public int Different { get; init; }
    public int OnlyInList { get; init; }
    public int OnlyInRegister { get; init; }
    public int Elsewhere { get; init; }

    public long CreatedById { get; init; }
    public DateTime CreatedAt { get; init; }

    /// <summary>The import of a list for a place, its counts taken from the comparison's rows (so they always add up to them).</summary>
    public static ReconciliationImport Of(
        Place scope, ReconciliationSource source, string? sourceName, DateOnly asOf, string fileName, int listRows, IReadOnlyCollection<ReconciliationRow> rows, long accountId, DateTime at) => new()
    {
        PlaceId = scope.Id, PlacePath = scope.Path, Source = source, SourceName = sourceName, AsOf = asOf, FileName = fileName, ListRows = listRows,
        Same = rows.Count(r => r.Outcome == ReconciliationOutcome.Same),
        Different = rows.Count(r => r.Outcome == ReconciliationOutcome.Different),
        OnlyInList = rows.Count(r => r.Outcome == ReconciliationOutcome.OnlyInList),
        OnlyInRegister = rows.Count(r => r.Outcome == ReconciliationOutcome.OnlyInRegister),
        Elsewhere = rows.Count(r => r.Outcome == ReconciliationOutcome.Elsewhere),
        CreatedById = accountId, CreatedAt = at,
    };

    /// <summary>Makes the comparison's rows this import's, once the import has its id.</summary>
    public void Adopt(IEnumerable<ReconciliationRow> rows)
    {
        foreach (var row in rows)
        {
            row.ImportId = Id;
        }
    }
}

/// <summary>One person of a comparison: a row of the list, or a person of the register the list does not name.</summary>
public sealed class ReconciliationRow
{
    public long Id { get; init; }

    /// <summary>Set once the import is stored (<see cref="ReconciliationImport.Adopt"/>).</summary>
    public long ImportId { get; internal set; }

    /// <summary>The row of the file (header = 1); null for a person only in the register.</summary>
    public int? Row { get; init; }

    public required string Name { get; init; }
    public required string IdNumber { get; init; }
    public CaseCategory? Claimed { get; init; }
    public DateOnly? ClaimedDate { get; init; }
    public ReconciliationOutcome Outcome { get; init; }

    /// <summary>The register's person, inside the import's scope; never set for <see cref="ReconciliationOutcome.Elsewhere"/>.</summary>
    public long? ResidentId { get; init; }
    public CaseCategory? RegisterStatus { get; init; }

    /// <summary>Where the row is counted by place: the person's building, or the import's place when the register has no one in scope.</summary>
    public string PlacePath { get; init; } = "";
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
