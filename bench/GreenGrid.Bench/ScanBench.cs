using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using GreenGrid.Access;
using GreenGrid.Access.Offline;
using GreenGrid.Platform.Data;
using GreenGrid.Testing;
using GreenGrid.Tests.Support;
using Npgsql;

namespace GreenGrid.Bench;

/// <summary>
/// `scans`: the real server (dotnet GreenGrid.dll, Kestrel on loopback) on a seeded database;
/// one load generator (HttpClient, keep-alive, N concurrent senders) measures GET /api/v1/ping
/// (the trivial baseline), scans refused for their body (all a scan does before deciding) and
/// POST /api/v1/gates/{id}/scans (signature, rules, quota state, one committed insert per scan) in
/// the same run, in alternating rounds (ping, refused, scans, ping, refused, scans …):
/// on a shared machine a neighbour's burst then spoils one round, not the whole comparison, and
/// each round's ratio pairs phases that ran a few seconds apart. Then the offline verifier in process, one core.
/// </summary>
internal static class ScanBench
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase) },
    };

    private const int WarmUpRoundRequests = 5_000;

    private sealed record Row(string Case, int Requests, double Seconds, double PerSecond, double P50, double P99, string Ratio, CpuPerRequest? Cpu = null, string CpuRatio = "", bool DatabaseInServer = false);

    /// <param name="only">"sqlite" or "postgres" to run one provider; both when null.</param>
    public static async Task<int> RunAsync(int requests, int concurrency, string? only, int rounds)
    {
        if (rounds < 1)
        {
            Console.Error.WriteLine($"--rounds: expected 1 or more, not {rounds}");
            return 2;
        }
        if (only is not (null or "sqlite" or "postgres"))
        {
            Console.Error.WriteLine($"--only: expected sqlite or postgres, not '{only}'");
            return 2;
        }
        Console.WriteLine($"# scans --requests {requests:N0} --concurrency {concurrency} --rounds {rounds}{(only is null ? "" : " --only " + only)}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine(Machine.Describe());
        Console.WriteLine();
        var rows = new List<Row>();
        var floors = new List<string>();
        var folder = Directory.CreateTempSubdirectory("greengrid-scan-bench-").FullName;
        try
        {
            if (only is null or "sqlite")
            {
                rows.AddRange(await Provider(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "greengrid.db")};Pooling=true", requests, concurrency, rounds, floors));
            }
            if (only is (null or "postgres") && Environment.GetEnvironmentVariable("GREENGRID_PG") is { Length: > 0 } pg)
            {
                var database = $"greengrid_scanbench_{Environment.ProcessId}";
                var admin = new NpgsqlConnectionStringBuilder(pg);
                await using (var connection = new NpgsqlConnection(admin.ConnectionString))
                {
                    await connection.OpenAsync();
                    await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                    await create.ExecuteNonQueryAsync();
                }
                try
                {
                    rows.AddRange(await Provider(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(pg) { Database = database }.ConnectionString, requests, concurrency, rounds, floors));
                }
                finally
                {
                    NpgsqlConnection.ClearAllPools();
                    await using var connection = new NpgsqlConnection(admin.ConnectionString);
                    await connection.OpenAsync();
                    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
                    await drop.ExecuteNonQueryAsync();
                }
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        Console.WriteLine($"per second: the median of the {rounds} rounds; ratio to ping: the median of the rounds' own ratios; p50/p99 over all requests.");
        Console.WriteLine();
        Console.WriteLine("| case | requests | seconds | per second | p50 ms | p99 ms | ratio to ping | CPU µs/request: server | of it, writer | database | load generator | all | CPU ratio to ping |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        static string Us(double? us) => us is { } v ? $"{v:F0}" : "";
        foreach (var r in rows)
        {
            var cpu = r.Cpu is { } c ? $"{Us(c.Server)} | {Us(c.Writer)} | {(r.DatabaseInServer ? "(in server)" : Us(c.Database))} | {Us(c.LoadGenerator)} | {Us(c.Total)}" : " |  |  |  | ";
            Console.WriteLine($"| {r.Case} | {r.Requests:N0} | {r.Seconds:F2} | {r.PerSecond:N0} | {r.P50:F1} | {r.P99:F1} | {r.Ratio} | {cpu} | {r.CpuRatio} |");
        }
        Console.WriteLine();
        Console.WriteLine("CPU µs/request: CPU time of each process during the run over its requests (from /proc; the database column counts all of PostgreSQL's");
        Console.WriteLine("processes). The CPU ratio is what the ratio to ping would be on a machine doing nothing else: it moves less than throughput between runs.");
        Console.WriteLine("Writer: the server's group-commit thread, which writes every scan (on SQLite it runs SQLite itself).");
        foreach (var floor in floors)
        {
            Console.WriteLine(floor);
        }
        return 0;
    }

    /// <param name="floors">Gets the provider's best possible CPU ratio (see <see cref="Floor"/>).</param>
    private static async Task<List<Row>> Provider(DatabaseProvider provider, string connection, int requests, int concurrency, int rounds, List<string> floors)
    {
        var seed = await GateSeed.CreateAsync(provider, connection, households: 2000);
        var rows = new List<Row>();
        await using var server = await ServerProcess.StartAsync(provider, connection, ServerProcess.FreePort());
        using var client = await seed.GuardClient(server.Address);
        client.DefaultRequestHeaders.ConnectionClose = false;
        var gate = seed.GateIds[0];
        // Both paths, until the JIT has moved their hot methods to optimised code and is done.
        var warmUpRound = 0;
        Console.WriteLine(await WarmUp.UntilJitIsQuiet(server.ProcessId, async () =>
        {
            warmUpRound++;
            var refusedBodies = Bodies(seed, $"warm-refused-{warmUpRound}", WarmUpRoundRequests, direction: "sideways");
            var bodies = Bodies(seed, $"warm-{warmUpRound}", WarmUpRoundRequests);
            await Load(client, WarmUpRoundRequests, concurrency, HttpStatusCode.OK, i => client.GetAsync("api/v1/ping"));
            await Load(client, WarmUpRoundRequests, concurrency, HttpStatusCode.BadRequest, i => Scan(client, gate, refusedBodies[i]));
            await Load(client, WarmUpRoundRequests, concurrency, HttpStatusCode.OK, i => Scan(client, gate, bodies[i]));
        }));
        var postgres = provider == DatabaseProvider.Postgres;
        var name = postgres ? "PostgreSQL" : "SQLite";
        // The scan in two steps, both the same endpoint: a scan refused for its body (bearer ticket,
        // caller, reading the JSON, the gate and the jurisdiction, the checks, a 400 answer: all a
        // scan does before deciding) and the scan itself (plus the decision and the committed insert).
        var ping = new Phase();
        var refused = new Phase();
        var scans = new Phase();
        for (var round = 0; round < rounds; round++)
        {
            // Bodies are built before the clock starts, as a gate device has its JSON ready: the load generator measures the server, not its own serializer.
            var refusedBodies = Bodies(seed, $"refused-{round}", requests, direction: "sideways");
            var scanBodies = Bodies(seed, $"bench-{round}", requests);
            await ping.Run(server.ProcessId, postgres, () => Load(client, requests, concurrency, HttpStatusCode.OK, i => client.GetAsync("api/v1/ping")));
            await refused.Run(server.ProcessId, postgres, () => Load(client, requests, concurrency, HttpStatusCode.BadRequest, i => Scan(client, gate, refusedBodies[i])));
            await scans.Run(server.ProcessId, postgres, () => Load(client, requests, concurrency, HttpStatusCode.OK, i => Scan(client, gate, scanBodies[i])));
        }
        Console.WriteLine($"{name}: the rounds' ratios to ping: {string.Join(", ", scans.RatiosTo(ping).Select(r => r.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}");
        rows.Add(ping.Row($"{name}: GET /api/v1/ping (baseline)", "", "", !postgres));
        rows.Add(refused.Row($"{name}: POST /api/v1/gates/{{id}}/scans, refused body (400)", $"{Median(refused.RatiosTo(ping)):F2}", CpuRatio(ping, refused), !postgres));
        floors.Add(Floor(name, ping.Cpu, refused.Cpu, scans.Cpu));
        rows.Add(scans.Row($"{name}: POST /api/v1/gates/{{id}}/scans", $"{Median(scans.RatiosTo(ping)):F2}", CpuRatio(ping, scans), !postgres));
        if (provider == DatabaseProvider.Sqlite)
        {
            var bundle = (await client.GetFromJsonAsync<GateBundle>($"api/v1/gates/{gate}/bundle", Json))!;
            var offline = new OfflineGate(bundle);
            var watch = Stopwatch.StartNew();
            var n = 0;
            while (watch.Elapsed < TimeSpan.FromSeconds(3))
            {
                offline.Decide(seed.Tokens[n % seed.Tokens.Length], n % 2 == 0 ? Direction.Out : Direction.In, 36.5m, true, DateTime.UtcNow);
                n++;
            }
            rows.Add(new Row("offline verifier in process (signature + rules), 1 core", n, watch.Elapsed.TotalSeconds, n / watch.Elapsed.TotalSeconds, 0, 0, ""));
        }
        return rows;
    }

    /// <summary>The scans' bodies, out and in by turns; with a <paramref name="direction"/> that is neither, every one is refused (400).</summary>
    private static byte[][] Bodies(GateSeed seed, string prefix, int requests, string? direction = null)
    {
        var now = DateTime.UtcNow; // a round lasts seconds; the server flags skew only beyond minutes
        return [.. Enumerable.Range(0, requests).Select(i => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new
        {
            scanId = $"{prefix}-{i}", token = seed.Tokens[i % seed.Tokens.Length], direction = direction ?? (i % 2 == 0 ? "out" : "in"), temperature = 36.6m, mask = true, scannedAt = now,
        }, Json))];
    }

    // The body goes with a Content-Length, as a gate device sends the JSON it has built (PostAsJsonAsync would stream it chunked).
    private static Task<HttpResponseMessage> Scan(HttpClient client, long gate, byte[] body) =>
        client.PostAsync($"api/v1/gates/{gate}/scans", new ByteArrayContent(body)
        {
            Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") },
        });

    /// <summary>
    /// The best CPU ratio a scan could reach if deciding and answering cost nothing more than a
    /// refused scan: ping's CPU over a refused scan's plus the write alone (the writer thread and
    /// the database). A target above it cannot be met by making the decision cheaper.
    /// </summary>
    private static string Floor(string provider, CpuPerRequest ping, CpuPerRequest refused, CpuPerRequest scan) =>
        ping.Total is { } p && refused.Total is { } r && scan.Writer is { } w && scan.Database is { } d
            ? $"{provider}: were deciding and answering free, a scan would cost a refused scan ({r:F0} µs) + its write ({w:F0} µs writer + {d:F0} µs database): CPU ratio at best {p / (r + w + d):F2}."
            : $"{provider}: no CPU readings for the best possible ratio.";

    private static string CpuRatio(Phase baseline, Phase phase) =>
        baseline.Cpu.Total is { } b && phase.Cpu.Total is { } t ? $"{b / t:F2}" : "";

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The rounds of one case: their rates, all their latencies, and the CPU they cost.</summary>
    private sealed class Phase
    {
        private readonly List<double> _perSecond = [];
        private readonly List<double> _latencies = [];
        private double _seconds;
        private CpuSnapshot _spent = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);

        public CpuPerRequest Cpu => _spent.PerRequest(_latencies.Count);

        /// <summary>Each round's rate over the baseline's rate in the same round (rounds run a few seconds apart).</summary>
        public List<double> RatiosTo(Phase baseline) => [.. _perSecond.Zip(baseline._perSecond, (rate, baseRate) => rate / baseRate)];

        /// <summary>Runs one round; its requests per second.</summary>
        public async Task<double> Run(int serverProcessId, bool postgres, Func<Task<(double Seconds, double[] Latencies)>> round)
        {
            var before = CpuSnapshot.Take(serverProcessId, postgres);
            var (seconds, latencies) = await round();
            _spent += CpuSnapshot.Take(serverProcessId, postgres) - before;
            _seconds += seconds;
            _latencies.AddRange(latencies);
            _perSecond.Add(latencies.Length / seconds);
            return latencies.Length / seconds;
        }

        public Row Row(string name, string ratio, string cpuRatio, bool databaseInServer)
        {
            var sorted = _latencies.Order().ToArray();
            return new Row(name, sorted.Length, _seconds, Median(_perSecond), sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))],
                ratio, Cpu, cpuRatio, databaseInServer);
        }
    }

    private static async Task<(double Seconds, double[] Latencies)> Load(HttpClient client, int requests, int concurrency, HttpStatusCode expected, Func<int, Task<HttpResponseMessage>> send)
    {
        var latencies = new double[requests];
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await send(i);
                if (response.StatusCode != expected)
                {
                    throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        })));
        return (watch.Elapsed.TotalSeconds, latencies);
    }
}
