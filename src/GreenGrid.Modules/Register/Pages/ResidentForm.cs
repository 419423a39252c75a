using GreenGrid.Register.ReadHouseholds;

namespace GreenGrid.Register.Pages;

/// <summary>The fields of the resident form, as typed; the server checks them (ResidentRules) and names what is wrong.</summary>
public sealed class ResidentForm
{
    /// <summary>The resident being corrected; null for a new one.</summary>
    public long? ResidentId { get; init; }

    /// <summary>The masked numbers of the resident being corrected, shown as hints: an empty field keeps them.</summary>
    public string? IdNumberMasked { get; init; }
    public string? PhoneMasked { get; init; }

    public string? Name { get; set; }
    public DocumentType? DocumentType { get; set; } = Register.DocumentType.ResidentIdCard;
    public string? IdNumber { get; set; }
    public Sex? Sex { get; set; }
    public DateTime? BirthDate { get; set; }
    public string? Phone { get; set; }
    public Relationship? Relationship { get; set; }
    public Residence? Residence { get; set; } = Register.Residence.Registered;
    public IReadOnlyCollection<Vulnerability> Vulnerabilities { get; set; } = [];
    public string? Note { get; set; }

    /// <summary>Set once the worker confirmed that a person with the same name, birth date and phone is somebody else.</summary>
    public bool ConfirmNotDuplicate { get; set; }

    public bool IsNew => ResidentId is null;

    /// <summary>The fields the form shows, by the server's names, so that their reasons go under them.</summary>
    public static readonly string[] Fields = ["name", "documentType", "idNumber", "sex", "birthDate", "phone", "relationship", "residence", "vulnerabilities", "note"];

    public static ResidentForm Edit(ResidentView resident) => new()
    {
        ResidentId = resident.Id,
        IdNumberMasked = resident.IdNumberMasked,
        PhoneMasked = resident.PhoneMasked,
        Name = resident.Name,
        DocumentType = resident.DocumentType,
        Sex = resident.Sex,
        BirthDate = resident.BirthDate.ToDateTime(TimeOnly.MinValue),
        Relationship = resident.Relationship,
        Residence = resident.Residence,
        Vulnerabilities = Enum.GetValues<Vulnerability>().Where(v => v != Vulnerability.None && resident.Vulnerabilities.HasFlag(v)).ToArray(),
        Note = resident.Note,
    };

    public ResidentRequest ToRequest() => new(
        Blank(Name), Sex, BirthDate is { } d ? DateOnly.FromDateTime(d) : null, DocumentType, Blank(IdNumber),
        Blank(Phone), // editing: empty keeps the number on the register (RegisterPageData.UpdateResident)
        Relationship, Residence, [.. Vulnerabilities], Blank(Note), ConfirmNotDuplicate);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
