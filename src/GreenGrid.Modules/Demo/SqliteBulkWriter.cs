using System.Globalization;
using GreenGrid.Cases;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Register;
using Microsoft.Data.Sqlite;

namespace GreenGrid.Demo;

/// <summary>
/// Streams the demo city into SQLite: one prepared INSERT per table, reused for every row, no EF
/// change tracking. The connection, pragmas and transaction are Microsoft.Data.Sqlite's; the rows
/// are bound by position on the statement handle underneath it (<see cref="SqliteInsert"/>),
/// which measured 1.6 times as fast as setting <see cref="SqliteParameter"/> values (docs/benchmarks.md).
/// <para>
/// The whole load is one transaction. That makes it all or nothing: a first start stopped half way
/// (Ctrl+C) leaves an empty database, which the next start loads again, instead of half a city that
/// it would take for a loaded one. It also lets the secondary indexes be dropped and rebuilt inside
/// the same transaction: filling <c>IX_residents_IdNumber</c> row by row in random key order is what
/// makes a naive insert slow at Wuhan's size, while building it once from sorted keys is fast.
/// SQLite spills a large transaction's pages to the WAL as it goes, so memory stays flat; the
/// WAL grows to about the size of the data and is truncated after the commit.
/// </para>
/// <para>
/// The connection gets the application's pragmas (WAL, synchronous=FULL, foreign keys on):
/// with one commit there is nothing to win by relaxing synchronous. It is a connection of its own
/// (no pooling), so its larger page cache ends with it.
/// </para>
/// </summary>
internal sealed class SqliteBulkWriter
{
    private const int ReportEvery = 8192;

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly IProgress<LoadProgress> _progress;
    private readonly CancellationToken _ct;

    private SqliteBulkWriter(SqliteConnection connection, SqliteTransaction transaction, IProgress<LoadProgress> progress, CancellationToken ct)
    {
        _connection = connection;
        _transaction = transaction;
        _progress = progress;
        _ct = ct;
    }

    public static void Load(string connectionString, DemoCityGenerator city, DemoCityCounts counts, IProgress<LoadProgress> progress, CancellationToken ct)
    {
        var unpooled = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        using var connection = new SqliteConnection(unpooled);
        connection.Open();
        SqlitePragmas.Apply(connection);
        // 64 MiB of page cache for index builds (the default is 2 MiB); this connection only.
        Execute(connection, null, "PRAGMA cache_size = -65536");

        // BEGIN IMMEDIATE: take the write lock now, so that the emptiness check holds until the commit.
        using (var transaction = connection.BeginTransaction(deferred: false))
        {
            if (Scalar(connection, transaction, "SELECT EXISTS (SELECT 1 FROM \"places\")") != 0)
            {
                throw DemoCityLoader.NotEmpty();
            }
            var indexes = SecondaryIndexes(connection, transaction);
            foreach (var (name, _) in indexes)
            {
                Execute(connection, transaction, $"DROP INDEX \"{name}\"");
            }

            // In foreign-key order: a building needs its grid, a grid its community.
            var writer = new SqliteBulkWriter(connection, transaction, progress, ct);
            var areas = writer.Write(DemoTables.Places, city.Areas(), BindPlace, "Places", counts.Places, 0);
            writer.Write(DemoTables.Grids, city.Grids(), BindGrid, "Grids", counts.Grids, 0);
            writer.Write(DemoTables.Places, city.Buildings(), BindPlace, "Places", counts.Places, areas);
            writer.Write(DemoTables.Households, city.Households(), BindHousehold, "Households", counts.Households, 0);
            writer.Write(DemoTables.Residents, city.Residents(), BindResident, "Residents", counts.Residents, 0);
            var recorder = ImportAccount(connection, transaction);
            writer.Write(DemoTables.CaseEvents, city.Outbreak().Events(recorder), BindCaseEvent, "Case events", counts.CaseEvents, 0);

            for (var i = 0; i < indexes.Count; i++)
            {
                progress.Report(new LoadProgress("Indexes", i, indexes.Count));
                ct.ThrowIfCancellationRequested();
                Execute(connection, transaction, indexes[i].Sql);
            }
            progress.Report(new LoadProgress("Indexes", indexes.Count, indexes.Count));
            transaction.Commit();
        }
        // Give the disk back: the WAL held the whole load until the checkpoint.
        Execute(connection, null, "PRAGMA wal_checkpoint(TRUNCATE)");
    }

    /// <returns>The rows of the stage written so far, counting <paramref name="alreadyDone"/>.</returns>
    private long Write<T>(BulkTable table, IEnumerable<T> rows, Action<T, SqliteInsert> bind, string stage, long total, long alreadyDone)
    {
        using var insert = new SqliteInsert(_connection, table);
        var done = alreadyDone;
        _progress.Report(new LoadProgress(stage, done, total));
        foreach (var row in rows)
        {
            bind(row, insert);
            insert.Execute();
            if (++done % ReportEvery == 0)
            {
                _progress.Report(new LoadProgress(stage, done, total));
                _ct.ThrowIfCancellationRequested();
            }
        }
        _progress.Report(new LoadProgress(stage, done, total));
        return done;
    }

