using GreenGrid.Platform.Data;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Platform;

/// <summary>
/// The durability settings hold on every connection a request gets, also when the driver's pool hands the
/// same native connection out again and the settings are no longer sent on each open.
/// </summary>
public sealed class SqliteSettingsTests_on_Sqlite(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_open_connection_is_in_wal_mode_with_full_sync_foreign_keys_and_a_busy_timeout()
    {
        for (var open = 0; open < 5; open++)
        {
            await using var scope = fixture.App.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            await db.Database.OpenConnectionAsync(Ct);
            try
            {
                Assert.Equal("wal", await Pragma(db, "journal_mode"));
                Assert.Equal("2", await Pragma(db, "synchronous")); // FULL
                Assert.Equal("1", await Pragma(db, "foreign_keys"));
                Assert.Equal("10000", await Pragma(db, "busy_timeout"));
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static async Task<string> Pragma(AppDb db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToString(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
