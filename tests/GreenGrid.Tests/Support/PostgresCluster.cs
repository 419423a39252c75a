using System.Diagnostics;
using Npgsql;

namespace GreenGrid.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of one test's own (own name, port and data folder), made with the same Debian
/// tools and settings as scripts/pg-up.sh, for tests that stop and start the server: the shared test
/// cluster is never touched. Needs root, as pg-up.sh does.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string Version = "15";
    private const string User = "greengrid";
    private const string Password = "greengrid";
    private readonly string _name;
    private readonly string _dataFolder;

    private PostgresCluster(string name, int port, string dataFolder)
    {
        _name = name;
        Port = port;
        _dataFolder = dataFolder;
    }

    public int Port { get; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={User};Password={Password};Database={database};SSL Mode=Disable";

    public static async Task<PostgresCluster> CreateAsync(CancellationToken ct)
    {
        var name = $"gg_test_{Guid.NewGuid():N}"[..20];
        var port = Testing.ServerProcess.FreePort();
        var folder = Path.Combine(Path.GetTempPath(), $"greengrid-pg-{name}");
        var cluster = new PostgresCluster(name, port, folder);
        await Run(ct, "pg_createcluster", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--datadir", folder, Version, name,
            "--", "--auth-host=scram-sha-256");
        await File.AppendAllTextAsync($"/etc/postgresql/{Version}/{name}/postgresql.conf",
            "\nlisten_addresses = '127.0.0.1'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 200\n", ct);
        await cluster.StartAsync(ct);
        await Run(ct, "runuser", "-u", "postgres", "--", "psql", "-q", "-v", "ON_ERROR_STOP=1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-d", "postgres",
            "-c", $"CREATE ROLE \"{User}\" LOGIN CREATEDB PASSWORD '{Password}'");
        return cluster;
    }

    public async Task<string> CreateDatabaseAsync(string database, CancellationToken ct)
    {
        await using var admin = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await admin.OpenAsync(ct);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
        await create.ExecuteNonQueryAsync(ct);
        return ConnectionString(database);
    }

    /// <summary>Starts the server and waits until it takes connections.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        await Run(ct, "pg_ctlcluster", Version, _name, "start");
        for (var attempt = 0; attempt < 120; attempt++)
        {
            if (await Exit(ct, "pg_isready", "-q", "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)) == 0)
            {
                return;
            }
            await Task.Delay(250, ct);
        }
        throw new TimeoutException($"cluster {_name} did not come up");
    }

    /// <summary>Stops the server (fast shutdown: open sessions are ended), as a database restart or crash would.</summary>
    public Task StopAsync(CancellationToken ct) => Run(ct, "pg_ctlcluster", Version, _name, "stop", "-m", "fast");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Exit(CancellationToken.None, "pg_dropcluster", "--stop", Version, _name);
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static async Task Run(CancellationToken ct, string tool, params string[] args)
    {
        var (exit, error) = await Execute(ct, tool, args);
        if (exit != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed ({exit}): {error}");
        }
    }

    private static async Task<int> Exit(CancellationToken ct, string tool, params string[] args) => (await Execute(ct, tool, args)).Exit;

    private static async Task<(int Exit, string Error)> Execute(CancellationToken ct, string tool, string[] args)
    {
        var start = new ProcessStartInfo(tool, args) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await error);
    }
}
