namespace GreenGrid.Access;

/// <summary>The configuration section <c>Access</c>.</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>How far a gate's clock may be from the server's before a scan is flagged and decided on the server's time.</summary>
    public int ClockSkewMinutes { get; set; } = 5;

    /// <summary>Most offline scans in one upload.</summary>
    public int MaxSyncBatch { get; set; } = 500;

    public TimeSpan ClockSkew => TimeSpan.FromMinutes(ClockSkewMinutes);
}

/// <summary>Serialises the decide-then-record of scans of one household (or pass) inside the process, so two gates cannot both spend one quota.</summary>
public sealed class ScanLocks
{
    private const int Stripes = 256;
    private readonly SemaphoreSlim[] _locks = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>The lock of a pass: its household's (a household's passes share one quota), or its own for a pass without one.</summary>
    public static long KeyOf(long passId, long? householdId) => householdId ?? -passId;

    public async Task<SemaphoreSlim> Acquire(long key, CancellationToken ct)
    {
        var stripe = _locks[(int)((ulong)key % Stripes)];
        await stripe.WaitAsync(ct);
        return stripe;
    }
}
