using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GreenGrid.Platform.Data;

/// <summary>
/// Every SQLite connection runs in WAL mode with synchronous=FULL, so an acknowledged write
/// survives a killed process and a power cut, and readers never block the writer.
/// <para>
/// The settings belong to the native connection, which the pool keeps open and hands out again
/// and again; they are applied once per native connection, not on every open (four statements
/// on every query had made a one-query request on SQLite several times slower than on PostgreSQL).
/// </para>
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    public const string Sql = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

    // The native connections already set up (weak: a closed one is forgotten with it).
    private static readonly ConditionalWeakTable<object, object> Applied = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NativeHandle(connection) is { } handle && Applied.TryGetValue(handle, out _))
        {
            return;
        }
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Remember(connection);
    }

    public static void Apply(DbConnection connection)
    {
        if (NativeHandle(connection) is { } handle && Applied.TryGetValue(handle, out _))
        {
            return;
        }
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
        Remember(connection);
    }

    private static object? NativeHandle(DbConnection connection) => (connection as SqliteConnection)?.Handle;

    private static void Remember(DbConnection connection)
    {
        if (NativeHandle(connection) is { } handle)
        {
            Applied.AddOrUpdate(handle, true);
        }
    }
}
