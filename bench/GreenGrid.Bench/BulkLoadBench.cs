using System.Diagnostics;
using System.Globalization;
using GreenGrid.Demo;
using GreenGrid.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GreenGrid.Bench;

/// <summary>
/// `bulkload`: the demo city loader against the plainest fast way of writing the same rows, on
/// each provider, in one process and one run. A hand-written harness rather than BenchmarkDotNet:
/// one operation takes seconds to minutes and needs a fresh database each time, which BenchmarkDotNet's
/// many-iterations model would spend hours on without telling more. Every case runs <c>runs</c>
/// times, alternating with its baseline so that drift hits both alike, and the median is reported.
/// Timings cover generation plus writing (both sides consume the same generator stream); the
/// database is created and migrated before the clock starts and dropped after.
/// </summary>
internal static class BulkLoadBench
{
    /// <param name="WritesEvents">The loader writes the simulated outbreak's case events too; the baselines write the register only.</param>
    private sealed record Case(string Name, string Baseline, DatabaseProvider? Provider, Func<DatabaseConnection, DemoCityGenerator, Task> Run, bool WritesEvents = false);

    private sealed record Measurement(string Case, long Rows, double Seconds, long PeakMegabytes);

    public static async Task<int> RunAsync(DemoSize size, int seed, int runs, string? only)
    {
        var postgres = Environment.GetEnvironmentVariable("GREENGRID_PG");
        if (string.IsNullOrWhiteSpace(postgres))
        {
            Console.Error.WriteLine("GREENGRID_PG is not set. Start PostgreSQL with scripts/pg-up.sh and export its last line, e.g.\n" +
                "  export GREENGRID_PG=\"$(scripts/pg-up.sh | tail -n 1)\"");
            return 2;
        }

        var city = new DemoCityGenerator(size, seed);
        var counts = city.Count();
        Console.WriteLine($"# bulkload --size {size} (seed {seed}), {runs} run(s) per case, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"rows: {counts.Places:N0} places, {counts.Grids:N0} grids, {counts.Households:N0} households, {counts.Residents:N0} residents = {counts.Rows - counts.CaseEvents:N0}, " +
            $"+ {counts.CaseEvents:N0} case events (the loader only) = {counts.Rows:N0}");
        Console.WriteLine(Machine.Describe());
        Console.WriteLine(await Machine.PostgresSettingsAsync(postgres));
        Console.WriteLine(Machine.SqliteSettings());
        Console.WriteLine();

        var stages = new StageTimes();
        Case[] cases =
        [
            new("generate only (no database)", "", null, (_, c) => Task.FromResult(Baselines.GenerateOnly(c))),
            new("SQLite: plain prepared INSERT loop, 1 transaction", "", DatabaseProvider.Sqlite, (db, c) => Task.Run(() => Baselines.SqliteInsertLoop(db.ConnectionString, c))),
            new("SQLite: DemoCityLoader", "SQLite: plain prepared INSERT loop, 1 transaction", DatabaseProvider.Sqlite, (db, c) => DemoCityLoader.LoadAsync(db, c, stages.For("SQLite"), CancellationToken.None), WritesEvents: true),
            new("PostgreSQL: plain binary COPY, 1 transaction", "", DatabaseProvider.Postgres, (db, c) => Baselines.PostgresCopyAsync(db.ConnectionString, c)),
            new("PostgreSQL: DemoCityLoader", "PostgreSQL: plain binary COPY, 1 transaction", DatabaseProvider.Postgres, (db, c) => DemoCityLoader.LoadAsync(db, c, stages.For("PostgreSQL"), CancellationToken.None), WritesEvents: true),
        ];
        if (only is not null)
        {
            cases = cases.Where(c => c.Name.Contains(only, StringComparison.OrdinalIgnoreCase) || c.Name.StartsWith("generate", StringComparison.Ordinal)).ToArray();
        }

        var measurements = new List<Measurement>();
        for (var run = 1; run <= runs; run++)
        {
            foreach (var @case in cases)
            {
                var measurement = await MeasureAsync(@case, city, counts, postgres);
                measurements.Add(measurement);
                Console.WriteLine($"run {run}: {@case.Name,-52} {measurement.Seconds,8:F2} s  {measurement.Rows / measurement.Seconds,12:N0} rows/s  peak {measurement.PeakMegabytes} MB");
            }
        }

        Console.WriteLine();
        PrintTable(cases, measurements);
        Console.WriteLine();
        stages.Print();
        return 0;
    }

    private static async Task<Measurement> MeasureAsync(Case @case, DemoCityGenerator city, DemoCityCounts counts, string postgresServer)
    {
        await using var database = @case.Provider is { } provider ? await BenchDatabase.CreateAsync(provider, postgresServer) : null;
        var connection = database?.Connection ?? new DatabaseConnection(DatabaseProvider.Sqlite, "");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var peak = new PeakMemory();
        var watch = Stopwatch.StartNew();
        await @case.Run(connection, city);
        watch.Stop();
        var expected = @case.WritesEvents ? counts : counts with { CaseEvents = 0 };
        if (database is not null)
        {
            await database.VerifyAsync(expected);
        }
        return new Measurement(@case.Name, expected.Rows, watch.Elapsed.TotalSeconds, peak.Megabytes);
    }

