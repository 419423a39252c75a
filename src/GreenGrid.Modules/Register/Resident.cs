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
    // Settable once when the record is created, then changed only by the methods below (EF reads and writes the fields).
    private long _householdId;
    private string _name = "";
    private Sex _sex;
    private DateOnly _birthDate;
    private DocumentType _documentType;
    private string _idNumber = "";
    private string? _phone;
    private Relationship _relationship;
    private Residence _residence;
    private Vulnerability _vulnerabilities;
    private string? _note;
    private ResidentStatus _status;
    private DateOnly? _statusDate;

    public long Id { get; set; }
    public long HouseholdId { get => _householdId; init => _householdId = value; }
    public required string Name { get => _name; init => _name = value; }
    public Sex Sex { get => _sex; init => _sex = value; }
    public DateOnly BirthDate { get => _birthDate; init => _birthDate = value; }

    /// <summary>The kind of identity document that <see cref="IdNumber"/> is the number of.</summary>
    public DocumentType DocumentType { get => _documentType; init => _documentType = value; }

    /// <summary>
    /// The number of the identity document: for <see cref="DocumentType.ResidentIdCard"/> the
    /// 18-character resident ID number (居民身份证号码), checked by <see cref="ResidentIdNumber"/>.
    /// </summary>
    public required string IdNumber { get => _idNumber; init => _idNumber = value; }

    /// <summary>True for generated demo people: their ID numbers are well formed but belong to nobody.</summary>
    public bool IsSynthetic { get; init; }

    public string? Phone { get => _phone; init => _phone = value; }
    public Relationship Relationship { get => _relationship; init => _relationship = value; }
    public Residence Residence { get => _residence; init => _residence = value; }
    public Vulnerability Vulnerabilities { get => _vulnerabilities; init => _vulnerabilities = value; }

    /// <summary>A free note of the community worker.</summary>
    public string? Note { get => _note; init => _note = value; }

    public ResidentStatus Status { get => _status; init => _status = value; }

    /// <summary>The day the person moved out or died; null while present.</summary>
    public DateOnly? StatusDate { get => _statusDate; init => _statusDate = value; }

    /// <summary>
    /// Set when this record was found to be a duplicate and merged into another one. The register changes it
    /// only through <see cref="MergeInto"/> and <see cref="Unmerge"/>; the setter is internal for seed data.
    /// </summary>
    public long? MergedIntoId { get; internal set; }

    /// <summary>Whether the person counts: present and not merged into another record.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Resident, bool>> OnRegister =
        r => r.Status == ResidentStatus.Present && r.MergedIntoId == null;

    /// <summary>A new record of a person in a household, with fields checked by <see cref="ResidentRules.Check"/>.</summary>
    public static Resident Register(long householdId, ResidentFacts facts)
    {
        var resident = new Resident { HouseholdId = householdId, Name = facts.Name, IdNumber = facts.IdNumber };
        resident.Correct(facts);
        return resident;
    }

    /// <summary>Takes the fields checked by <see cref="ResidentRules.Check"/> (a correction, a merge or its undoing).</summary>
    public void Correct(ResidentFacts facts)
    {
        _name = facts.Name;
        _sex = facts.Sex;
        _birthDate = facts.BirthDate;
        _documentType = facts.DocumentType;
        _idNumber = facts.IdNumber;
        _phone = facts.Phone;
        _relationship = facts.Relationship;
        _residence = facts.Residence;
        _vulnerabilities = facts.Vulnerabilities;
        _note = facts.Note;
    }

    /// <summary>Moves the person to another household; a merged record does not move, nor into the household it is in.</summary>
    public void MoveTo(Household household)
    {
        ExpectNotMerged("moved");
        if (household.Id == _householdId)
        {
            throw new InvalidOperationException($"resident {Id} already lives in household {household.Id}");
        }
        _householdId = household.Id;
    }

    /// <summary>
    /// Present again, or moved out or died on <paramref name="date"/> (required then, and not before the birth date).
    /// A merged record has no status of its own.
    /// </summary>
    public void SetStatus(ResidentStatus status, DateOnly? date)
    {
        ExpectNotMerged("given a status");
        if (status != ResidentStatus.Present && (date is null || date < _birthDate))
        {
            throw new ArgumentException($"a resident who is {status} needs the day it happened, not before the birth date", nameof(date));
        }
        _status = status;
        _statusDate = status == ResidentStatus.Present ? null : date;
    }

    /// <summary>This record is a duplicate of <paramref name="kept"/>: it stays, pointing at the kept one.</summary>
    public void MergeInto(Resident kept)
    {
        ExpectNotMerged("merged");
        if (kept.Id == Id || kept.MergedIntoId is not null)
        {
            throw new InvalidOperationException($"resident {Id} cannot be merged into resident {kept.Id}");
        }
        MergedIntoId = kept.Id;
    }

    /// <summary>Undoes <see cref="MergeInto"/>: a record of its own again.</summary>
    public void Unmerge()
    {
        if (MergedIntoId is null)
        {
            throw new InvalidOperationException($"resident {Id} is not merged");
        }
        MergedIntoId = null;
    }

    private void ExpectNotMerged(string what)
    {
        if (MergedIntoId is not null)
        {
            throw new InvalidOperationException($"resident {Id} is merged into {MergedIntoId} and cannot be {what}");
        }
    }
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
