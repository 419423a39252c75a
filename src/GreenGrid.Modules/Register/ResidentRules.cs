using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GreenGrid.Platform.Errors;

namespace GreenGrid.Register;

/// <summary>
/// A resident's fields as a form or a spreadsheet row gives them: all nullable, so that a missing
/// one is reported by name. <see cref="ResidentRules.Check"/> turns them into <see cref="ResidentFacts"/>.
/// </summary>
public sealed record ResidentInput(
    string? Name, Sex? Sex, DateOnly? BirthDate, DocumentType? DocumentType, string? IdNumber, string? Phone,
    Relationship? Relationship, Residence? Residence, Vulnerability? Vulnerabilities, string? Note);

/// <summary>A resident's checked fields: what the register stores about a person (and what a merge keeps).</summary>
public sealed record ResidentFacts(
    string Name, Sex Sex, DateOnly BirthDate, DocumentType DocumentType, string IdNumber, string? Phone,
    Relationship Relationship, Residence Residence, Vulnerability Vulnerabilities, string? Note)
{
    public static ResidentFacts Of(Resident r) =>
        new(r.Name, r.Sex, r.BirthDate, r.DocumentType, r.IdNumber, r.Phone, r.Relationship, r.Residence, r.Vulnerabilities, r.Note);
}

/// <summary>
/// The one set of rules for a resident's fields, used by the forms, the API and the import alike.
/// Reasons are written for the community worker who has to fix the row: they say which part is wrong.
/// </summary>
public static partial class ResidentRules
{
    public const int NameMaxLength = 100;
    public const int NoteMaxLength = 500;
    public static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    public static ResidentFacts? Check(ValidationErrors errors, ResidentInput input, DateOnly today)
    {
        var name = errors.Text("name", input.Name, NameMaxLength);
        var note = errors.Text("note", input.Note, NoteMaxLength, required: false);
        var documentType = input.DocumentType ?? DocumentType.ResidentIdCard;
        var idNumber = Document(errors, "idNumber", documentType, input.IdNumber);
        var phone = Phone(errors, "phone", input.Phone);

        var birthDate = input.BirthDate;
        var sex = input.Sex;
        if (idNumber is not null && documentType == DocumentType.ResidentIdCard)
        {
            // The ID number carries the birth date and the sex: a field left empty takes them, one that disagrees is wrong.
            var written = ResidentIdNumber.BirthDate(idNumber)!.Value;
            birthDate ??= written;
            if (birthDate != written)
            {
                errors.Add("birthDate", RegisterMessages.BirthDateDisagrees(birthDate.Value, written));
            }
            var sexInNumber = ResidentIdNumber.SexOf(idNumber);
            sex ??= sexInNumber;
            if (sex != sexInNumber)
            {
                errors.Add("sex", RegisterMessages.SexDisagrees(sexInNumber));
            }
        }
        // A mistyped ID card number is the one thing to fix: the birth date and sex will come from it.
        var waitsForIdNumber = idNumber is null && documentType == DocumentType.ResidentIdCard;
        if (birthDate is null)
        {
            if (!waitsForIdNumber)
            {
                errors.Add("birthDate", PlatformMessages.Required);
            }
        }
        else if (birthDate > today)
        {
            errors.Add("birthDate", PlatformMessages.DateInFuture(birthDate.Value));
        }
        else if (birthDate < EarliestBirthDate)
        {
            errors.Add("birthDate", RegisterMessages.BirthDateTooEarly(birthDate.Value, EarliestBirthDate));
        }
        if (sex is null && !waitsForIdNumber)
        {
            errors.Add("sex", RegisterMessages.SexRequired);
        }
        if (input.Vulnerabilities is { } v && (v & ~AllVulnerabilities) != 0)
        {
            errors.Add("vulnerabilities", RegisterMessages.UnknownVulnerability);
        }
        if (name is null || idNumber is null || birthDate is null || sex is null || errors.Has("birthDate") || errors.Has("sex")
            || errors.Has("name") || errors.Has("note") || errors.Has("phone") || errors.Has("vulnerabilities"))
        {
            return null;
        }
        return new ResidentFacts(name, sex.Value, birthDate.Value, documentType, idNumber, phone,
            input.Relationship ?? Relationship.Other, input.Residence ?? Residence.Registered, input.Vulnerabilities ?? Vulnerability.None, note);
    }

    public const Vulnerability AllVulnerabilities = Vulnerability.ElderlyAlone | Vulnerability.Disabled | Vulnerability.ChronicIllness
        | Vulnerability.Dialysis | Vulnerability.Pregnant | Vulnerability.Hardship;

    /// <summary>The document number, normalised (full-width digits and letters from a Chinese input method become ASCII, letters upper case).</summary>
    public static string? Document(ValidationErrors errors, string field, DocumentType type, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, PlatformMessages.Required);
            return null;
        }
        var number = Normalise(value);
        var reason = type switch
        {
            DocumentType.ResidentIdCard => ResidentIdNumber.Problem(number),
            DocumentType.Passport => PassportNumber().IsMatch(number) ? null : RegisterMessages.PassportNumber,
            DocumentType.HongKongMacaoPermit => HongKongMacaoNumber().IsMatch(number) ? null : RegisterMessages.HongKongMacaoNumber,
            DocumentType.TaiwanPermit => TaiwanNumber().IsMatch(number) ? null : RegisterMessages.TaiwanNumber,
            _ => RegisterMessages.UnknownDocumentType,
        };
        if (reason is not null)
        {
            errors.Add(field, reason);
            return null;
        }
        return number;
    }

    /// <summary>A mainland mobile (11 digits, starting 13–19) or a landline with its area code; stored as digits (and one dash for a landline).</summary>
    public static string? Phone(ValidationErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var digits = Normalise(value).Replace(" ", "", StringComparison.Ordinal);
        if (digits.StartsWith("+86", StringComparison.Ordinal))
        {
            digits = digits[3..];
        }
        if (MobileNumber().IsMatch(digits))
        {
            return digits;
        }
        if (LandlineNumber().Match(digits) is { Success: true } landline)
        {
            return $"{landline.Groups["area"].Value}-{landline.Groups["number"].Value}";
        }
        errors.Add(field, RegisterMessages.NotAPhone(Shorten(value)));
        return null;
    }

    /// <summary>Full-width forms (１２３, Ｘ) to ASCII, spaces trimmed, letters upper case.</summary>
    public static string Normalise(string value) => value.Normalize(NormalizationForm.FormKC).Trim().ToUpperInvariant();


    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    [GeneratedRegex(@"^[A-Z0-9]{5,17}$")]
    private static partial Regex PassportNumber();

    [GeneratedRegex(@"^[HM]\d{8}(\d{2})?$")]
    private static partial Regex HongKongMacaoNumber();

    [GeneratedRegex(@"^\d{8}(\d{2})?$")]
    private static partial Regex TaiwanNumber();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex MobileNumber();

    [GeneratedRegex(@"^(?<area>0\d{2,3})-?(?<number>[2-9]\d{6,7})$")]
    private static partial Regex LandlineNumber();
}
