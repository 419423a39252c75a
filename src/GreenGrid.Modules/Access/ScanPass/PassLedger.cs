using System.Collections.Concurrent;
using GreenGrid.Register;

namespace GreenGrid.Access.ScanPass;

/// <summary>
/// What a gate scan needs to know about a pass, kept in memory between scans
/// (docs/adr/0013-pass-ledger.md): its standing (revoked, holder), today's allowed exits of the pass
/// and of its household, its last allowed passage, and whether the household has case records at
/// all. Reading that from the database cost most of a scan; the scans that change it all pass
/// through <see cref="GateScanner"/>, under the household's lock, so the ledger can follow them.
/// <para>
/// The database stays the truth: an entry is loaded from it on first use and dropped whenever
/// something the ledger does not follow might have changed it (an offline upload, a revocation, a
/// resident written, a case event), so that the next scan reloads it. Dropping is always safe;
/// storing happens only under the household's lock in <see cref="GateScanner.Record"/>.
/// </para>
/// <para>
/// It assumes one application process per database, as the household locks already do.
/// </para>
/// </summary>
public sealed class PassLedger(ScanLocks locks, RegisterGeneration register)
{
    private sealed class PassEntry
    {
        public required DateTime? RevokedAt;
        public required string HolderName;
        public required DateOnly Day;
        public required int Exits;
        public required Direction? LastDirection;
        public required DateTime? LastAt;
        public required long Generation;
    }

    private sealed class HouseholdEntry
    {
        public required DateOnly Day;
        public required int Exits;
        public required bool HasCaseRecords;
        public required long RegisterGeneration;
    }

    private readonly ConcurrentDictionary<long, PassEntry> _passes = new();
    private readonly ConcurrentDictionary<long, HouseholdEntry> _households = new();

    // Households known to have case records since their entry was loaded. Only ever added to, so a
    // scan reading its entry concurrently with a case event cannot miss it once the event is told.
    private readonly ConcurrentDictionary<long, byte> _withCases = new();

    private DateOnly _newestDay;

    /// <summary>The generation to pass to <see cref="Load"/>: read it BEFORE reading the database.</summary>
    public long RegisterGeneration => register.Current + Volatile.Read(ref _clears);

    // Times the ledger was cleared: part of its generation, so a load that read the database before a clear is not kept.
    private long _clears;

    /// <summary>The state of a pass on <paramref name="day"/> from memory, or null when it must be read from the database.</summary>
    internal GateScanner.StateRow? Find(HouseholdLock held, long passId, long? householdId, DateOnly day)
    {
        held.MustCover(passId, householdId);
        if (!_passes.TryGetValue(passId, out var pass) || pass.Day > day)
        {
            return null;
        }
        HouseholdEntry? household = null;
        if (pass.Generation != RegisterGeneration)
        {
            return null;
        }
        if (householdId is { } h && (!_households.TryGetValue(h, out household) || household.Day > day || household.RegisterGeneration != RegisterGeneration))
        {
            return null;
        }
        // A new day: every allowed exit of that day went through this ledger since the entry was loaded (online scans are decided now).
        if (pass.Day < day)
        {
            pass.Day = day;
            pass.Exits = 0;
        }
        if (household is not null && household.Day < day)
        {
            household.Day = day;
            household.Exits = 0;
        }
        var hasCases = household is not null && (household.HasCaseRecords || _withCases.ContainsKey(householdId!.Value));
        return new GateScanner.StateRow(pass.RevokedAt, pass.HolderName, household?.Exits ?? 0, pass.Exits, pass.LastDirection, pass.LastAt, hasCases);
    }

    /// <summary>Keeps what the database said on <paramref name="day"/>, with the generation read before the read.</summary>
    internal void Load(HouseholdLock held, long passId, long? householdId, DateOnly day, GateScanner.StateRow row, long registerGeneration)
    {
        held.MustCover(passId, householdId);
        Prune(day);
        _passes[passId] = new PassEntry { RevokedAt = row.RevokedAt, HolderName = row.HolderName, Day = day, Exits = row.PassExits, LastDirection = row.LastDirection, LastAt = row.LastAt, Generation = registerGeneration };
        if (householdId is { } h)
        {
            _households[h] = new HouseholdEntry { Day = day, Exits = row.HouseholdExits, HasCaseRecords = row.HouseholdHasCases, RegisterGeneration = registerGeneration };
        }
    }

    /// <summary>Follows a scan committed online.</summary>
    internal void Recorded(HouseholdLock held, Scan scan)
    {
        if (scan.PassId is not { } passId || scan.Decision != Decision.Allow)
        {
            return;
        }
        held.MustCover(passId, scan.HouseholdId);
        if (_passes.TryGetValue(passId, out var pass))
        {
            if (scan.Direction == Direction.Out && pass.Day == scan.Day)
            {
                pass.Exits++;
            }
            pass.LastDirection = scan.Direction;
            pass.LastAt = scan.DecidedAt;
        }
        if (scan.HouseholdId is { } h && _households.TryGetValue(h, out var household) && scan.Direction == Direction.Out && household.Day == scan.Day)
        {
            household.Exits++;
        }
    }

    /// <summary>Drops a pass and its household: they are read from the database on their next scan.</summary>
    internal void Drop(HouseholdLock held, long passId, long? householdId)
    {
        held.MustCover(passId, householdId);
        _passes.TryRemove(passId, out _);
        if (householdId is { } h)
        {
            _households.TryRemove(h, out _);
        }
    }

    /// <summary>Drops a pass after a change the ledger does not follow (a revocation), once that change is committed.</summary>
    public async Task Forget(long passId, long? householdId, CancellationToken ct)
    {
        // Under the lock: a scan that read the pass before the change cannot store its copy after this.
        using var held = await locks.Acquire(passId, householdId, ct);
        Drop(held, passId, householdId);
    }

    /// <summary>These households have case records now (told after the events committed).</summary>
    public void HaveCaseRecords(IEnumerable<long> householdIds)
    {
        foreach (var h in householdIds)
        {
            _withCases.TryAdd(h, 0);
        }
    }

    /// <summary>Forgets everything (when a change could not be followed).</summary>
    public void Clear()
    {
        // A scan that read the database before this must not keep its copy: its generation is old now.
        Interlocked.Increment(ref _clears);
        _households.Clear();
        _passes.Clear();
        _withCases.Clear();
    }

    // Entries untouched since before yesterday are dropped once a day: they would be reloaded anyway.
    private void Prune(DateOnly day)
    {
        if (day <= _newestDay)
        {
            return;
        }
        _newestDay = day;
        var oldest = day.AddDays(-1);
        foreach (var (id, entry) in _passes)
        {
            if (entry.Day < oldest)
            {
                _passes.TryRemove(id, out _);
            }
        }
        foreach (var (id, entry) in _households)
        {
            if (entry.Day < oldest)
            {
                _households.TryRemove(id, out _);
            }
        }
    }
}
