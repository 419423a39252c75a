using GreenGrid.Places;

namespace GreenGrid.Register.Import;

/// <summary>
/// One spreadsheet brought into the register of a place: uploaded, checked (the dry run), then
/// committed whole or not at all. The rows that passed the check wait in <see cref="ImportRow"/>
/// (a staging table) so that the commit is one set-based statement per table, and the problems
/// found are in <see cref="ImportProblem"/>.
/// </summary>
public sealed class RegisterImport
{
    // Settable once when the row is created, then changed only by the methods below (EF reads and writes the fields).
    private string? _mapping;
    private ImportStatus _status;
    private DateTime? _checkedAt;
    private DateTime? _committedAt;
    private int _rows;
    private int _rowsWithProblems;
    private int _newResidents;
    private int _unchangedResidents;
    private int _newHouseholds;
    private string? _failure;

    public long Id { get; set; }

    /// <summary>The place whose register the file fills (a community, compound or building).</summary>
    public long PlaceId { get; init; }
    public required string PlacePath { get; init; }

    public required string FileName { get; init; }
    public long SizeBytes { get; init; }

    /// <summary>SHA-256 of the file, hex: the same file uploaded twice is recognised.</summary>
    public required string Sha256 { get; init; }
    public ImportFormat Format { get; init; }

    /// <summary>The text encoding found (utf-8, utf-8-bom, gb18030); null for XLSX.</summary>
    public string? Encoding { get; init; }

    /// <summary>The file's header row and which column feeds which field, as JSON.</summary>
    public string? Mapping { get => _mapping; init => _mapping = value; }

    public ImportStatus Status { get => _status; init => _status = value; }
    public DateTime CreatedAt { get; init; }
    public long? CreatedBy { get; init; }
    public DateTime? CheckedAt { get => _checkedAt; init => _checkedAt = value; }
    public DateTime? CommittedAt { get => _committedAt; init => _committedAt = value; }

    /// <summary>Data rows read (the header not counted).</summary>
    public int Rows { get => _rows; init => _rows = value; }
    public int RowsWithProblems { get => _rowsWithProblems; init => _rowsWithProblems = value; }
    public int NewResidents { get => _newResidents; init => _newResidents = value; }
    public int UnchangedResidents { get => _unchangedResidents; init => _unchangedResidents = value; }
    public int NewHouseholds { get => _newHouseholds; init => _newHouseholds = value; }

    /// <summary>Why the file as a whole could not be read or committed.</summary>
    public string? Failure { get => _failure; init => _failure = value; }

    /// <summary>The places whose register is imported: a community or village, a compound or a building.</summary>
    public static bool CanImportInto(PlaceKind kind) =>
        kind is PlaceKind.Community or PlaceKind.Village or PlaceKind.Compound or PlaceKind.Building;

    /// <summary>An uploaded file, checked (again) or one whose check failed, may be checked.</summary>
    public bool CanCheck => _status is ImportStatus.Uploaded or ImportStatus.Checked or ImportStatus.Failed;

    /// <summary>Only an import that is not being checked or committed, nor committed, may be discarded.</summary>
    public bool CanDiscard => _status is not (ImportStatus.Checking or ImportStatus.Committing or ImportStatus.Committed);

    /// <summary>Starts the dry run with the mapping given (the header and field → column, as JSON).</summary>
    public void StartCheck(string mapping)
    {
        if (!CanCheck)
        {
            throw Refused("checked");
        }
        _mapping = mapping;
        _status = ImportStatus.Checking;
        _failure = null;
    }

    /// <summary>The dry run is done: what it read, and what a commit would add.</summary>
    public void Checked(int rows, int rowsWithProblems, int newResidents, int unchangedResidents, int newHouseholds, DateTime at)
    {
        Expect(ImportStatus.Checking, "checked");
        _rows = rows;
        _rowsWithProblems = rowsWithProblems;
        _newResidents = newResidents;
        _unchangedResidents = unchangedResidents;
        _newHouseholds = newHouseholds;
        _status = ImportStatus.Checked;
        _checkedAt = at;
    }

    /// <summary>The dry run could not read the file, or stopped: the reason (cut to the column), and the import may be checked again.</summary>
    public void Fail(string reason, DateTime at)
    {
        Expect(ImportStatus.Checking, "failed");
        _status = ImportStatus.Failed;
        _failure = reason.Length > 1000 ? reason[..999] + "…" : reason;
        _checkedAt = at;
    }

    /// <summary>
    /// Every checked row is on the register. Only a checked import without problems is committed (the commit claims it
    /// in SQL, as committing, inside the same transaction).
    /// </summary>
    public void Committed(int newHouseholds, int newResidents, DateTime at)
    {
        Expect(ImportStatus.Checked, "committed");
        if (_rowsWithProblems > 0)
        {
            throw new InvalidOperationException($"import {Id} has rows with problems and cannot be committed");
        }
        _status = ImportStatus.Committed;
        _committedAt = at;
        _newHouseholds = newHouseholds;
        _newResidents = newResidents;
    }

    public void Discard()
    {
        if (!CanDiscard)
        {
            throw Refused("discarded");
        }
        _status = ImportStatus.Discarded;
    }

    private void Expect(ImportStatus status, string what)
    {
        if (_status != status)
        {
            throw Refused(what);
        }
    }

    private InvalidOperationException Refused(string what) => new($"import {Id} is {_status} and cannot be {what}");
}

public enum ImportFormat
{
    Csv,
    Xlsx,
}

public enum ImportStatus
{
    /// <summary>Stored; the header was read and a column mapping proposed.</summary>
    Uploaded,
    Checking,
    /// <summary>Dry run done: the summary and the problems are known.</summary>
    Checked,
    Committing,
    Committed,
    /// <summary>The file could not be read at all (see <see cref="RegisterImport.Failure"/>).</summary>
    Failed,
    Discarded,
}

/// <summary>One problem of one row (or of the file, row 0): where, what was there, and why it is wrong.</summary>
public sealed class ImportProblem
{
    public long Id { get; set; }
    public long ImportId { get; set; }

    /// <summary>The row as a spreadsheet numbers it: the header is row 1, the first data row 2.</summary>
    public int Row { get; set; }
    public required string Column { get; set; }
    public string? Value { get; set; }
    public required string Reason { get; set; }

    /// <summary>For a duplicate: the resident already on the register.</summary>
    public long? ExistingResidentId { get; set; }
}

/// <summary>A checked row waiting for the commit (staging): every field already parsed and valid.</summary>
public sealed class ImportRow
{
    public long ImportId { get; set; }
    public int Row { get; set; }
    public long BuildingId { get; set; }
    public required string Room { get; set; }
    public required string Name { get; set; }
    public Sex Sex { get; set; }
    public DateOnly BirthDate { get; set; }
    public DocumentType DocumentType { get; set; }
    public required string IdNumber { get; set; }
    public string? Phone { get; set; }
    public Relationship Relationship { get; set; }
    public Residence Residence { get; set; }
    public Vulnerability Vulnerabilities { get; set; }
    public string? Note { get; set; }

    /// <summary>True when the same person is already registered in the same household: the commit skips the row.</summary>
    public bool Unchanged { get; set; }
}
