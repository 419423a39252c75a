using System.Net;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Health;
using GreenGrid.Tests.Support;
using Npgsql;

namespace GreenGrid.Tests.Platform;

/// <summary>/health/live and /health/ready through the real pipeline, open to anyone and saying nothing but the status.</summary>
public abstract class HealthTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_healthy_app_is_live_and_ready_for_an_anonymous_caller_and_says_only_so()
    {
        using var anonymous = fixture.App.CreateClient();
        foreach (var path in new[] { HealthModule.LivePath, HealthModule.ReadyPath })
        {
            var response = await anonymous.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Ready_is_503_while_the_database_is_unreachable_and_live_stays_200()
    {
        // The app must start on a reachable database (it migrates before it listens); the database goes away after.
        await using var database = await Unreachable.CreateAsync(fixture.App.Provider);
        await using var host = OpsHost.Start(database.Provider, database.ConnectionString);
        using var anonymous = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(HealthModule.ReadyPath, Ct)).StatusCode);

        await database.CutOffAsync();

        var ready = await anonymous.GetAsync(HealthModule.ReadyPath, Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync(Ct)); // no exception, no names, no versions
        var live = await anonymous.GetAsync(HealthModule.LivePath, Ct);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>A database of the test's own that it can make unreachable: an SQLite file whose folder moves away, a PostgreSQL database that stops taking connections.</summary>
    private sealed class Unreachable : IAsyncDisposable
    {
        private readonly TestDatabase? _postgres;
        private readonly string? _folder;

        private Unreachable(DatabaseProvider provider, string connectionString, TestDatabase? postgres, string? folder)
        {
            Provider = provider;
            ConnectionString = connectionString;
            _postgres = postgres;
            _folder = folder;
        }

        public DatabaseProvider Provider { get; }
        public string ConnectionString { get; }

        public static async Task<Unreachable> CreateAsync(DatabaseProvider provider)
        {
            if (provider == DatabaseProvider.Postgres)
            {
                var database = await TestDatabase.CreateAsync(provider);
                return new Unreachable(provider, database.ConnectionString, database, null);
            }
            var folder = Directory.CreateTempSubdirectory("greengrid-health-").FullName;
            return new Unreachable(provider, $"Data Source={Path.Combine(folder, "test.db")};Pooling=False", null, folder);
        }

        public async Task CutOffAsync()
        {
            if (_folder is not null)
            {
                Directory.Move(_folder, _folder + "-gone"); // the next connection finds no file and no folder to create it in
                return;
            }
            var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
            await using var admin = new NpgsqlConnection(TestDatabase.PostgresServer);
            await admin.OpenAsync(Ct);
            await using (var refuse = new NpgsqlCommand($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false", admin))
            {
                await refuse.ExecuteNonQueryAsync(Ct);
            }
            await using var end = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @name", admin);
            end.Parameters.AddWithValue("name", name!);
            await end.ExecuteScalarAsync(Ct);
        }

        public async ValueTask DisposeAsync()
        {
            if (_postgres is not null)
            {
                await _postgres.DisposeAsync();
            }
            if (_folder is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var folder in new[] { _folder, _folder + "-gone" })
                {
                    try
                    {
                        if (Directory.Exists(folder))
                        {
                            Directory.Delete(folder, recursive: true);
                        }
                    }
                    catch (IOException)
                    {
                        // left to the OS's temp cleanup
                    }
                }
            }
        }
    }
}

public sealed class HealthTests_on_Sqlite(SqliteApp fixture) : HealthTests(fixture), IClassFixture<SqliteApp>;

public sealed class HealthTests_on_Postgres(PostgresApp fixture) : HealthTests(fixture), IClassFixture<PostgresApp>;
