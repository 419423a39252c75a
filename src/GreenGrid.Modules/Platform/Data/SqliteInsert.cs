using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace GreenGrid.Platform.Data;

/// <summary>
/// One prepared INSERT on the SQLite handle of a Microsoft.Data.Sqlite connection, bound by
/// position. ADO.NET parameters look each one up by name and box every value on every execution;
/// at millions of rows that is most of the cost. Runs inside the connection's current transaction.
/// </summary>
internal sealed class SqliteInsert : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private byte[] _utf8 = new byte[256];

    public SqliteInsert(SqliteConnection connection, BulkTable table)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var sql = $"INSERT INTO \"{table.Name}\" ({table.ColumnList}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"?{i + 1}"))})";
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public void Integer(int column, long value) => Check(raw.sqlite3_bind_int64(_statement, column, value));

    public void Integer(int column, long? value) =>
        Check(value is { } v ? raw.sqlite3_bind_int64(_statement, column, v) : raw.sqlite3_bind_null(_statement, column));

    /// <summary>Binds UTF-8 encoded into a reused buffer (SQLite copies it), or NULL.</summary>
    public void Text(int column, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_statement, column));
            return;
        }
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (length > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(length, _utf8.Length * 2)];
        }
        var written = Encoding.UTF8.GetBytes(value, _utf8);
        Check(raw.sqlite3_bind_text(_statement, column, _utf8.AsSpan(0, written)));
    }

    /// <summary>A DateOnly as EF Core's SQLite provider stores it: TEXT 'yyyy-MM-dd'.</summary>
    public void Date(int column, DateOnly date)
    {
        Span<byte> text = stackalloc byte[10];
        if (!date.TryFormat(text, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture) || written != 10)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, "not a four-digit year");
        }
        Check(raw.sqlite3_bind_text(_statement, column, text));
    }

    public void Execute()
    {
        var result = raw.sqlite3_step(_statement);
        // Reset before throwing, so that the statement can be finalised cleanly either way.
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(result, _db);
        }
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, _db);
        }
    }

    public void Dispose() => _statement.Dispose();
}
