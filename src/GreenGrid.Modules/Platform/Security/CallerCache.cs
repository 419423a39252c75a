using System.Collections.Concurrent;
using GreenGrid.Platform.Data;

namespace GreenGrid.Platform.Security;

/// <summary>
/// The callers' accounts (role, jurisdictions, household) kept in memory between requests
/// (docs/adr/0011-hot-write-paths.md). Every authenticated request needs its caller, for the
/// permission check and for the jurisdiction; reading it from the database cost a round trip per
/// request, as much as a gate scan's own work.
/// <para>
/// An entry is dropped as soon as anything that could change it is saved: a <see cref="WriteWatch"/>
/// on every AppDb save calls <see cref="Invalidate"/>, which bumps one generation counter, when accounts or
/// jurisdictions (this module's) or places (the Places module's, registered from AddPlaces) are written (also inside a transaction: again at its commit; a place move's path rewrite runs in
/// the same transaction as its SaveChanges). All entries are dropped then, which is cheap because
/// such writes are rare. As a backstop for writes this process does not see (another instance,
/// raw SQL outside EF), an entry lives at most <see cref="Lifetime"/>, shorter than the minute a
/// cookie session may go without its security stamp being checked.
/// </para>
/// </summary>
public sealed class CallerCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private long _generation;

    private sealed record Entry(CallerAccount? Account, long Generation, long LoadedAt);

    // Per app (a singleton): account ids of two databases must never meet.
    private readonly ConcurrentDictionary<long, Entry> _entries = new();

    /// <summary>The account from memory, or loaded (and kept) when missing, stale or invalidated.</summary>
    public async ValueTask<CallerAccount?> Get(long accountId, Func<CancellationToken, Task<CallerAccount?>> load, CancellationToken ct)
    {
        var now = Environment.TickCount64;
        if (_entries.TryGetValue(accountId, out var entry) && entry.Generation == Volatile.Read(ref _generation)
            && now - entry.LoadedAt < (long)Lifetime.TotalMilliseconds)
        {
            return entry.Account;
        }
        // The generation is read BEFORE the load: a change committed meanwhile makes this entry stale at once.
        var generation = Volatile.Read(ref _generation);
        var account = await load(ct);
        _entries[accountId] = new Entry(account, generation, now);
        return account;
    }

    /// <summary>Drops every cached caller (an account, a jurisdiction or a place changed).</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    /// <summary>A watch that calls <see cref="Invalidate"/> when an AppDb save writes what <paramref name="watches"/> accepts, and again when it completes and its transaction ends.</summary>
    public WriteWatch InvalidatedBy(Func<object, bool> watches) => new(watches, Invalidate);
}
