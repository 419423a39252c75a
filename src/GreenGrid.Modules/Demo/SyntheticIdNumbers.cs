using GreenGrid.Register;

namespace GreenGrid.Demo;

/// <summary>
/// Hands out well-formed ID numbers for generated people: region code, birth date, a sequence
/// whose parity gives the sex, and the check character of <see cref="ResidentIdNumber"/>. Within
/// one region and birth date the sequence counts up, so no two generated people share a number
/// (up to 499 of one sex born on the same day in one region, far beyond any demo size). The
/// counters are fixed-size arrays per region, so memory does not grow with the city.
/// </summary>
internal sealed class SyntheticIdNumbers
{
    private const int SequencesPerSex = 499;
    private static readonly DateOnly FirstDay = new(1900, 1, 1);
    private static readonly int Days = DemoCityGenerator.ReferenceDate.DayNumber - FirstDay.DayNumber + 1;

    private readonly Dictionary<string, ushort[]> _counters = new(StringComparer.Ordinal);

    public string Next(string regionCode, DateOnly birthDate, bool male)
    {
        if (!_counters.TryGetValue(regionCode, out var counters))
        {
            counters = new ushort[Days * 2];
            _counters.Add(regionCode, counters);
        }
        var day = birthDate.DayNumber - FirstDay.DayNumber;
        var slot = day * 2 + (male ? 1 : 0);
        var issued = counters[slot]++;
        // Start each (region, day) at its own place so that numbers do not all end in 001, 002.
        var start = (int)(DemoRandom.Mix(((ulong)regionCode.GetDeterministicHash() << 20) ^ (ulong)day) % SequencesPerSex);
        var step = (start + issued) % SequencesPerSex;
        var sequence = 1 + 2 * step + (male ? 0 : 1);
        return Format(regionCode, birthDate, sequence);
    }

    public static string Format(string regionCode, DateOnly birthDate, int sequence) =>
        string.Create(ResidentIdNumber.Length, (regionCode, birthDate, sequence), static (span, state) =>
        {
            state.regionCode.AsSpan().CopyTo(span);
            var (year, month, day) = state.birthDate;
            Digits(span.Slice(6, 4), year);
            Digits(span.Slice(10, 2), month);
            Digits(span.Slice(12, 2), day);
            Digits(span.Slice(14, 3), state.sequence);
            span[17] = ResidentIdNumber.CheckDigit(span[..17]);
        });

    /// <summary>A plausible mainland mobile number: a real operator prefix and eight digits.</summary>
    public static string Phone(DemoRandom random) =>
        string.Create(11, (Prefix: random.Pick(MobilePrefixes), Number: random.Next(100_000_000)), static (span, state) =>
        {
            state.Prefix.AsSpan().CopyTo(span);
            Digits(span[3..], state.Number);
        });

    // China Mobile, China Unicom and China Telecom prefixes.
    private static readonly string[] MobilePrefixes =
    [
        "134", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159", "182", "183", "187", "188", "198",
        "130", "131", "132", "155", "156", "166", "185", "186", "133", "153", "173", "177", "180", "181", "189", "199",
    ];

    private static void Digits(Span<char> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (char)('0' + value % 10);
            value /= 10;
        }
    }
}

internal static class DeterministicHash
{
    /// <summary>FNV-1a of the characters: unlike <see cref="string.GetHashCode()"/>, the same in every process.</summary>
    public static uint GetDeterministicHash(this string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return hash;
    }
}
