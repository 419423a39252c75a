using GreenGrid.Platform.Data;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Platform;

/// <summary>Each provider's migration set matches the model, and the database is migrated on start.</summary>
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
}

public sealed class MigrationTests_on_Postgres(PostgresApp fixture) : MigrationTests(fixture), IClassFixture<PostgresApp>;
