using System.Diagnostics;
using System.Linq.Expressions;
using System.Numerics;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GreenGrid.Register.Merge.FindDuplicates;

/// <summary>
/// The duplicate keys of the whole register, kept in memory (docs/adr/0023-duplicate-keys-in-memory.md): every ID
/// number that two or more records on the register share, and every name, birth date and phone that two or more of
/// them share under two or more ID numbers, each with its records (id, household, the building's path). The
/// duplicates of a place are the groups whose records under the place still make a group; only those records are
/// then read. Built at start by one streamed read of the register (<see cref="DuplicateKeysStartup"/>). A register
/// write only notes what it named; the next read re-reads the keys those residents had and have, by the indexes.
/// </summary>
internal sealed class DuplicateKeysModel(IServiceScopeFactory scopes, ILogger<DuplicateKeysModel> log) : IRegisterListener, IPlaceTreeListener
{
    /// <summary>Keys per query when keys are re-read (bounded lists keep the plans on the indexes).</summary>
    private const int Chunk = 500;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _pendingLock = new();
    private Pending _pending = new();
    private Keys? _keys;

    /// <summary>At most <paramref name="take"/> groups of records on the register under the path: ID-number groups first, each kind in key order.</summary>
    public Task<List<(DuplicateReason Reason, long[] Residents)>> Under(string path, int take, CancellationToken ct) =>
        Read(keys => keys.Under(path, take), ct);

    /// <summary>Builds now, so that the first read does not wait.</summary>
    public Task Warm(CancellationToken ct) => Read(_ => 0, ct);

    public void Changed(RegisterChange change)
    {
        lock (_pendingLock)
        {
            _pending.Households.UnionWith(change.Households);
            _pending.Residents.UnionWith(change.Residents);
            // An import inserts residents without naming them: those past the highest id read are new.
            _pending.NewRows |= change.Subtree is not null;
        }
    }

    public Task Changed(PlaceTreeChange change, CancellationToken ct)
    {
        lock (_pendingLock)
        {
            // A moved place changes the paths of the buildings under it.
            _pending.Paths = true;
        }
        return Task.CompletedTask;
    }

