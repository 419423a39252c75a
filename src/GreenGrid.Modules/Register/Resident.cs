namespace GreenGrid.Register;

/// <summary>
/// A person on the register (底数). The register issue extends this with documents,
/// history, moves and merges; the foundation needs enough for the demo city and the counts.
/// </summary>
public sealed class Resident
{
    public long Id { get; set; }
    public long HouseholdId { get; set; }
    public required string Name { get; set; }
    public Sex Sex { get; set; }
    public DateOnly BirthDate { get; set; }

    /// <summary>18-character resident ID number (居民身份证号码).</summary>
    public required string IdNumber { get; set; }

    /// <summary>True for generated demo people: their ID numbers are well formed but belong to nobody.</summary>
    public bool IsSynthetic { get; set; }

    public string? Phone { get; set; }
    public Relationship Relationship { get; set; }
    public Residence Residence { get; set; }
    public Vulnerability Vulnerabilities { get; set; }
}

public enum Sex
{
    Female,
    Male,
}

/// <summary>Relationship to the head of household (与户主关系).</summary>
public enum Relationship
{
    Head,
    Spouse,
    Child,
    Parent,
    Grandchild,
    Sibling,
    Other,
}

/// <summary>Registered (户籍) or floating (流动) population, or stranded away from home (滞留).</summary>
public enum Residence
{
    Registered,
    Floating,
    Stranded,
}

[Flags]
public enum Vulnerability
{
    None = 0,
    ElderlyAlone = 1,
    Disabled = 2,
    ChronicIllness = 4,
    Dialysis = 8,
    Pregnant = 16,
    Hardship = 32,
}
