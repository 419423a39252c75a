using GreenGrid.Platform.Data;
using GreenGrid.Cases;
using GreenGrid.Places;
using GreenGrid.Register;
using Npgsql;
using NpgsqlTypes;

namespace GreenGrid.Demo;

/// <summary>
/// Streams the demo city into PostgreSQL with binary COPY, one table after the other, in one
/// transaction: all or nothing, like pg_restore with --single-transaction.
/// <para>
/// As pg_restore does, the foreign keys and secondary indexes of the loaded tables are dropped first
/// and recreated after the data is in, from their own definitions (<c>pg_get_constraintdef</c>,
/// <c>pg_get_indexdef</c>), inside the same transaction: a foreign key checked per row costs a
/// trigger call per row, and a B-tree filled in random key order (ID numbers) costs a page per row,
/// while building it once sorts. Re-adding a foreign key validates every row, so nothing goes
/// unchecked. Then the identity sequences are moved past the loaded ids, so that rows added later
/// through EF get fresh ones, and the tables are analysed.
/// </para>
/// </summary>
internal static class PostgresBulkWriter
{
    private const int ReportEvery = 8192;

    public static async Task LoadAsync(string connectionString, DemoCityGenerator city, DemoCityCounts counts, IProgress<LoadProgress> progress, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // Fewer, larger writes to the socket while streaming rows.
            WriteBufferSize = 64 * 1024,
            // Building an index or validating a foreign key over millions of rows takes minutes, not the
            // default 30 seconds; the caller's cancellation token is what stops a load.
            CommandTimeout = 0,
        };
        await using var connection = new NpgsqlConnection(builder.ToString());
        await connection.OpenAsync(ct);
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            var tables = string.Join(", ", DemoTables.All.Select(t => $"\"{t.Name}\""));
            // Nobody else writes these tables until the city is in; then the emptiness check holds to the end.
            await ExecuteAsync(connection, $"LOCK TABLE {tables} IN ACCESS EXCLUSIVE MODE", ct);
            if (await ScalarAsync<bool>(connection, "SELECT EXISTS (SELECT 1 FROM \"places\")", ct))
            {
                throw DemoCityLoader.NotEmpty();
            }
            await ExecuteAsync(connection, "SET LOCAL maintenance_work_mem = '256MB'", ct);

            var foreignKeys = await DefinitionsAsync(connection, ForeignKeysSql, ct);
            var indexes = await DefinitionsAsync(connection, IndexesSql, ct);
            foreach (var (table, name, _) in foreignKeys)
            {
                await ExecuteAsync(connection, $"ALTER TABLE {table} DROP CONSTRAINT \"{name}\"", ct);
            }
            foreach (var (_, name, _) in indexes)
            {
                await ExecuteAsync(connection, $"DROP INDEX {name}", ct);
            }

            await CopyAsync(connection, DemoTables.Places, city.Places(), WritePlace, "Places", counts.Places, progress, ct);
            await CopyAsync(connection, DemoTables.Grids, city.Grids(), WriteGrid, "Grids", counts.Grids, progress, ct);
            await CopyAsync(connection, DemoTables.Households, city.Households(), WriteHousehold, "Households", counts.Households, progress, ct);
            await CopyAsync(connection, DemoTables.Residents, city.Residents(), WriteResident, "Residents", counts.Residents, progress, ct);
            var recorder = await ImportAccountAsync(connection, ct);
            await CopyAsync(connection, DemoTables.CaseEvents, city.Outbreak().Events(recorder), WriteCaseEvent, "Case events", counts.CaseEvents, progress, ct);

            var rebuild = indexes.Select(i => i.Definition)
                .Concat(foreignKeys.Select(k => $"ALTER TABLE {k.Table} ADD CONSTRAINT \"{k.Name}\" {k.Definition}"))
                .ToList();
            for (var i = 0; i < rebuild.Count; i++)
            {
                progress.Report(new LoadProgress("Indexes", i, rebuild.Count));
                await ExecuteAsync(connection, rebuild[i], ct);
            }
            progress.Report(new LoadProgress("Indexes", rebuild.Count, rebuild.Count));

