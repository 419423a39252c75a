namespace GreenGrid.Register;

/// <summary>
/// A resident's fields, as adding and correcting a resident take them. <see cref="ConfirmNotDuplicate"/> registers
/// a person who has the same name, birth date and phone as someone already registered but is somebody else; a
/// person with the same ID number is never registered twice (merge or move the existing record instead).
/// </summary>
public sealed record ResidentRequest(
    string? Name, Sex? Sex, DateOnly? BirthDate, DocumentType? DocumentType, string? IdNumber, string? Phone,
    Relationship? Relationship, Residence? Residence, Vulnerability[]? Vulnerabilities, string? Note, bool ConfirmNotDuplicate = false)
{
    public ResidentInput ToInput() => new(Name, Sex, BirthDate, DocumentType, IdNumber, Phone, Relationship, Residence,
        Vulnerabilities?.Aggregate(Vulnerability.None, (all, v) => all | v), Note);
}
