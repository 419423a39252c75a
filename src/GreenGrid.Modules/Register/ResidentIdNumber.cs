using GreenGrid.Platform;
using System.Globalization;

namespace GreenGrid.Register;

/// <summary>
/// The 18-character resident ID number (GB 11643-1999): 6-digit region code, 8-digit birth date
/// (yyyyMMdd), 3-digit sequence whose last digit is odd for men and even for women, and a check
/// character computed with ISO 7064 MOD 11-2 (0-9 or X).
/// </summary>
[ModuleContract]
public static class ResidentIdNumber
{
    public const int Length = 18;

    private static ReadOnlySpan<byte> Weights => [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private const string CheckCharacters = "10X98765432";

    /// <summary>The check character of the first 17 digits.</summary>
    /// <exception cref="ArgumentException">when <paramref name="first17"/> is not 17 ASCII digits</exception>
    public static char CheckDigit(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException($"needs the first 17 digits, got {first17.Length} characters", nameof(first17));
        }
        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var digit = first17[i] - '0';
            if (digit is < 0 or > 9)
            {
                throw new ArgumentException($"character {i + 1} is '{first17[i]}', not a digit", nameof(first17));
            }
            sum += digit * Weights[i];
        }
        return CheckCharacters[sum % 11];
    }

    /// <summary>Whether the number has the right length, digits, a real birth date and the right check character.</summary>
    public static bool IsWellFormed(string? idNumber) =>
        idNumber is { Length: Length }
        && idNumber.AsSpan(0, Length - 1).ContainsAnyExceptInRange('0', '9') is false
        && BirthDate(idNumber) is not null
        && char.ToUpperInvariant(idNumber[^1]) == CheckDigit(idNumber.AsSpan(0, Length - 1));

    /// <summary>
    /// What is wrong with a number, in words that say which part (length, characters, region,
    /// birth date, check digit); null for a well-formed number. Expects <see cref="ResidentRules.Normalise"/>d text.
    /// </summary>
    public static Platform.Errors.Message? Problem(string number)
    {
        if (number.Length != Length)
        {
            return RegisterMessages.IdLength(number.Length);
        }
        for (var i = 0; i < Length - 1; i++)
        {
            if (number[i] is < '0' or > '9')
            {
                return RegisterMessages.IdDigit(i + 1, number[i]);
            }
        }
        if (number[^1] is not ((>= '0' and <= '9') or 'X'))
        {
            return RegisterMessages.IdLastCharacter(number[^1]);
        }
        if (!Provinces.Contains(number[..2]) || number.AsSpan(2, 4).SequenceEqual("0000"))
        {
            return RegisterMessages.IdRegion(number[..6]);
        }
        if (BirthDate(number) is not { } birth)
        {
            return RegisterMessages.IdBirthDate(number.Substring(6, 8));
        }
        if (birth < ResidentRules.EarliestBirthDate)
        {
            return RegisterMessages.IdBefore1900(birth);
        }
        var check = CheckDigit(number.AsSpan(0, Length - 1));
        return number[^1] == check ? null : RegisterMessages.IdCheckDigit(number[^1], check);
    }

    /// <summary>The two-digit province codes of GB/T 2260 (with 71 Taiwan, 81 Hong Kong, 82 Macao, 83 for residence permits).</summary>
    private static readonly HashSet<string> Provinces =
    [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "71", "81", "82", "83",
    ];

    /// <summary>The birth date written in the number, or null when it is not a date.</summary>
    public static DateOnly? BirthDate(string idNumber) =>
        idNumber.Length >= 14 && DateOnly.TryParseExact(idNumber.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    /// <summary>Male when the 17th digit is odd.</summary>
    public static Sex SexOf(string idNumber) => (idNumber[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;
}
