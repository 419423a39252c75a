using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using GreenGrid.Places;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GreenGrid.Platform.Security;

/// <summary>
/// The callers' accounts (role, jurisdictions, household) kept in memory between requests
/// (docs/adr/0011-hot-write-paths.md). Every authenticated request needs its caller, for the
/// permission check and for the jurisdiction; reading it from the database cost a round trip per
/// request, as much as a gate scan's own work.
/// <para>
/// An entry is dropped as soon as anything that could change it is saved: <see cref="Invalidator"/>
/// watches every AppDb save and bumps one generation counter when accounts, jurisdictions or places
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

    /// <summary>Calls <see cref="Invalidate"/> when an AppDb save writes accounts, jurisdictions or places, and again when its transaction commits.</summary>
    public sealed class Invalidator : SaveChangesInterceptor, IDbTransactionInterceptor
    {
        public static readonly Invalidator Instance = new();

        // The contexts that wrote such rows in their current transaction (weak: a context is never kept alive by this).
        private static readonly ConditionalWeakTable<DbContext, object> Touched = [];

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Check(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Check(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            After(eventData.Context);
            return result;
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            After(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override void SaveChangesFailed(DbContextErrorEventData eventData) => After(eventData.Context);

        public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            After(eventData.Context);
            return Task.CompletedTask;
        }

        private static void Check(DbContext? context)
        {
            if (context is not null && context.ChangeTracker.Entries().Any(e =>
                    e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                    && e.Entity is Account or AccountJurisdiction or Place))
            {
                Touched.AddOrUpdate(context, true);
                Invalidate();
            }
        }

        private static void After(DbContext? context)
        {
            if (context is not null && Touched.TryGetValue(context, out _))
            {
                Invalidate();
                if (context.Database.CurrentTransaction is null)
                {
                    Touched.Remove(context);
                }
            }
        }

        private static void Ended(DbContext? context)
        {
            if (context is not null && Touched.TryGetValue(context, out _))
            {
                Touched.Remove(context);
                Invalidate();
            }
        }

        public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData.Context);

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Ended(eventData.Context);
            return Task.CompletedTask;
        }

        public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData.Context);

        public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Ended(eventData.Context);
            return Task.CompletedTask;
        }
    }
}
