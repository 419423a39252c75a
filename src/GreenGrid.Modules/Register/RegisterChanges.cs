using System.Runtime.CompilerServices;
using GreenGrid.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GreenGrid.Register;

/// <summary>
/// One committed write of the register: the buildings whose households changed (a household created,
/// moved from or to them), the households whose members changed (someone added, moved from or to
/// them), the residents written (any field: status, flags, residence, a merge), and for a bulk write
/// (an import) the place under which anything may have changed. A model derived from the register
/// recounts what is named here, nothing else.
/// </summary>
[ModuleContract]
public sealed record RegisterChange(
    IReadOnlySet<long> Buildings, IReadOnlySet<long> Households, IReadOnlySet<long> Residents, long? Subtree = null)
{
    public static RegisterChange Under(long placeId) => new(new HashSet<long>(), new HashSet<long>(), new HashSet<long>(), placeId);
}

/// <summary>
/// Told of every committed write of the register, on the writer's thread, right after the commit and
/// before the request answers: a model that keeps counts or people in memory notes what changed and
/// catches up before its next read, so a read after a write sees it. It must be quick (no database
/// work here) and must not throw. A rolled-back transaction is told too (its change is then a recount
/// that finds nothing new).
/// </summary>
[ModuleContract]
public interface IRegisterListener
{
    void Changed(RegisterChange change);
}

/// <summary>Tells the <see cref="RegisterGeneration"/> and every <see cref="IRegisterListener"/> of a committed register write.</summary>
public sealed class RegisterChanges(RegisterGeneration generation, IServiceProvider services, ILogger<RegisterChanges> log)
{
    private IRegisterListener[]? _listeners;

    public void Tell(RegisterChange change)
    {
        generation.Advance();
        // Resolved on first use: listeners are singletons of other modules that may themselves need the database.
        foreach (var listener in _listeners ??= [.. services.GetServices<IRegisterListener>()])
        {
            try
            {
                listener.Changed(change);
            }
            catch (Exception e)
            {
                log.LogError(e, "{Listener} failed on a register change", listener.GetType().Name);
            }
        }
    }
}

/// <summary>
/// Collects what an AppDb save writes to the register (residents and households, with the household
/// or building they were in before) and tells <see cref="RegisterChanges"/> once the write is visible:
/// after the save, or after the commit of its transaction (a rollback is told too). Bulk SQL (the
/// import) tells <see cref="RegisterChanges"/> itself.
/// </summary>
internal sealed class RegisterWriteWatch(RegisterChanges changes) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private sealed class Pending
    {
        public readonly HashSet<long> Buildings = [];
        public readonly HashSet<long> Households = [];
        public readonly HashSet<long> Residents = [];
        // Added rows get their ids in the save: read after it.
        public readonly List<object> Added = [];
    }

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Saved(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData.Context);

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        Pending? pending = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || entry.Entity is not (Resident or Household))
            {
                continue;
            }
            pending ??= _pending.GetOrCreateValue(context);
            switch (entry.Entity)
            {
                case Resident resident:
                    pending.Households.Add(resident.HouseholdId);
                    if (entry.State == EntityState.Added)
                    {
                        pending.Added.Add(resident);
                    }
                    else
                    {
                        pending.Residents.Add(resident.Id);
                        pending.Households.Add(entry.Property(nameof(Resident.HouseholdId)).OriginalValue is long before ? before : resident.HouseholdId);
                    }
                    break;
                case Household household:
                    pending.Buildings.Add(household.BuildingId);
                    if (entry.State == EntityState.Added)
                    {
                        pending.Added.Add(household);
                    }
                    else
                    {
                        pending.Households.Add(household.Id);
                        pending.Buildings.Add(entry.Property(nameof(Household.BuildingId)).OriginalValue is long before ? before : household.BuildingId);
                    }
                    break;
            }
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
        {
            return;
        }
        foreach (var added in pending.Added)
        {
            switch (added)
            {
                case Resident resident:
                    pending.Residents.Add(resident.Id);
                    pending.Households.Add(resident.HouseholdId);
                    break;
                case Household household:
                    pending.Households.Add(household.Id);
                    pending.Buildings.Add(household.BuildingId);
                    break;
            }
        }
        pending.Added.Clear();
        if (context.Database.CurrentTransaction is null)
        {
            Ended(context);
        }
    }

    private void Ended(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
        {
            return;
        }
        _pending.Remove(context);
        // An id of 0 is an added row whose save failed: nothing of it was written.
        pending.Buildings.Remove(0);
        pending.Households.Remove(0);
        pending.Residents.Remove(0);
        changes.Tell(new RegisterChange(pending.Buildings, pending.Households, pending.Residents));
    }
}
