using System.Collections.Concurrent;
using GreenGrid.Places;
using GreenGrid.Platform.Data;

namespace GreenGrid.Platform.Security;

/// <summary>
/// The callers' accounts (role, jurisdictions, household) kept in memory between requests
/// (docs/adr/0011-hot-write-paths.md). Every authenticated request needs its caller, for the
/// permission check and for the jurisdiction; reading it from the database cost a round trip per
/// request, as much as a gate scan's own work.
/// <para>
/// An entry is dropped as soon as anything that could change it is saved: <see cref="Invalidator"/>
/// (a <see cref="WriteWatch"/>) watches every AppDb save and bumps one generation counter when accounts, jurisdictions or places
/// are written (also inside a transaction: again at its commit; a place move's path rewrite runs in
/// the same transaction as its SaveChanges). All entries are dropped then, which is cheap because
/// such writes are rare. As a backstop for writes this process does not see (another instance,
/// raw SQL outside EF), an entry lives at most <see cref="Lifetime"/>, shorter than the minute a
/// cookie session may go without its security stamp being checked.
/// </para>
/// </summary>
public sealed class CallerCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    // Static: one counter for every app in the process (the tests run a SQLite and a PostgreSQL
    // app side by side). A change in one drops the other's entries too, which is only a reload.
    private static long _generation;

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
    public static void Invalidate() => Interlocked.Increment(ref _generation);

    /// <summary>Calls <see cref="Invalidate"/> when an AppDb save writes accounts, jurisdictions or places, and again when it completes and its transaction ends.</summary>
    public static readonly WriteWatch Invalidator = new(entity => entity is Account or AccountJurisdiction or Place, Invalidate);
}
