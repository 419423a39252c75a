using System.Globalization;

namespace GreenGrid.Register;

/// <summary>
/// The 18-character resident ID number (GB 11643-1999): 6-digit region code, 8-digit birth date
/// (yyyyMMdd), 3-digit sequence whose last digit is odd for men and even for women, and a check
/// character computed with ISO 7064 MOD 11-2 (0-9 or X).
/// </summary>
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

    /// <summary>The birth date written in the number, or null when it is not a date.</summary>
    public static DateOnly? BirthDate(string idNumber) =>
        idNumber.Length >= 14 && DateOnly.TryParseExact(idNumber.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    /// <summary>Male when the 17th digit is odd.</summary>
    public static Sex SexOf(string idNumber) => (idNumber[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;
}
