using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GreenGrid.Platform.Data;

/// <summary>
/// Every SQLite connection runs in WAL mode with synchronous=FULL, so an acknowledged write
/// survives a killed process and a power cut, and readers never block the writer.
/// The settings belong to the native connection, which the driver's pool hands out again and again:
/// they are applied once per native connection, not on every open (a page opens several).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    public const string Sql = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

    // The native connections already set up; an entry goes with its connection when the pool drops it.
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Applied = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (FirstOpen(connection))
        {
            try
            {
                Apply(connection);
            }
            catch
            {
                Forget(connection);
                throw;
            }
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!FirstOpen(connection))
        {
            return;
        }
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            Forget(connection); // the next open tries again
            throw;
        }
    }

    /// <summary>Whether this open is the native connection's first (its settings are then applied and remembered).</summary>
    private static bool FirstOpen(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || Applied.TryAdd(handle, Applied);

    private static void Forget(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            Applied.Remove(handle);
        }
    }

    public static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
    }
}
