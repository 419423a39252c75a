namespace GreenGrid.Demo;

/// <summary>
/// The demo city's pseudo-random numbers: SplitMix64, written out here rather than taken from
/// <see cref="Random"/>, whose seeded sequence .NET does not promise to keep across versions.
/// Same seed, same numbers, on every machine and runtime. Streams are derived from the city seed
/// and a key (<see cref="For"/>), so that a building's households can be generated without
/// generating every building before it.
/// </summary>
internal sealed class DemoRandom(ulong state)
{
    private ulong _state = state;

    /// <summary>An independent stream for one part of the city, e.g. (seed, Stream.Household, householdId).</summary>
    public static DemoRandom For(int seed, DemoStream stream, long key) =>
        new(Mix(Mix((ulong)(uint)seed ^ ((ulong)stream << 32)) ^ (ulong)key));

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>A number in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive) => (int)((NextUInt64() >> 32) * (ulong)maxExclusive >> 32);

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="maxInclusive"/>].</summary>
    public int Between(int min, int maxInclusive) => min + Next(maxInclusive - min + 1);

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>An index drawn with the given weights (need not sum to 1).</summary>
    public int Weighted(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }
        var x = NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }

    /// <summary>Splits <paramref name="total"/> into <paramref name="parts"/> counts of at least <paramref name="minimum"/>, varying by ±<paramref name="spread"/>.</summary>
    public int[] Split(int total, int parts, double spread, int minimum = 1)
    {
        var weights = new double[parts];
        for (var i = 0; i < parts; i++)
        {
            weights[i] = 1 + spread * (2 * NextDouble() - 1);
        }
        return Apportion(total, weights, minimum);
    }

    /// <summary>Largest-remainder apportionment of <paramref name="total"/> by <paramref name="weights"/>, each share at least <paramref name="minimum"/>.</summary>
    public static int[] Apportion(int total, double[] weights, int minimum = 0)
    {
        var counts = new int[weights.Length];
        var free = total - minimum * weights.Length;
        if (free < 0)
        {
            throw new ArgumentException($"{total} cannot give {weights.Length} parts at least {minimum} each", nameof(total));
        }
        var sum = weights.Sum();
        var remainders = new (double Remainder, int Index)[weights.Length];
        var given = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = free * weights[i] / sum;
            counts[i] = minimum + (int)exact;
            given += (int)exact;
            remainders[i] = (exact - Math.Floor(exact), i);
        }
        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take(free - given))
        {
            counts[index]++;
        }
        return counts;
    }
}

/// <summary>Keys of the independent random streams, one per part of the city.</summary>
internal enum DemoStream : uint
{
    Skeleton = 1,
    Building = 2,
    Household = 3,
    District = 4,
    /// <summary>The outbreak plan: which compounds are hit, when.</summary>
    Outbreak = 5,
    /// <summary>One cluster or one background patient of the outbreak, keyed by its number in the plan.</summary>
    Case = 6,
}
