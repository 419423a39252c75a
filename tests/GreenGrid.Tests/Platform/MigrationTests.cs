using GreenGrid.Platform.Data;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Platform;

/// <summary>
/// Each provider's migration set matches the model, and the database is migrated on start; each
/// provider's connections get the app's settings (SQLite's pragmas, Npgsql's preparation and pooling).
/// </summary>
public abstract class MigrationTests(AppFixture fixture)
{
    [Fact]
    public async Task The_model_has_no_changes_missing_from_the_migrations()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changed without a migration for {fixture.App.Provider}: run scripts/add-migration.sh NAME");
    }

    [Fact]
    public async Task Every_migration_is_applied_on_start()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var pending = await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken);
        Assert.Empty(pending);
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
    }
}

public sealed class MigrationTests_on_Sqlite(SqliteApp fixture) : MigrationTests(fixture), IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Sqlite_runs_in_wal_mode()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var mode = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal("wal", mode.Single());
    }

    [Fact]
    public void A_native_connection_the_pool_hands_out_again_keeps_its_settings()
    {
        var folder = Directory.CreateTempSubdirectory("greengrid-pragmas-").FullName;
        var connectionString = $"Data Source={Path.Combine(folder, "p.db")};Pooling=True";
        try
        {
            // Another test class may clear every SQLite pool of the process between the two opens
            // (ClearAllPools is process-wide), so a pair whose native handle changed is tried again.
            Microsoft.Data.Sqlite.SqliteConnection OpenPooledAgain()
            {
                for (var attempt = 0; ; attempt++)
                {
                    object first;
                    using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString))
                    {
                        connection.Open();
                        SqlitePragmas.Apply(connection);
                        first = connection.Handle!;
                    }
                    var again = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
                    again.Open();
                    if (ReferenceEquals(first, again.Handle) || attempt == 20)
                    {
                        Assert.Same(first, again.Handle); // the pool's native connection, opened again
                        return again;
                    }
                    again.Dispose();
                }
            }
            using (var again = OpenPooledAgain())
            {
                SqlitePragmas.Apply(again);
                string Pragma(string name)
                {
                    using var command = again.CreateCommand();
                    command.CommandText = $"PRAGMA {name}";
                    return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
                }
                Assert.Equal("wal", Pragma("journal_mode"));
                Assert.Equal("2", Pragma("synchronous")); // FULL
                Assert.Equal("1", Pragma("foreign_keys"));
                Assert.Equal("10000", Pragma("busy_timeout"));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}

public sealed class MigrationTests_on_Postgres(PostgresApp fixture) : MigrationTests(fixture), IClassFixture<PostgresApp>
{
    [Fact]
    public async Task A_connection_goes_back_to_the_pool_without_a_reset_and_without_its_open_transaction()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var settings = new Npgsql.NpgsqlConnectionStringBuilder(scope.ServiceProvider.GetRequiredService<AppDb>().Database.GetConnectionString());
        Assert.True(settings.NoResetOnClose, "the app's connections skip Npgsql's reset (docs/adr/0016-postgres-connections-without-reset.md)");
        Assert.Equal(64, settings.MaxAutoPrepare);

        // What ADR 0016 relies on: a connection returned inside a transaction (a request that failed
        // midway) comes back out of the pool with that transaction rolled back.
        settings.MaxPoolSize = 1; // the same physical connection both times
        settings.ApplicationName = "greengrid-reset-test";
        int backend;
        await using (var first = new Npgsql.NpgsqlConnection(settings.ConnectionString))
        {
            await first.OpenAsync(ct);
            backend = first.ProcessID;
            var transaction = await first.BeginTransactionAsync(ct); // not disposed: that would roll it back here
            await using var local = new Npgsql.NpgsqlCommand("SELECT set_config('application_name', 'left-in-a-transaction', true)", first, transaction);
            await local.ExecuteScalarAsync(ct);
            // returned to the pool here with the transaction still open
        }
        await using var again = new Npgsql.NpgsqlConnection(settings.ConnectionString);
        await again.OpenAsync(ct);
        Assert.Equal(backend, again.ProcessID);
        await using var read = new Npgsql.NpgsqlCommand("SELECT current_setting('application_name')", again);
        Assert.Equal("greengrid-reset-test", await read.ExecuteScalarAsync(ct));
    }
}