    private async Task<T> Read<T>(Func<Keys, T> answer, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            // Taken before reading the database: a write committed after this is told after it too, and is read on the next read.
            var pending = Take();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDb>();
                if (_keys is null)
                {
                    _keys = await Build(db, ct);
                }
                else if (!pending.IsEmpty)
                {
                    await CatchUp(db, _keys, pending, ct);
                }
            }
            catch
            {
                Restore(pending);
                throw;
            }
            return answer(_keys);
        }
        finally
        {
            _gate.Release();
        }
    }

    private Pending Take()
    {
        lock (_pendingLock)
        {
            var taken = _pending;
            _pending = new Pending();
            return taken;
        }
    }

    private void Restore(Pending taken)
    {
        lock (_pendingLock)
        {
            _pending.Households.UnionWith(taken.Households);
            _pending.Residents.UnionWith(taken.Residents);
            _pending.NewRows |= taken.NewRows;
            _pending.Paths |= taken.Paths;
        }
    }

    /// <summary>
    /// One streamed read of the keys of every record on the register into a table of 16-bit fingerprints (no sort,
    /// no string kept): a key met twice is a candidate, and the candidates (the real duplicates and a few hundred
    /// fingerprint collisions at Wuhan's size) are then read again by the indexes, which keeps only the real ones.
    /// </summary>
    private async Task<Keys> Build(AppDb db, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var highest = await db.Residents().MaxAsync(r => (long?)r.Id, ct) ?? 0;
        // Ids are dense (a sequence): at most one ID-number key and one person key per id, so the table stays under 80 % full.
        var seen = new FingerprintTable(2.5 * highest);
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        var persons = new HashSet<PersonKey>();
        var rows = 0L;
        await foreach (var r in db.Residents().AsNoTracking().Where(Resident.OnRegister)
                           .Select(r => new { r.Id, r.IdNumber, r.Name, r.BirthDate, r.Phone }).AsAsyncEnumerable().WithCancellation(ct))
        {
            rows++;
            highest = Math.Max(highest, r.Id);
            if (seen.SeenBefore(Hash.Of(r.IdNumber)))
            {
                numbers.Add(r.IdNumber);
            }
            if (r.Phone is not null && seen.SeenBefore(Hash.Of(r.Name, r.BirthDate, r.Phone)))
            {
                persons.Add(new PersonKey(r.Name, r.BirthDate, r.Phone));
            }
        }
        var streamed = Stopwatch.GetElapsedTime(started);
        var keys = new Keys { Highest = highest };
        await Reread(db, keys, numbers, persons, ct);
        log.LogInformation("Duplicate keys built in {Milliseconds:F0} ms ({Streamed:F0} ms the streamed read of {Rows:N0} records, fingerprint table {TableMegabytes:F1} MB): {Candidates:N0} candidate keys, {Numbers:N0} ID-number groups, {Persons:N0} name, birth date and phone groups, {Members:N0} records, about {Megabytes:F2} MB kept",
            Stopwatch.GetElapsedTime(started).TotalMilliseconds, streamed.TotalMilliseconds, rows, seen.Bytes / 1048576.0,
            numbers.Count + persons.Count, keys.ByNumber.Count, keys.ByPerson.Count, keys.Members.Count, keys.Bytes / 1048576.0);
        return keys;
    }

    private static async Task CatchUp(AppDb db, Keys keys, Pending pending, CancellationToken ct)
    {
        var written = new HashSet<long>(pending.Residents);
        if (pending.NewRows)
        {
            var highest = keys.Highest;
            written.UnionWith(await db.Residents().Where(r => r.Id > highest).Select(r => r.Id).ToListAsync(ct));
        }
        keys.Highest = Math.Max(keys.Highest, written.DefaultIfEmpty().Max());
        // The keys the written records had (if they were in a group) and have now (if on the register).
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        var persons = new HashSet<PersonKey>();
        foreach (var id in written)
        {
            if (keys.Members.TryGetValue(id, out var member))
            {
                numbers.Add(member.IdNumber);
                if (member.Person is { } person)
                {
                    persons.Add(person);
                }
            }
        }
        foreach (var chunk in written.Chunk(Chunk))
        {
            foreach (var row in await Rows(db, r => chunk.Contains(r.Id), ct))
            {
                numbers.Add(row.IdNumber);
                if (row.Person is { } person)
                {
                    persons.Add(person);
                }
            }
        }
        await Reread(db, keys, numbers, persons, ct);
        // Records whose building's path may have changed: all after a move in the tree, else those of the households named (moved, or moved into).
        var moved = pending.Paths ? keys.Members.Keys.ToList() : keys.Members.Values.Where(m => pending.Households.Contains(m.HouseholdId)).Select(m => m.Id).ToList();
        foreach (var chunk in moved.Chunk(Chunk))
        {
            foreach (var row in await Rows(db, r => chunk.Contains(r.Id), ct))
            {
                if (keys.Members.ContainsKey(row.Id))
                {
                    keys.Members[row.Id] = row;
                }
            }
        }
    }

    /// <summary>Reads the records on the register of the keys again (by the ID-number and the name/birth-date indexes) and sets their groups.</summary>
    private static async Task Reread(AppDb db, Keys keys, IReadOnlyCollection<string> numbers, IReadOnlyCollection<PersonKey> persons, CancellationToken ct)
    {
        var rows = new Dictionary<long, Member>();
        foreach (var chunk in numbers.Chunk(Chunk))
        {
            foreach (var row in await Rows(db, r => chunk.Contains(r.IdNumber), ct))
            {
                rows[row.Id] = row;
            }
        }
        foreach (var chunk in persons.Chunk(Chunk))
        {
            var names = chunk.Select(k => k.Name).Distinct().ToList();
            var births = chunk.Select(k => k.BirthDate).Distinct().ToList();
            var phones = chunk.Select(k => k.Phone).Distinct().ToList();
            foreach (var row in await Rows(db, r => names.Contains(r.Name) && births.Contains(r.BirthDate) && r.Phone != null && phones.Contains(r.Phone!), ct))
            {
                rows[row.Id] = row;
            }
        }
        var touched = new HashSet<long>(rows.Keys);
        var byNumber = rows.Values.ToLookup(r => r.IdNumber, StringComparer.Ordinal);
        foreach (var number in numbers)
        {
            touched.UnionWith(keys.ByNumber.GetValueOrDefault(number) ?? []);
            var group = byNumber[number].Select(r => r.Id).Order().ToArray();
            if (group.Length > 1)
            {
                keys.ByNumber[number] = group;
            }
            else
            {
                keys.ByNumber.Remove(number);
            }
        }
        var byPerson = rows.Values.Where(r => r.Person is not null).ToLookup(r => r.Person!.Value);
        foreach (var person in persons)
        {
            touched.UnionWith(keys.ByPerson.GetValueOrDefault(person) ?? []);
            var group = byPerson[person].OrderBy(r => r.Id).ToList();
            // Two records of one ID number are no person group anywhere (under any place they share the number).
            if (group.Count > 1 && group.Select(r => r.IdNumber).Distinct(StringComparer.Ordinal).Skip(1).Any())
            {
                keys.ByPerson[person] = [.. group.Select(r => r.Id)];
            }
            else
            {
                keys.ByPerson.Remove(person);
            }
        }
        foreach (var id in touched)
        {
            var member = rows.GetValueOrDefault(id) ?? keys.Members.GetValueOrDefault(id);
            if (member is not null && keys.Holds(member))
            {
                keys.Members[id] = member;
            }
            else
            {
                keys.Members.Remove(id);
            }
        }
    }

    /// <summary>Records on the register that match, with their building's path (a household hung on a place that is no building is under no place, as before).</summary>
    private static Task<List<Member>> Rows(AppDb db, Expression<Func<Resident, bool>> match, CancellationToken ct) => (
            from r in db.Residents().AsNoTracking().Where(Resident.OnRegister).Where(match)
            join h in db.Households() on r.HouseholdId equals h.Id
            join b in db.Places() on h.BuildingId equals b.Id
            where b.Kind == PlaceKind.Building
            select new Member(r.Id, r.HouseholdId, r.IdNumber, r.Name, r.BirthDate, r.Phone, b.Path))
        .ToListAsync(ct);

    private sealed class Pending
    {
        public readonly HashSet<long> Households = [];
        public readonly HashSet<long> Residents = [];
        public bool NewRows;
        public bool Paths;

        public bool IsEmpty => Households.Count == 0 && Residents.Count == 0 && !NewRows && !Paths;
    }

    private readonly record struct PersonKey(string Name, DateOnly BirthDate, string Phone) : IComparable<PersonKey>
    {
        public int CompareTo(PersonKey other)
        {
            var name = string.CompareOrdinal(Name, other.Name);
            if (name != 0)
            {
                return name;
            }
            var birth = BirthDate.CompareTo(other.BirthDate);
            return birth != 0 ? birth : string.CompareOrdinal(Phone, other.Phone);
        }
    }

    private sealed record Member(long Id, long HouseholdId, string IdNumber, string Name, DateOnly BirthDate, string? Phone, string Path)
    {
        public PersonKey? Person => Phone is null ? null : new PersonKey(Name, BirthDate, Phone);
    }

    /// <summary>The groups of the whole register, in key order (the order the database's grouping gave them before), and their records.</summary>
    private sealed class Keys
    {
        public readonly SortedDictionary<string, long[]> ByNumber = new(StringComparer.Ordinal);
        public readonly SortedDictionary<PersonKey, long[]> ByPerson = new();
        public readonly Dictionary<long, Member> Members = [];
        /// <summary>The highest resident id read: rows past it are new.</summary>
        public long Highest;

        public bool Holds(Member member) =>
            (ByNumber.TryGetValue(member.IdNumber, out var sameNumber) && sameNumber.Contains(member.Id))
            || (member.Person is { } person && ByPerson.TryGetValue(person, out var samePerson) && samePerson.Contains(member.Id));

        /// <summary>A rough size: the records' strings and the groups' arrays.</summary>
        public long Bytes => Members.Values.Sum(m => 120L + 2 * (m.IdNumber.Length + m.Name.Length + (m.Phone?.Length ?? 0) + m.Path.Length))
            + ByNumber.Sum(g => 64L + 8 * g.Value.Length) + ByPerson.Sum(g => 64L + 8 * g.Value.Length);

        public List<(DuplicateReason, long[])> Under(string path, int take)
        {
            var found = new List<(DuplicateReason, long[])>();
            foreach (var group in ByNumber.Values)
            {
                if (found.Count == take)
                {
                    break;
                }
                var under = group.Where(id => Members[id].Path.StartsWith(path, StringComparison.Ordinal)).ToArray();
                if (under.Length > 1)
                {
                    found.Add((DuplicateReason.SameIdNumber, under));
                }
            }
            var persons = 0;
            foreach (var group in ByPerson.Values)
            {
                if (persons == take)
                {
                    break;
                }
                var under = group.Where(id => Members[id].Path.StartsWith(path, StringComparison.Ordinal)).ToArray();
                if (under.Length > 1 && under.Select(id => Members[id].IdNumber).Distinct(StringComparer.Ordinal).Skip(1).Any())
                {
                    found.Add((DuplicateReason.SameNameBirthDateAndPhone, under));
                    persons++;
                }
            }
            return [.. found.Take(take)];
        }
    }

    /// <summary>
    /// An open-addressing set of 16-bit fingerprints (the slot comes from other bits of the same 64-bit hash): two
    /// bytes a slot, so Wuhan's 11 million records and 8 million phones take 64 MB for the build, then nothing.
    /// A fingerprint met again is a key seen before or, rarely, a collision (which the read by the indexes drops).
    /// </summary>
    private sealed class FingerprintTable(double slots)
    {
        private readonly ushort[] _slots = new ushort[BitOperations.RoundUpToPowerOf2((uint)Math.Max(1024, Math.Ceiling(slots)))];

        public long Bytes => _slots.LongLength * sizeof(ushort);

        public bool SeenBefore(ulong hash)
        {
            var mask = (uint)_slots.Length - 1;
            var slot = (uint)hash & mask;
            var fingerprint = (ushort)Math.Max(1, hash >> 48);
            while (true)
            {
                var held = _slots[slot];
                if (held == 0)
                {
                    _slots[slot] = fingerprint;
                    return false;
                }
                if (held == fingerprint)
                {
                    return true;
                }
                slot = (slot + 1) & mask;
            }
        }
    }

    /// <summary>FNV-1a over the characters, then a final mix so that the low bits (the slot) and the high bits (the fingerprint) both spread.</summary>
    private static class Hash
    {
        private const ulong Offset = 14695981039346656037;
        private const ulong Prime = 1099511628211;

        public static ulong Of(string idNumber) => Mix(Add(Offset, idNumber));

        // A different start than an ID number's, so that the two kinds of key do not meet in the one table.
        public static ulong Of(string name, DateOnly birthDate, string phone) =>
            Mix(Add(Add((Add(~Offset, name) ^ (uint)birthDate.DayNumber) * Prime, "|"), phone));

        private static ulong Add(ulong hash, string text)
        {
            foreach (var c in text)
            {
                hash = (hash ^ c) * Prime;
            }
            return hash;
        }

        private static ulong Mix(ulong hash)
        {
            hash ^= hash >> 33;
            hash *= 0xff51afd7ed558ccd;
            hash ^= hash >> 33;
            hash *= 0xc4ceb9fe1a85ec53;
            return hash ^ (hash >> 33);
        }
    }
}

/// <summary>Builds the duplicate keys at start-up, beside the register counts (after the database is migrated and the demo loaded).</summary>
internal sealed class DuplicateKeysStartup(DuplicateKeysModel model, GreenGrid.Register.Counts.RegisterCountsModel counts, ILogger<DuplicateKeysStartup> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // After the register's counts, which every place page needs: on two cores the builds side by side
            // would delay the first page for a list that only the duplicates page reads.
            await counts.Warm(stoppingToken);
            await model.Warm(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Building the duplicate keys failed; the first read tries again");
        }
    }
}
