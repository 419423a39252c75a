using System.Diagnostics;
using System.Text.Json;
using GreenGrid.Cases;
using GreenGrid.Cases.Counts;
using GreenGrid.Demo;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GreenGrid.Bench;

/// <summary>
/// `cases-counts`: every case count of a Wuhan-scale city as of a day, in memory (the tree of the
/// Wuhan demo city, 200,000 people with generated histories over 90 days), against one linear pass
/// over the same events as the baseline; all 90 days; the recount after one new event; and the read
/// and count behind GET /places/{district}/cases on a database holding the Small demo city (the
/// Wuchang district, 141,275 residents) with case histories for 2 % of them.
/// </summary>
internal static class CaseCountsBench
{
    private static readonly DateOnly Start = new(2020, 1, 1);
    private const int Days = 90;
    private const int ObservationDays = 14;

    public static async Task<int> RunAsync(int seed, int people, int confirmed)
    {
        Console.WriteLine($"# cases-counts (seed {seed}), {people:N0} people with events of whom {confirmed:N0} confirmed, {Days} days from {Start:yyyy-MM-dd}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine(Machine.Describe());
        using var memory = new PeakMemory();

        var watch = Stopwatch.StartNew();
        var city = new DemoCityGenerator(DemoSize.Wuhan, seed);
        var places = city.Places().ToList();
        var tree = new CaseTree([.. places.Select(p => (p.Id, p.ParentId))]);
        var buildings = places.Where(p => p.Kind == PlaceKind.Building).Select(p => p.Id).ToArray();
        Console.WriteLine($"tree: {places.Count:N0} places ({places.Count(p => p.Kind == PlaceKind.Compound):N0} compounds, {buildings.Length:N0} buildings), built in {watch.Elapsed.TotalSeconds:F1} s");

        watch.Restart();
        var random = new Random(seed);
        long nextId = 0;
        var histories = new List<(long Person, long Building, List<CaseEvent> Events)>(people);
        for (var i = 0; i < people; i++)
        {
            var events = i < confirmed ? ConfirmedHistory(random, () => ++nextId) : OtherHistory(random, () => ++nextId);
            histories.Add((i + 1, buildings[random.Next(buildings.Length)], events));
        }
        var all = histories.SelectMany(h => h.Events).ToArray();
        var invalid = histories.Count(h => !Valid(h.Events));
        Console.WriteLine($"events: {all.Length:N0} ({string.Join(", ", all.GroupBy(e => e.Type).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count():N0}"))}); "
            + $"invalid histories: {invalid}; generated and checked in {watch.Elapsed.TotalSeconds:F1} s");

        var counter = new CaseCounter(tree, ObservationDays);
        foreach (var (person, building, events) in histories)
        {
            counter.Set(person, building, events);
        }
        var day = Start.AddDays(59); // 2020-02-29, near the peak
        var rows = new List<(string Case, string Time, string Ratio)>();

        // Baseline: one pass over the same events, reading a field of each.
        var baseline = Median(21, () =>
        {
            long sum = 0;
            foreach (var e in all)
            {
                sum += e.EffectiveDate.DayNumber;
            }
            GC.KeepAlive(sum);
        });
        rows.Add(("baseline: one pass over the events, summing their day", Ms(baseline), ""));

        CaseCounts counts = null!;
        var full = Median(7, () => counts = counter.CountAsOf(day));
        rows.Add(($"all counts of every place as of {day:yyyy-MM-dd}", Ms(full), $"{full / baseline:F1}"));

        var city0 = places.Single(p => p.ParentId is null).Id;
        Console.WriteLine($"city as of {day:yyyy-MM-dd}: {string.Join(", ", CaseMeasures.All.Select(m => $"{CaseMeasures.Name(m)} {counts[city0, m]:N0}"))}, days since last confirmed {counts.DaysSinceLastConfirmed(city0)}");

        watch.Restart();
        for (var d = 0; d < Days; d++)
        {
            GC.KeepAlive(counter.CountAsOf(Start.AddDays(d)));
        }
        var allDays = watch.Elapsed.TotalSeconds;
        rows.Add(($"all counts of every place for each of the {Days} days", $"{allDays * 1000:F0} ms ({allDays * 1000 / Days:F0} ms a day)", $"{allDays / baseline / Days:F1} a day"));

        // One new event for a random person, then the recount of their path only.
        var times = new List<double>();
        var byId = histories.ToDictionary(h => h.Person);
        for (var n = 0; n < 5000; n++)
        {
            var (person, building, events) = histories[random.Next(histories.Count)];
            var state = CaseHistory.StateAsOf(CaseHistory.InForce(events), day, ObservationDays);
            var possible = CaseHistory.Possible(state, day, ObservationDays).Where(t => t != CaseEventType.Died).ToList();
            if (possible.Count == 0 || events.Count > 0 && events[^1].EffectiveDate > day)
            {
                continue;
            }
            var type = possible[random.Next(possible.Count)];
            events.Add(new CaseEvent { Id = ++nextId, Type = type, EffectiveDate = day, LastExposure = type == CaseEventType.CloseContact ? day : null, Facility = "方舱" });
            var started = Stopwatch.GetTimestamp();
            counter.Set(person, building, events);
            counter.Recount(counts, person);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }
        times.Sort();
        var fresh = counter.CountAsOf(day);
        var same = tree.Ids.All(p => CaseMeasures.All.All(m => fresh[p, m] == counts[p, m]) && fresh.LastConfirmed(p) == counts.LastConfirmed(p));
        rows.Add(($"recount after one new event ({times.Count:N0} events, each on the person's path)",
            $"p50 {Percentile(times, 0.50):F1} µs, p99 {Percentile(times, 0.99):F1} µs, max {times[^1]:F0} µs", ""));
        Console.WriteLine($"recounts equal a full count afterwards: {(same ? "yes" : "NO")}");

        var postgres = Environment.GetEnvironmentVariable("GREENGRID_PG");
        foreach (var provider in string.IsNullOrWhiteSpace(postgres) ? [DatabaseProvider.Sqlite] : new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            rows.AddRange(await DatabaseSlice(provider, postgres ?? "", seed));
        }

        Console.WriteLine();
        Console.WriteLine("| case | time | ratio to baseline |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (name, time, ratio) in rows)
        {
            Console.WriteLine($"| {name} | {time} | {ratio} |");
        }
        Console.WriteLine();
        Console.WriteLine($"peak working set {memory.Megabytes} MB");
        return same && invalid == 0 ? 0 : 1;
    }

    /// <summary>The read and count of GET /api/v1/places/{district}/cases (and /daily, /people) on a database of the Small demo city.</summary>
    private static async Task<List<(string, string, string)>> DatabaseSlice(DatabaseProvider provider, string postgres, int seed)
    {
        var name = provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
        await using var database = await BenchDatabase.CreateAsync(provider, postgres);
        var loaded = await DemoCityLoader.LoadAsync(database.Connection, DemoSize.Small, seed, new Progress<LoadProgress>(), CancellationToken.None);
        var random = new Random(seed);
        int people;
        long events;
        Place district;
        await using (var db = database.Context())
        {
            var account = new Account { UserName = "bench", NormalizedUserName = "BENCH", DisplayName = "bench", Role = Role.Headquarters, CreatedAt = DateTime.UtcNow };
            db.Users.Add(account);
            await db.SaveChangesAsync();
            var residents = await db.Residents().Where(r => r.MergedIntoId == null).Select(r => r.Id).ToListAsync();
            var chosen = residents.Where(_ => random.Next(50) == 0).ToList();
            people = chosen.Count;
            var batch = new List<CaseEvent>();
            long id = 0;
            foreach (var (resident, n) in chosen.Select((r, n) => (r, n)))
            {
                // A quarter of them confirmed, as in the city above.
                foreach (var e in n % 4 == 0 ? ConfirmedHistory(random, () => ++id) : OtherHistory(random, () => ++id))
                {
                    e.Id = 0;
                    e.ResidentId = resident;
                    e.RecordedById = account.Id;
                    e.RecordedAt = DateTime.UtcNow;
                    batch.Add(e);
                }
            }
            events = batch.Count;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var chunk in batch.Chunk(5000))
            {
                db.CaseEvents().AddRange(chunk);
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
            district = await db.Places().AsNoTracking().FirstAsync(p => p.Kind == PlaceKind.District);
        }
        Console.WriteLine($"{name}: Small demo city ({loaded.Residents:N0} residents), {people:N0} people with {events:N0} events, district {district.NameEn}");

        var day = Start.AddDays(59);
        var options = Options.Create(new CasesOptions { ObservationDays = ObservationDays });
        string json = "";
        var counts = await MedianAsync(5, async () =>
        {
            await using var db = database.Context();
            var children = await db.Places().AsNoTracking().Where(p => p.ParentId == district.Id).OrderBy(p => p.Code).ToListAsync();
            var counter = await new CaseCountReader(db, options).Counter(district, children, day, CancellationToken.None);
            var result = counter.CountAsOf(day);
            json = JsonSerializer.Serialize(children.Select(c => result.Of(c.Id)).Append(result.Of(district.Id)).ToList());
        });
        var daily = await MedianAsync(5, async () =>
        {
            await using var db = database.Context();
            var read = await new CaseCountReader(db, options).Events(district, day, CancellationToken.None);
            GC.KeepAlive(read.Count);
        });
        return
        [
            ($"{name}: the counts API's work for {district.NameEn} as of {day:yyyy-MM-dd} (CaseCountReader query of {events:N0} events of {people:N0} people + CaseCounter over the district and its subdistricts + JSON; no HTTP, no sign-in)", Ms(counts), ""),
            ($"{name}: of which the query alone", Ms(daily), ""),
        ];
    }

    /// <summary>A confirmed case: maybe suspected or feverish first, often transferred, then recovered, dead or still ill.</summary>
    private static List<CaseEvent> ConfirmedHistory(Random random, Func<long> id)
    {
        var events = new List<CaseEvent>();
        var day = Onset(random);
        var roll = random.Next(10);
        if (roll < 4)
        {
            events.Add(Event(id, CaseEventType.Suspected, day));
            day = day.AddDays(random.Next(0, 4));
        }
        else if (roll < 6)
        {
            events.Add(Event(id, CaseEventType.Fever, day));
            day = day.AddDays(random.Next(0, 3));
        }
        events.Add(Event(id, CaseEventType.Confirmed, day));
        if (random.Next(10) < 6)
        {
            day = day.AddDays(random.Next(0, 2));
            events.Add(Event(id, CaseEventType.TransferredToFacility, day, facility: "方舱医院"));
        }
        var outcome = random.Next(100);
        if (outcome < 70 && day.AddDays(random.Next(14, 26)) is var recovered && recovered < End)
        {
            events.Add(Event(id, CaseEventType.Recovered, recovered));
        }
        else if (outcome >= 96 && day.AddDays(random.Next(5, 21)) is var died && died < End)
        {
            events.Add(Event(id, CaseEventType.Died, died));
        }
        return events;
    }

    /// <summary>A close contact (isolated, released), a suspected case or fever patient later discarded, an asymptomatic infection.</summary>
    private static List<CaseEvent> OtherHistory(Random random, Func<long> id)
    {
        var events = new List<CaseEvent>();
        var day = Onset(random);
        var roll = random.Next(100);
        if (roll < 70)
        {
            var exposure = day.AddDays(-random.Next(0, 3));
            events.Add(Event(id, CaseEventType.CloseContact, day, exposure));
            if (random.Next(2) == 0)
            {
                events.Add(Event(id, CaseEventType.CentralIsolation, day));
            }
            if (random.Next(10) < 4 && exposure.AddDays(ObservationDays) < End)
            {
                events.Add(Event(id, CaseEventType.Released, exposure.AddDays(ObservationDays)));
            }
        }
        else if (roll < 94)
        {
            events.Add(Event(id, roll < 82 ? CaseEventType.Suspected : CaseEventType.Fever, day));
            if (random.Next(10) < 8 && day.AddDays(random.Next(0, 4)) is var discarded && discarded < End)
            {
                events.Add(Event(id, CaseEventType.Discarded, discarded));
            }
        }
        else
        {
            events.Add(Event(id, CaseEventType.Asymptomatic, day));
            if (random.Next(10) < 7 && day.AddDays(14) < End)
            {
                events.Add(Event(id, CaseEventType.Recovered, day.AddDays(14)));
            }
        }
        return events;
    }

    private static DateOnly End => Start.AddDays(Days);

    /// <summary>A first day peaking in the middle of the 90 days.</summary>
    private static DateOnly Onset(Random random) => Start.AddDays((random.Next(Days - 10) + random.Next(Days - 10)) / 2);

    private static CaseEvent Event(Func<long> id, CaseEventType type, DateOnly day, DateOnly? exposure = null, string? facility = null) =>
        new() { Id = id(), Type = type, EffectiveDate = day, LastExposure = exposure, Facility = facility, Source = CaseSource.Community };

    private static bool Valid(List<CaseEvent> events)
    {
        var so = new List<CaseEvent>();
        foreach (var e in events)
        {
            if (CaseHistory.Check(so, e, ObservationDays) is not null)
            {
                return false;
            }
            so.Add(e);
        }
        return true;
    }

    private static double Median(int runs, Action run)
    {
        run(); // warm up
        var seconds = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            run();
            seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        seconds.Sort();
        return seconds[runs / 2];
    }

    private static async Task<double> MedianAsync(int runs, Func<Task> run)
    {
        await run();
        var seconds = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await run();
            seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        seconds.Sort();
        return seconds[runs / 2];
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static string Ms(double seconds) => $"{seconds * 1000:F1} ms";
}