            foreach (var table in DemoTables.All)
            {
                // Next id = largest loaded id + 1, so that EF inserts do not collide with the city.
                await ExecuteAsync(connection,
                    $"SELECT setval(pg_get_serial_sequence('\"{table.Name}\"', 'Id'), COALESCE((SELECT MAX(\"Id\") FROM \"{table.Name}\"), 0) + 1, false)", ct);
            }
            await transaction.CommitAsync(ct);
        }
        // Fresh statistics, so that the first queries are planned for millions of rows, not for an empty table.
        await ExecuteAsync(connection, $"ANALYZE {string.Join(", ", DemoTables.All.Select(t => $"\"{t.Name}\""))}", ct);
    }

    /// <summary>Foreign keys declared on the loaded tables.</summary>
    private static readonly string ForeignKeysSql = $"""
        SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
        FROM pg_constraint c
        WHERE c.contype = 'f' AND c.conrelid = ANY (ARRAY[{RegClasses}])
        ORDER BY 1, 2
        """;

    /// <summary>Indexes of the loaded tables that no constraint stands on (not the primary keys).</summary>
    private static readonly string IndexesSql = $"""
        SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        WHERE i.indrelid = ANY (ARRAY[{RegClasses}])
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        ORDER BY 1, 2
        """;

    private static string RegClasses => string.Join(", ", DemoTables.All.Select(t => $"'\"{t.Name}\"'::regclass"));

    private static async Task CopyAsync<T>(
        NpgsqlConnection connection, BulkTable table, IEnumerable<T> rows, Action<NpgsqlBinaryImporter, T> write,
        string stage, long total, IProgress<LoadProgress> progress, CancellationToken ct)
    {
        long done = 0;
        progress.Report(new LoadProgress(stage, done, total));
        await using (var importer = await connection.BeginBinaryImportAsync(
            $"COPY \"{table.Name}\" ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in rows)
            {
                // Synchronous writes: they only fill a buffer, and an awaited call per column costs more than the network.
                importer.StartRow();
                write(importer, row);
                if (++done % ReportEvery == 0)
                {
                    progress.Report(new LoadProgress(stage, done, total));
                    ct.ThrowIfCancellationRequested();
                }
            }
            await importer.CompleteAsync(ct);
        }
        progress.Report(new LoadProgress(stage, done, total));
    }

    private static void WritePlace(NpgsqlBinaryImporter to, Place p)
    {
        to.Write(p.Id, NpgsqlDbType.Bigint);
        WriteNullable(to, p.ParentId, NpgsqlDbType.Bigint);
        to.Write(DemoTables.KindNames[(int)p.Kind], NpgsqlDbType.Varchar);
        to.Write(p.Code, NpgsqlDbType.Varchar);
        to.Write(p.NameZh, NpgsqlDbType.Varchar);
        to.Write(p.NameEn, NpgsqlDbType.Varchar);
        to.Write(p.Path, NpgsqlDbType.Varchar);
        to.Write(p.IsScattered, NpgsqlDbType.Boolean);
        WriteNullable(to, p.GridId, NpgsqlDbType.Bigint);
        if (p.RetiredAt is { } retired)
        {
            to.Write(retired.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        }
        else
        {
            to.WriteNull();
        }
    }

    private static void WriteGrid(NpgsqlBinaryImporter to, Grid g)
    {
        to.Write(g.Id, NpgsqlDbType.Bigint);
        to.Write(g.CommunityId, NpgsqlDbType.Bigint);
        to.Write(g.Code, NpgsqlDbType.Varchar);
        to.Write(g.NameZh, NpgsqlDbType.Varchar);
        to.Write(g.NameEn, NpgsqlDbType.Varchar);
        WriteNullable(to, g.ResponsibleWorker);
        WriteNullable(to, g.ResponsiblePhone);
    }

    private static void WriteHousehold(NpgsqlBinaryImporter to, Household h)
    {
        to.Write(h.Id, NpgsqlDbType.Bigint);
        to.Write(h.BuildingId, NpgsqlDbType.Bigint);
        to.Write(h.Room, NpgsqlDbType.Varchar);
    }

    private static void WriteResident(NpgsqlBinaryImporter to, Resident r)
    {
        to.Write(r.Id, NpgsqlDbType.Bigint);
        to.Write(r.HouseholdId, NpgsqlDbType.Bigint);
        to.Write(r.Name, NpgsqlDbType.Varchar);
        to.Write(DemoTables.SexNames[(int)r.Sex], NpgsqlDbType.Varchar);
        to.Write(r.BirthDate, NpgsqlDbType.Date);
        to.Write(r.IdNumber, NpgsqlDbType.Varchar);
        to.Write(r.IsSynthetic, NpgsqlDbType.Boolean);
        WriteNullable(to, r.Phone);
        to.Write(DemoTables.RelationshipNames[(int)r.Relationship], NpgsqlDbType.Varchar);
        to.Write(DemoTables.ResidenceNames[(int)r.Residence], NpgsqlDbType.Varchar);
        to.Write((int)r.Vulnerabilities, NpgsqlDbType.Integer);
        to.Write(DemoTables.DocumentTypeNames[(int)r.DocumentType], NpgsqlDbType.Varchar);
        to.Write(DemoTables.StatusNames[(int)r.Status], NpgsqlDbType.Varchar);
    }

    private static void WriteCaseEvent(NpgsqlBinaryImporter to, CaseEvent e)
    {
        to.Write(e.Id, NpgsqlDbType.Bigint);
        to.Write(e.ResidentId, NpgsqlDbType.Bigint);
        to.Write(DemoTables.CaseEventTypeNames[(int)e.Type], NpgsqlDbType.Varchar);
        to.Write(e.EffectiveDate, NpgsqlDbType.Date);
        if (e.LastExposure is { } exposure)
        {
            to.Write(exposure, NpgsqlDbType.Date);
        }
        else
        {
            to.WriteNull();
        }
        WriteNullable(to, e.SourceCaseId, NpgsqlDbType.Bigint);
        WriteNullable(to, e.Facility);
        to.Write(DemoTables.CaseSourceNames[(int)e.Source], NpgsqlDbType.Varchar);
        WriteNullable(to, e.SweepId, NpgsqlDbType.Bigint);
        WriteNullable(to, e.SupersedesId, NpgsqlDbType.Bigint);
        WriteNullable(to, e.Note);
        to.Write(e.RecordedAt, NpgsqlDbType.TimestampTz);
        to.Write(e.RecordedById, NpgsqlDbType.Bigint);
        WriteNullable(to, e.IdempotencyKey);
    }

    /// <summary>The demo's recording account (<see cref="DemoTables.ImportUserName"/>): found, or created in the load's transaction.</summary>
    private static async Task<long> ImportAccountAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using (var find = new NpgsqlCommand("SELECT \"Id\" FROM \"accounts\" WHERE \"NormalizedUserName\" = $1", connection))
        {
            find.Parameters.AddWithValue(DemoTables.ImportUserName.ToUpperInvariant());
            if (await find.ExecuteScalarAsync(ct) is long existing)
            {
                return existing;
            }
        }
        var values = DemoTables.ImportAccountValues();
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO \"accounts\" ({DemoTables.Accounts.ColumnList}) " +
            $"VALUES ({string.Join(", ", DemoTables.Accounts.Columns.Select((_, i) => $"${i + 1}"))}) RETURNING \"Id\"", connection);
        foreach (var value in values)
        {
            insert.Parameters.AddWithValue(value);
        }
        return (long)(await insert.ExecuteScalarAsync(ct))!;
    }

    private static void WriteNullable(NpgsqlBinaryImporter to, long? value, NpgsqlDbType type)
    {
        if (value is { } v)
        {
            to.Write(v, type);
        }
        else
        {
            to.WriteNull();
        }
    }

    private static void WriteNullable(NpgsqlBinaryImporter to, string? value)
    {
        if (value is null)
        {
            to.WriteNull();
        }
        else
        {
            to.Write(value, NpgsqlDbType.Varchar);
        }
    }

    private static async Task<List<(string Table, string Name, string Definition)>> DefinitionsAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<(string, string, string)>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        return rows;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }
}
