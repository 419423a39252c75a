using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Register;
using GreenGrid.Testing;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Bench;

/// <summary>
/// `cases-ingest`: case events through the real server (a separate process, Kestrel on loopback,
/// keep-alive), as single POSTs from concurrent clients and as batches, on SQLite and PostgreSQL.
/// Every event is acknowledged only after its commit, as in production; the run ends by counting
/// the rows. Baseline in the same run with the same load generator: an authenticated trivial
/// endpoint of the same server (GET /api/v1/me, which also reads the caller from the database).
/// </summary>
internal static class CaseIngestBench
{
    private const int PeoplePerBuilding = 200;
    private const int BatchSize = 500;
    private static readonly DateOnly FirstDay = new(2000, 1, 10);

    private sealed record Row(string Case, long Requests, long Events, double Seconds, string Latency);

    public static async Task<int> RunAsync(int singleEvents, int batchEvents, int concurrency)
    {
        var postgres = Environment.GetEnvironmentVariable("GREENGRID_PG");
        Console.WriteLine($"# cases-ingest: {singleEvents:N0} single POSTs ({concurrency} clients), {batchEvents:N0} events in batches of {BatchSize}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine(Machine.Describe());
        var rows = new List<Row>();
        foreach (var provider in string.IsNullOrWhiteSpace(postgres) ? [DatabaseProvider.Sqlite] : new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            rows.AddRange(await RunProvider(provider, postgres ?? "", singleEvents, batchEvents, concurrency));
        }
        Console.WriteLine();
        Console.WriteLine("| case | requests | events | seconds | requests/s | events/s | ratio to trivial endpoint | latency p50 / p99 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in rows)
        {
            var provider = r.Case[..r.Case.IndexOf(':')];
            var baseline = rows.First(b => b.Case.StartsWith(provider, StringComparison.Ordinal) && b.Case.Contains("trivial", StringComparison.Ordinal));
            var ratio = r == baseline ? "1.00" : (r.Requests / r.Seconds / (baseline.Requests / baseline.Seconds)).ToString("F2", CultureInfo.InvariantCulture);
            Console.WriteLine($"| {r.Case} | {r.Requests:N0} | {r.Events:N0} | {r.Seconds:F1} | {r.Requests / r.Seconds:N0} | {r.Events / r.Seconds:N0} | {ratio} | {r.Latency} |");
        }
        return 0;
    }

    private static async Task<List<Row>> RunProvider(DatabaseProvider provider, string postgres, int singleEvents, int batchEvents, int concurrency)
    {
        var name = provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
        await using var database = await BenchDatabase.CreateAsync(provider, postgres);
        // Each person gets up to 40 events (close contact, released, again...): enough people for both runs.
        var singlePeople = Math.Max(concurrency, singleEvents / 40);
        const int batchClients = 4;
        var batchPeople = Math.Max(BatchSize * batchClients, batchEvents / 40 / (BatchSize * batchClients) * BatchSize * batchClients);
        // And people of their own for the warm-up (one event each per round), so that the measured runs start where they did.
        var warmSingle = concurrency * 4;
        var people = await SeedAsync(database, singlePeople + batchPeople + warmSingle + BatchSize);
        Console.WriteLine($"{name}: {people.Length:N0} people seeded");
        await using var server = new ServerProcess(new Dictionary<string, string>
        {
            ["Database__Provider"] = provider.ToString(),
            // The server pools its SQLite connections, as the app does by default (the seeding above does not).
            ["Database__ConnectionString"] = provider == DatabaseProvider.Sqlite
                ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.Connection.ConnectionString) { Pooling = true }.ToString()
                : database.Connection.ConnectionString,
        });
        await server.StartAsync(CancellationToken.None);
        using (var admin = await server.ClientFor("admin", ServerProcess.AdminPassword, CancellationToken.None))
        {
            var city = (await admin.GetFromJsonAsync<List<IdOnly>>("/api/v1/places"))![0].Id;
            var created = await admin.PostAsJsonAsync("/api/v1/accounts", new
            {
                userName = "bench.hq", displayName = "Bench HQ", role = "headquarters", password = "bench-password-1", jurisdictionIds = new[] { city },
            });
            created.EnsureSuccessStatusCode();
        }
        using var client = await ClientWithPool(server, concurrency);
        var result = new List<Row>();

        // Warm up all three paths until the server's JIT is done (docs/adr/0014-writer-thread-and-honest-warm-up.md).
        var warmPeople = people[(singlePeople + batchPeople)..];
        var warmRound = 0;
        long warmEvents = 0;
        Console.WriteLine($"{name}: " + await WarmUp.UntilJitIsQuiet(server.ProcessId, async () =>
        {
            var step = warmRound++;
            await Load("(warm-up) trivial", 2_000, concurrency, async i =>
            {
                using var response = await client.GetAsync("/api/v1/me");
                Ensure(response, HttpStatusCode.OK);
                return 0;
            }, print: false);
            warmEvents += (await Load("(warm-up) single", warmSingle, concurrency, async i =>
            {
                using var response = await client.PostAsJsonAsync($"/api/v1/residents/{warmPeople[i]}/case-events", Event(step, $"w-{warmPeople[i]}-{step}"));
                Ensure(response, HttpStatusCode.Created);
                return 1;
            }, print: false)).Events;
            var batch = new { events = warmPeople[warmSingle..].Select(person => new Dictionary<string, object?>(Event(step, $"wb-{person}-{step}")) { ["residentId"] = person }).ToArray() };
            using var batched = await client.PostAsJsonAsync("/api/v1/case-events/batch", batch);
            Ensure(batched, HttpStatusCode.OK);
            warmEvents += BatchSize;
        }, maxRounds: 30));
        // The events table was empty when the server first planned its queries. PostgreSQL keeps a prepared
        // statement's generic plan until the table is analysed, and a plan made for an empty table reads the whole
        // table. Autovacuum analyses a growing table within a minute or so. The warm-up is shorter than that, so the
        // bench analyses the table here, as autovacuum would have done by then (docs/benchmarks.md, "Case events").
        if (provider == DatabaseProvider.Postgres)
        {
            await using var db = database.Context();
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }

        var trivialRequests = Math.Min(singleEvents, 20_000);
        result.Add(await Load($"{name}: trivial endpoint (GET /api/v1/me)", trivialRequests, concurrency, async i =>
        {
            using var response = await client.GetAsync("/api/v1/me");
            Ensure(response, HttpStatusCode.OK);
            return 0;
        }));

        // Single POSTs: client c owns people c, c+C, ...; each person's events go in order.
        var perClient = singleEvents / concurrency;
        result.Add(await LoadPerClient($"{name}: single POST, {concurrency} clients", concurrency, perClient, async (c, n) =>
        {
            var mine = people.Where((_, index) => index < singlePeople && index % concurrency == c).ToArray();
            var person = mine[n % mine.Length];
            var step = n / mine.Length;
            using var response = await client.PostAsJsonAsync($"/api/v1/residents/{person}/case-events", Event(step, $"s-{person}-{step}"));
            Ensure(response, HttpStatusCode.Created);
            return 1;
        }));

        // Batches: each client owns its groups of 500 people; a batch is one event for each person of a group.
        var batches = batchEvents / BatchSize;
        var groups = people.Skip(singlePeople).Take(batchPeople).Chunk(BatchSize).ToArray();
        result.Add(await LoadPerClient($"{name}: batches of {BatchSize}, {batchClients} clients", batchClients, batches / batchClients, async (c, n) =>
        {
            var mine = groups.Where((_, index) => index % batchClients == c).ToArray();
            var group = mine[n % mine.Length];
            var step = n / mine.Length;
            var body = new { events = group.Select(person => new Dictionary<string, object?>(Event(step, $"b-{person}-{step}")) { ["residentId"] = person }).ToArray() };
            using var response = await client.PostAsJsonAsync("/api/v1/case-events/batch", body);
            Ensure(response, HttpStatusCode.OK);
            return group.Length;
        }));

        await using (var db = database.Context())
        {
            var stored = await db.CaseEvents().LongCountAsync();
            var acknowledged = result.Sum(r => r.Events) + warmEvents;
            if (stored != acknowledged)
            {
                throw new InvalidOperationException($"{name}: {acknowledged} events acknowledged, {stored} stored");
            }
            Console.WriteLine($"{name}: {stored:N0} events stored = acknowledged");
        }
        return result;
    }

    /// <summary>A person's n-th event: close contact (exposed the day before) and release, in turn, one day apart.</summary>
    private static Dictionary<string, object?> Event(int step, string key)
    {
        var day = FirstDay.AddDays(step);
        return step % 2 == 0
            ? new() { ["type"] = "closeContact", ["effectiveDate"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["lastExposure"] = day.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["idempotencyKey"] = key }
            : new() { ["type"] = "released", ["effectiveDate"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["idempotencyKey"] = key };
    }

    private static async Task<Row> Load(string name, int requests, int concurrency, Func<int, Task<int>> send, bool print = true) =>
        await LoadPerClient(name, concurrency, requests / concurrency, (c, n) => send(n * concurrency + c), print);

    /// <summary>Runs <paramref name="perClient"/> requests on each of <paramref name="clients"/> concurrent clients and times them.</summary>
    private static async Task<Row> LoadPerClient(string name, int clients, int perClient, Func<int, int, Task<int>> send, bool print = true)
    {
        var latencies = new double[clients * perClient];
        long events = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            for (var n = 0; n < perClient; n++)
            {
                var started = Stopwatch.GetTimestamp();
                var count = await send(c, n);
                latencies[c * perClient + n] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Interlocked.Add(ref events, count);
            }
        })));
        watch.Stop();
        Array.Sort(latencies);
        var latency = latencies.Length == 0 ? "" : $"{latencies[latencies.Length / 2]:F1} / {latencies[(int)(latencies.Length * 0.99)]:F1} ms";
        var row = new Row(name, latencies.Length, events, watch.Elapsed.TotalSeconds, latency);
        if (print)
        {
            Console.WriteLine($"{row.Case,-55} {row.Requests,9:N0} requests {row.Events,9:N0} events {row.Seconds,7:F1} s {row.Events / row.Seconds,9:N0} events/s  {latency}");
        }
        return row;
    }

    private static void Ensure(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().Result}");
        }
    }

    private static async Task<HttpClient> ClientWithPool(ServerProcess server, int concurrency)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
        var client = new HttpClient(handler) { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };
        using var signedIn = await server.ClientFor("bench.hq", "bench-password-1", CancellationToken.None);
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        return client;
    }

    /// <summary>A city down to buildings and one person per household: plain EF, once, before the clock starts.</summary>
    private static async Task<long[]> SeedAsync(BenchDatabase database, int count)
    {
        await using var db = database.Context();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        Place Add(Place? parent, PlaceKind kind, string code)
        {
            var place = new Place { ParentId = parent?.Id, Kind = kind, Code = code, NameZh = code, NameEn = code, Path = "" };
            db.Places().Add(place);
            db.SaveChanges();
            place.Path = parent is null ? PlacePath.Root(place.Id) : PlacePath.Child(parent.Path, place.Id);
            db.Entry(place).Property(p => p.Path).IsModified = true;
            db.SaveChanges();
            return place;
        }
        var community = Add(Add(Add(Add(null, PlaceKind.City, "420100"), PlaceKind.District, "420106"), PlaceKind.Subdistrict, "S1"), PlaceKind.Community, "C1");
        var ids = new List<long>(count);
        Place? compound = null;
        for (var b = 0; b * PeoplePerBuilding < count; b++)
        {
            if (b % 20 == 0)
            {
                compound = Add(community, PlaceKind.Compound, $"K{b / 20}");
            }
            var building = Add(compound!, PlaceKind.Building, $"B{b}");
            var households = Enumerable.Range(0, Math.Min(PeoplePerBuilding, count - b * PeoplePerBuilding))
                .Select(i => new Household { BuildingId = building.Id, Room = $"{i / 10 + 1}-{i % 10 + 101}" }).ToList();
            db.Households().AddRange(households);
            await db.SaveChangesAsync();
            var residents = households.Select((h, i) => new Resident
            {
                HouseholdId = h.Id, Name = $"居民{b}-{i}", BirthDate = new DateOnly(1960, 1, 1).AddDays(i), IdNumber = "42010619600101001X", IsSynthetic = true,
            }).ToList();
            db.Residents().AddRange(residents);
            await db.SaveChangesAsync();
            ids.AddRange(residents.Select(r => r.Id));
            // Add needs only a parent's id and path, which stay in memory: nothing needs tracking.
            db.ChangeTracker.Clear();
        }
        return [.. ids];
    }

    private sealed record IdOnly(long Id);
}
