using System.Diagnostics;
using GreenGrid.Platform.Data;

namespace GreenGrid.Demo;

/// <summary>How far a long load has come: rows of a stage written out of the expected total.</summary>
public sealed record LoadProgress(string Stage, long Done, long Total);

/// <summary>
/// Generates the demo city and its simulated outbreak and streams them into the database, without EF change tracking:
/// prepared ADO.NET inserts on SQLite (<see cref="SqliteBulkWriter"/>), binary COPY on PostgreSQL
/// (<see cref="PostgresBulkWriter"/>). The database must be migrated and hold no place; the load is
/// one transaction on both providers, so it either puts the whole city in or leaves the tables empty.
/// The outbreak's case events come last, recorded by the disabled account <see cref="DemoTables.ImportUserName"/>,
/// created in the same transaction (the demo's sign-in accounts are made after the load, through Identity).
/// </summary>
public static class DemoCityLoader
{
    /// <summary>Loads the city with its simulated outbreak up to the default day the demo stands on (20 March 2020).</summary>
    public static Task<DemoCityCounts> LoadAsync(DatabaseConnection connection, DemoSize size, int seed, IProgress<LoadProgress> progress, CancellationToken ct) =>
        LoadAsync(connection, new DemoCityGenerator(size, seed), progress, ct);

    /// <summary>Loads the city with its simulated outbreak (<see cref="DemoOutbreak"/>): no case event dated after <paramref name="standsOn"/>.</summary>
    public static Task<DemoCityCounts> LoadAsync(DatabaseConnection connection, DemoSize size, int seed, DateOnly standsOn, IProgress<LoadProgress> progress, CancellationToken ct) =>
        LoadAsync(connection, new DemoCityGenerator(size, seed, standsOn), progress, ct);

    internal static async Task<DemoCityCounts> LoadAsync(DatabaseConnection connection, DemoCityGenerator city, IProgress<LoadProgress> progress, CancellationToken ct)
    {
        // Totals first (a quick pass that draws households but not people), so that progress has a denominator.
        var counts = city.Count();
        switch (connection.Provider)
        {
            case DatabaseProvider.Sqlite:
                // Microsoft.Data.Sqlite has no real async I/O: run the load off the caller's thread.
                await Task.Run(() => SqliteBulkWriter.Load(connection.ConnectionString, city, counts, progress, ct), ct);
                break;
            case DatabaseProvider.Postgres:
                await Task.Run(() => PostgresBulkWriter.LoadAsync(connection.ConnectionString, city, counts, progress, ct), ct);
                break;
            default:
                throw new InvalidOperationException($"The demo city cannot be loaded into a {connection.Provider} database.");
        }
        return counts;
    }

    internal static InvalidOperationException NotEmpty() => new(
        "The demo city loads only into an empty database, and this one already has places. " +
        "Start with a fresh database (for SQLite, delete the data folder), or set Demo:Load to false.");
}

/// <summary>
/// Writes a long load's progress to the log: when a stage starts and ends, and in between at most
/// every few seconds, so that a first start shows it is alive without flooding the console.
/// </summary>
internal sealed class ConsoleProgress(ILogger logger) : IProgress<LoadProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);

    private string _stage = "";
    private long _stageStarted;
    private long _lastLogged;
    private bool _finishLogged;

    public void Report(LoadProgress value)
    {
        var now = Stopwatch.GetTimestamp();
        if (value.Stage != _stage)
        {
            (_stage, _stageStarted, _lastLogged, _finishLogged) = (value.Stage, now, now, false);
        }
        if (value.Done >= value.Total)
        {
            if (!_finishLogged)
            {
                _finishLogged = true;
                logger.LogInformation("{Stage}: {Done:N0} done in {Seconds:F1} s",
                    value.Stage, value.Done, Stopwatch.GetElapsedTime(_stageStarted, now).TotalSeconds);
            }
            return;
        }
        if (Stopwatch.GetElapsedTime(_lastLogged, now) >= Interval)
        {
            _lastLogged = now;
            logger.LogInformation("{Stage}: {Done:N0} of {Total:N0} ({Percent}%)", value.Stage, value.Done, value.Total, value.Done * 100 / value.Total);
        }
    }
}