    private static void PrintTable(Case[] cases, List<Measurement> measurements)
    {
        Console.WriteLine("| case | rows | seconds (median) | rows/s | ratio to baseline | peak working set |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var @case in cases)
        {
            var mine = measurements.Where(m => m.Case == @case.Name).ToList();
            var seconds = Median(mine.Select(m => m.Seconds));
            var rows = mine[0].Rows;
            var ratio = "";
            if (@case.Baseline.Length > 0 && measurements.Any(m => m.Case == @case.Baseline))
            {
                var baseline = Median(measurements.Where(m => m.Case == @case.Baseline).Select(m => m.Seconds));
                // Throughput ratio: 1.0 = as fast as the baseline, 2.0 = twice as fast.
                ratio = (baseline / seconds).ToString("F2", CultureInfo.InvariantCulture);
            }
            Console.WriteLine($"| {@case.Name} | {rows:N0} | {seconds:F2} | {rows / seconds:N0} | {ratio} | {mine.Max(m => m.PeakMegabytes)} MB |");
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Where the loader spends its time: seconds per stage, from its progress reports, summed over runs.</summary>
    private sealed class StageTimes
    {
        private readonly Dictionary<(string Provider, string Stage), double> _seconds = [];
        private readonly Dictionary<string, int> _runs = [];

        public IProgress<LoadProgress> For(string provider)
        {
            _runs[provider] = _runs.GetValueOrDefault(provider) + 1;
            return new Recorder(this, provider);
        }

        public void Print()
        {
            foreach (var provider in _runs.Keys)
            {
                var stages = _seconds.Where(s => s.Key.Provider == provider).Select(s => $"{s.Key.Stage} {s.Value / _runs[provider]:F2} s");
                Console.WriteLine($"{provider} loader, mean seconds per stage (between its progress reports): {string.Join(", ", stages)}");
            }
        }

        private sealed class Recorder(StageTimes times, string provider) : IProgress<LoadProgress>
        {
            private string? _stage;
            private long _since;

            public void Report(LoadProgress value)
            {
                var now = Stopwatch.GetTimestamp();
                _stage ??= value.Stage;
                _since = _since == 0 ? now : _since;
                var key = (provider, _stage);
                times._seconds[key] = times._seconds.GetValueOrDefault(key) + Stopwatch.GetElapsedTime(_since, now).TotalSeconds;
                (_stage, _since) = (value.Stage, now);
            }
        }
    }
}

/// <summary>A fresh, migrated database for one measurement, deleted afterwards.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string? _postgresName;
    private readonly string _postgresServer;

    private BenchDatabase(DatabaseConnection connection, string? folder, string? postgresName, string postgresServer)
    {
        Connection = connection;
        _folder = folder;
        _postgresName = postgresName;
        _postgresServer = postgresServer;
    }

    public DatabaseConnection Connection { get; }

    public static async Task<BenchDatabase> CreateAsync(DatabaseProvider provider, string postgresServer)
    {
        BenchDatabase database;
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("greengrid-bench-").FullName;
            var connection = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "bench.db"), Pooling = false }.ToString();
            database = new BenchDatabase(new DatabaseConnection(provider, connection), folder, null, postgresServer);
        }
        else
        {
            var name = $"gg_bench_{Guid.NewGuid():N}";
            await using (var admin = new NpgsqlConnection(postgresServer))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
                await create.ExecuteNonQueryAsync();
            }
            // No command timeout: at Wuhan's size the plain COPY's last flush alone takes minutes.
            var connection = new NpgsqlConnectionStringBuilder(postgresServer) { Database = name, CommandTimeout = 0 }.ToString();
            database = new BenchDatabase(new DatabaseConnection(provider, connection), null, name, postgresServer);
        }
        await using var db = database.Context();
        await db.Database.MigrateAsync();
        return database;
    }

    public AppDb Context()
    {
        var options = new DbContextOptionsBuilder<AppDb>();
        DatabaseSetup.Configure(options, Connection.Provider, Connection.ConnectionString);
        return new AppDb(options.Options);
    }

    /// <summary>A run counts only if every row arrived.</summary>
    public async Task VerifyAsync(DemoCityCounts expected)
    {
        await using var db = Context();
        var actual = new DemoCityCounts(
            await db.Places().LongCountAsync(), await db.Grids().LongCountAsync(), await db.Households().LongCountAsync(), await db.Residents().LongCountAsync(),
            await db.CaseEvents().LongCountAsync());
        if (actual != expected)
        {
            throw new InvalidOperationException($"Loaded {actual}, expected {expected}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_postgresServer);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
