using GreenGrid.Platform;

namespace GreenGrid.Register;

/// <summary>
/// A person on the register (底数). A person who moved out or died stays, with <see cref="Status"/>
/// saying so; a person found twice is merged into the other record (<see cref="MergedIntoId"/>)
/// and stays too, so that nothing either record said is lost and a merge can be undone.
/// Only residents that are <see cref="OnRegister"/> are counted and listed.
/// </summary>
public sealed class Resident
{
    public long Id { get; set; }
    public long HouseholdId { get; set; }
    public required string Name { get; set; }
    public Sex Sex { get; set; }
    public DateOnly BirthDate { get; set; }

    /// <summary>The kind of identity document that <see cref="IdNumber"/> is the number of.</summary>
    public DocumentType DocumentType { get; set; }

    /// <summary>
    /// The number of the identity document: for <see cref="DocumentType.ResidentIdCard"/> the
    /// 18-character resident ID number (居民身份证号码), checked by <see cref="ResidentIdNumber"/>.
    /// </summary>
    public required string IdNumber { get; set; }

    /// <summary>True for generated demo people: their ID numbers are well formed but belong to nobody.</summary>
    public bool IsSynthetic { get; set; }

    public string? Phone { get; set; }
    public Relationship Relationship { get; set; }
    public Residence Residence { get; set; }
    public Vulnerability Vulnerabilities { get; set; }

    /// <summary>A free note of the community worker.</summary>
    public string? Note { get; set; }

    public ResidentStatus Status { get; set; }

    /// <summary>The day the person moved out or died; null while present.</summary>
    public DateOnly? StatusDate { get; set; }

    /// <summary>Set when this record was found to be a duplicate and merged into another one.</summary>
    public long? MergedIntoId { get; set; }

    /// <summary>Whether the person counts: present and not merged into another record.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Resident, bool>> OnRegister =
        r => r.Status == ResidentStatus.Present && r.MergedIntoId == null;
}

/// <summary>Whether the person still lives in the household.</summary>
[ModuleContract]
public enum ResidentStatus
{
    Present,
    MovedOut,
    Deceased,
}

/// <summary>The identity documents the register takes (证件类型).</summary>
[ModuleContract]
public enum DocumentType
{
    /// <summary>居民身份证: 18 characters with a check digit.</summary>
    ResidentIdCard,
    /// <summary>护照: letters and digits, 5 to 17 characters.</summary>
    Passport,
    /// <summary>港澳居民来往内地通行证: H or M and 8 or 10 digits.</summary>
    HongKongMacaoPermit,
    /// <summary>台湾居民来往大陆通行证: 8 or 10 digits.</summary>
    TaiwanPermit,
}

[ModuleContract]
public enum Sex
{
    Female,
    Male,
}

/// <summary>Relationship to the head of household (与户主关系).</summary>
[ModuleContract]
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
[ModuleContract]
public enum Residence
{
    Registered,
    Floating,
    Stranded,
}

[ModuleContract]
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
