using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GreenGrid.Platform.Data;

/// <summary>
/// Tells an in-memory cache that rows it copies were written: <c>changed</c> runs when an AppDb
/// save adds, modifies or deletes an entity that <c>watches</c> accepts, again when that save
/// completes, and again when its transaction ends (commit or rollback). A cache that reads its
/// generation before loading and compares it after therefore never keeps a copy read before the
/// write became visible (docs/adr/0011-hot-write-paths.md).
/// <para>
/// It sees writes through EF only: bulk loaders and raw SQL must tell the cache themselves.
/// </para>
/// </summary>
public sealed class WriteWatch(Func<object, bool> watches, Action changed) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    // The contexts that wrote watched rows in their current transaction (weak: a context is never kept alive by this).
    private readonly ConditionalWeakTable<DbContext, object> _touched = [];

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

    private void Check(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries().Any(e =>
                e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && watches(e.Entity)))
        {
            _touched.AddOrUpdate(context, true);
            changed();
        }
    }

    private void After(DbContext? context)
    {
        if (context is not null && _touched.TryGetValue(context, out _))
        {
            changed();
            if (context.Database.CurrentTransaction is null)
            {
                _touched.Remove(context);
            }
        }
    }

    private void Ended(DbContext? context)
    {
        if (context is not null && _touched.TryGetValue(context, out _))
        {
            _touched.Remove(context);
            changed();
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
