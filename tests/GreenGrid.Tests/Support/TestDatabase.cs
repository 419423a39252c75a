using GreenGrid.Platform.Data;
using Npgsql;

namespace GreenGrid.Tests.Support;

/// <summary>
/// A fresh, empty database for one test class: an SQLite file in a temporary folder, or a new
/// database on the PostgreSQL server that test.sh starts (connection string in GREENGRID_PG).
/// PostgreSQL tests fail, never skip, when that server is missing.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? folder, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _folder = folder;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("greengrid-test-").FullName;
            return new TestDatabase(provider, $"Data Source={Path.Combine(folder, "test.db")};Pooling=False", folder, null);
        }
        var server = PostgresServer;
        var name = $"gg_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestDatabase(provider, builder.ToString(), null, name);
    }

    /// <summary>The PostgreSQL server of the test run; set by test.sh.</summary>
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("GREENGRID_PG") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "GREENGRID_PG is not set: PostgreSQL tests need the server that ./test.sh starts. Run the tests with ./test.sh.");

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            // No ClearAllPools here: it would also close the idle connections of every other test running
            // meanwhile (one checks that a pooled connection comes back on the same backend). DROP … WITH (FORCE)
            // ends this database's sessions, and its pool's dead connections are never asked for again.
            await using var admin = new NpgsqlConnection(PostgresServer);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", admin);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await drop.ExecuteNonQueryAsync();
                    break;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 5)
                {
                    // FORCE ends the other sessions but gives them 5 s to go; on a loaded machine one may take longer.
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 5)
                {
                    // A session this role may not end (the server's own autovacuum of a freshly filled database):
                    // it finishes on its own; try again shortly.
                    await Task.Delay(TimeSpan.FromSeconds(2));
                }
            }
        }
        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open elsewhere is left to the OS's temp cleanup.
            }
        }
    }
}
