using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GreenGrid.Platform.Data;

public static class DatabaseSetup
{
    // The migration sets live in their own assemblies, one per provider (docs/adr/0002-persistence.md).
    public const string SqliteMigrationsAssembly = "GreenGrid.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "GreenGrid.Migrations.Postgres";

    public static IServiceCollection AddAppDb(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connection = ResolveConnectionString(options, environment.ContentRootPath);
        services.AddSingleton(new DatabaseConnection(options.Provider, connection));
        // Pooled: a context is reset and reused instead of built per request. Building one (its
        // internal service scope, its connection object) was a large share of a gate scan's CPU.
        services.AddDbContextPool<AppDb>((provider, db) =>
        {
            Configure(db, options.Provider, connection);
            // The modules' own interceptors (their caches' write watches), registered from their AddX.
            db.AddInterceptors(provider.GetServices<AppDbInterceptor>().Select(i => i.Interceptor));
        });
        services.AddSingleton<GroupCommit>();
        return services;
    }

    public static void Configure(DbContextOptionsBuilder db, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                db.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly))
                  .AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseProvider.Postgres:
                db.UseNpgsql(WithPostgresDefaults(connectionString), o => o.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use Sqlite or Postgres.");
        }
    }

    /// <summary>
    /// Two Npgsql settings, each unless the connection string says otherwise. Automatic
    /// preparation: statements the app sends again and again (a scan's insert, the hot queries) are
    /// parsed and planned once per physical connection instead of on every execution. No reset on
    /// close: a pooled connection is handed out as it was returned, without the batch of RESET ALL,
    /// CLOSE ALL, UNLISTEN, DISCARD … that PostgreSQL parses on every lease (about 40 % of its CPU for
    /// a one-row read). The app keeps no session state to reset: no SET, no temporary tables, no
    /// LISTEN, no advisory locks (docs/adr/0016-postgres-connections-without-reset.md).
    /// </summary>
    private static string WithPostgresDefaults(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
        }
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }

    public static string ResolveConnectionString(DatabaseOptions options, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException("Database:ConnectionString is required for PostgreSQL.");
        }
        var folder = Path.GetFullPath(Path.Combine(contentRoot, options.DataFolder));
        Directory.CreateDirectory(folder);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "greengrid.db"),
            Pooling = true,
        }.ToString();
    }

    /// <summary>Creates the database if needed and applies every migration not yet applied.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        await db.Database.MigrateAsync(cancellationToken);
    }
}

/// <summary>
/// An EF interceptor that a module adds to every AppDb of the app (for instance a <see cref="WriteWatch"/>
/// that tells the module's cache when its rows are written). One instance per app: two apps in one
/// process (the tests run SQLite and PostgreSQL side by side) never share a cache's state.
/// </summary>
public sealed record AppDbInterceptor(Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor Interceptor);

public static class AppDbInterceptors
{
    /// <summary>Adds an interceptor, made from the app's services, to every AppDb of the app.</summary>
    public static IServiceCollection AddAppDbInterceptor(this IServiceCollection services, Func<IServiceProvider, Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor> make) =>
        services.AddSingleton(provider => new AppDbInterceptor(make(provider)));
}

/// <summary>The provider and connection string in force, for code that talks ADO.NET directly (bulk paths).</summary>
public sealed record DatabaseConnection(DatabaseProvider Provider, string ConnectionString);
