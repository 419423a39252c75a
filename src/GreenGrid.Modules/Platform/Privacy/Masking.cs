namespace GreenGrid.Platform.Privacy;

/// <summary>
/// How identity numbers and phone numbers look to someone who does not need them in full.
/// </summary>
public static class Masking
{
    /// <summary><c>420106199001011234</c> becomes <c>4201**********1234</c>.</summary>
    public static string IdNumber(string idNumber) =>
        idNumber.Length <= 8 ? new string('*', idNumber.Length) : idNumber[..4] + new string('*', idNumber.Length - 8) + idNumber[^4..];

    /// <summary><c>13812345678</c> becomes <c>138****5678</c>.</summary>
    public static string? Phone(string? phone) =>
        phone is null ? null : phone.Length <= 7 ? new string('*', phone.Length) : phone[..3] + new string('*', phone.Length - 7) + phone[^4..];
}