    private static void BindPlace(Place p, SqliteInsert to)
    {
        to.Integer(1, p.Id);
        to.Integer(2, p.ParentId);
        to.Text(3, DemoTables.KindNames[(int)p.Kind]);
        to.Text(4, p.Code);
        to.Text(5, p.NameZh);
        to.Text(6, p.NameEn);
        to.Text(7, p.Path);
        to.Integer(8, p.IsScattered ? 1 : 0);
        to.Integer(9, p.GridId);
        to.Text(10, p.RetiredAt is { } retired ? SqliteDateTime(retired) : null);
    }

    private static void BindGrid(Grid g, SqliteInsert to)
    {
        to.Integer(1, g.Id);
        to.Integer(2, g.CommunityId);
        to.Text(3, g.Code);
        to.Text(4, g.NameZh);
        to.Text(5, g.NameEn);
        to.Text(6, g.ResponsibleWorker);
        to.Text(7, g.ResponsiblePhone);
    }

    private static void BindHousehold(Household h, SqliteInsert to)
    {
        to.Integer(1, h.Id);
        to.Integer(2, h.BuildingId);
        to.Text(3, h.Room);
    }

    private static void BindResident(Resident r, SqliteInsert to)
    {
        to.Integer(1, r.Id);
        to.Integer(2, r.HouseholdId);
        to.Text(3, r.Name);
        to.Text(4, DemoTables.SexNames[(int)r.Sex]);
        to.Date(5, r.BirthDate);
        to.Text(6, r.IdNumber);
        to.Integer(7, r.IsSynthetic ? 1 : 0);
        to.Text(8, r.Phone);
        to.Text(9, DemoTables.RelationshipNames[(int)r.Relationship]);
        to.Text(10, DemoTables.ResidenceNames[(int)r.Residence]);
        to.Integer(11, (long)r.Vulnerabilities);
        to.Text(12, DemoTables.DocumentTypeNames[(int)r.DocumentType]);
        to.Text(13, DemoTables.StatusNames[(int)r.Status]);
    }

    private static void BindCaseEvent(CaseEvent e, SqliteInsert to)
    {
        to.Integer(1, e.Id);
        to.Integer(2, e.ResidentId);
        to.Text(3, DemoTables.CaseEventTypeNames[(int)e.Type]);
        to.Date(4, e.EffectiveDate);
        to.Text(5, e.LastExposure is { } exposure ? SqliteDate(exposure) : null);
        to.Integer(6, e.SourceCaseId);
        to.Text(7, e.Facility);
        to.Text(8, DemoTables.CaseSourceNames[(int)e.Source]);
        to.Integer(9, e.SweepId);
        to.Integer(10, e.SupersedesId);
        to.Text(11, e.Note);
        to.Text(12, SqliteDateTime(e.RecordedAt));
        to.Integer(13, e.RecordedById);
        to.Text(14, e.IdempotencyKey);
    }

    /// <summary>The demo's recording account (<see cref="DemoTables.ImportUserName"/>): found, or created in the load's transaction.</summary>
    private static long ImportAccount(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT \"Id\" FROM \"accounts\" WHERE \"NormalizedUserName\" = $name";
        command.Parameters.AddWithValue("$name", DemoTables.ImportUserName.ToUpperInvariant());
        if (command.ExecuteScalar() is long existing)
        {
            return existing;
        }
        var values = DemoTables.ImportAccountValues();
        command.CommandText = $"INSERT INTO \"accounts\" ({DemoTables.Accounts.ColumnList}) " +
            $"VALUES ({string.Join(", ", DemoTables.Accounts.Columns.Select((_, i) => $"$p{i}"))}) RETURNING \"Id\"";
        command.Parameters.Clear();
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue($"$p{i}", values[i] switch
            {
                bool b => b ? 1 : 0,
                DateTime t => SqliteDateTime(t),
                var v => v,
            });
        }
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>As EF Core's SQLite provider writes a DateOnly: TEXT 'yyyy-MM-dd'.</summary>
    public static string SqliteDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>As EF Core's SQLite provider writes a DateTime: TEXT 'yyyy-MM-dd HH:mm:ss.FFFFFFF' (UTC here, see UtcDateTimeConverter).</summary>
    public static string SqliteDateTime(DateTime instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    /// <summary>The indexes created by migrations on the loaded tables (not the automatic ones of primary keys).</summary>
    private static List<(string Name, string Sql)> SecondaryIndexes(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            SELECT name, sql FROM sqlite_master
            WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({string.Join(", ", DemoTables.All.Select(t => $"'{t.Name}'"))})
            ORDER BY tbl_name, name
            """;
        using var reader = command.ExecuteReader();
        var indexes = new List<(string, string)>();
        while (reader.Read())
        {
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        return indexes;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
