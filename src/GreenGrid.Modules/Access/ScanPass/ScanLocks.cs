namespace GreenGrid.Access.ScanPass;

/// <summary>
/// Serialises the decide-then-record of scans of one household (or pass) inside the process, so two
/// gates cannot both spend one quota. Striped: households share a lock by key.
/// </summary>
public sealed class ScanLocks
{
    private const int Stripes = 256;
    private readonly SemaphoreSlim[] _locks = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Waits for the lock of a pass: its household's (a household's passes share one quota), or its own for a pass without one.</summary>
    public async Task<HouseholdLock> Acquire(long passId, long? householdId, CancellationToken ct)
    {
        var key = KeyOf(passId, householdId);
        var stripe = _locks[(int)((ulong)key % Stripes)];
        await stripe.WaitAsync(ct);
        return new HouseholdLock(key, stripe);
    }

    internal static long KeyOf(long passId, long? householdId) => householdId ?? -passId;
}

/// <summary>
/// The lock of one household's passes, held until disposed. The methods that must run under it take
/// it as an argument (<see cref="PassLedger"/>'s), so the requirement is in their signature and checked.
/// </summary>
public sealed class HouseholdLock : IDisposable
{
    private readonly long _key;
    private SemaphoreSlim? _stripe;

    internal HouseholdLock(long key, SemaphoreSlim stripe)
    {
        _key = key;
        _stripe = stripe;
    }

    /// <summary>Fails unless this is the held lock of the pass's household.</summary>
    internal void MustCover(long passId, long? householdId)
    {
        if (_stripe is null || _key != ScanLocks.KeyOf(passId, householdId))
        {
            throw new InvalidOperationException($"The lock held is not the one of pass {passId} (household {householdId}).");
        }
    }

    public void Dispose() => Interlocked.Exchange(ref _stripe, null)?.Release();
}
