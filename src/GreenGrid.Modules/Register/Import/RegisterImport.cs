namespace GreenGrid.Register.Import;

/// <summary>
/// One spreadsheet brought into the register of a place: uploaded, checked (the dry run), then
/// committed whole or not at all. The rows that passed the check wait in <see cref="ImportRow"/>
/// (a staging table) so that the commit is one set-based statement per table, and the problems
/// found are in <see cref="ImportProblem"/>.
/// </summary>
public sealed class RegisterImport
{
    public long Id { get; set; }

    /// <summary>The place whose register the file fills (a community, compound or building).</summary>
    public long PlaceId { get; set; }
    public required string PlacePath { get; set; }

    public required string FileName { get; set; }
    public long SizeBytes { get; set; }

    /// <summary>SHA-256 of the file, hex: the same file uploaded twice is recognised.</summary>
    public required string Sha256 { get; set; }
    public ImportFormat Format { get; set; }

    /// <summary>The text encoding found (utf-8, utf-8-bom, gb18030); null for XLSX.</summary>
    public string? Encoding { get; set; }

    /// <summary>The file's header row and which column feeds which field, as JSON.</summary>
    public string? Mapping { get; set; }

    public ImportStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public long? CreatedBy { get; set; }
    public DateTime? CheckedAt { get; set; }
    public DateTime? CommittedAt { get; set; }

    /// <summary>Data rows read (the header not counted).</summary>
    public int Rows { get; set; }
    public int RowsWithProblems { get; set; }
    public int NewResidents { get; set; }
    public int UnchangedResidents { get; set; }
    public int NewHouseholds { get; set; }

    /// <summary>Why the file as a whole could not be read or committed.</summary>
    public string? Failure { get; set; }
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
