using GreenGrid.Demo;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Register;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace GreenGrid.Bench;

/// <summary>
/// The references the loader is measured against: the plainest fast way a developer would write
/// the same rows by hand, into the same migrated schema (indexes and foreign keys in place), in
/// foreign-key order, in one transaction.
/// </summary>
internal static class Baselines
{
    /// <summary>Enumerates every stream without a database: the generator's share of each case.</summary>
    public static long GenerateOnly(DemoCityGenerator city)
    {
        long checksum = 0;
        foreach (var place in city.Places())
        {
            checksum += place.Path.Length;
        }
        foreach (var grid in city.Grids())
        {
            checksum += grid.Code.Length;
        }
        foreach (var household in city.Households())
        {
            checksum += household.Room.Length;
        }
        foreach (var resident in city.Residents())
        {
            checksum += resident.IdNumber[17];
        }
        return checksum;
    }

    /// <summary>One prepared INSERT per table, parameters bound by reference, executed row by row, one commit.</summary>
    public static void SqliteInsertLoop(string connectionString, DemoCityGenerator city)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        SqlitePragmas.Apply(connection);
        using var transaction = connection.BeginTransaction();

        using (var insert = Command(connection, transaction, "places", [.. DemoTables.Places.Columns], out var p))
        {
            foreach (var place in city.Areas())
            {
                BindPlace(p, place);
                insert.ExecuteNonQuery();
            }
        }
        using (var insert = Command(connection, transaction, "grids", [.. DemoTables.Grids.Columns], out var p))
        {
            foreach (var grid in city.Grids())
            {
                p[0].Value = grid.Id;
                p[1].Value = grid.CommunityId;
                p[2].Value = grid.Code;
                p[3].Value = grid.NameZh;
                p[4].Value = grid.NameEn;
                p[5].Value = (object?)grid.ResponsibleWorker ?? DBNull.Value;
                p[6].Value = (object?)grid.ResponsiblePhone ?? DBNull.Value;
                insert.ExecuteNonQuery();
            }
        }
        using (var insert = Command(connection, transaction, "places", [.. DemoTables.Places.Columns], out var p))
        {
            foreach (var place in city.Buildings())
            {
                BindPlace(p, place);
                insert.ExecuteNonQuery();
            }
        }
        using (var insert = Command(connection, transaction, "households", [.. DemoTables.Households.Columns], out var p))
        {
            foreach (var household in city.Households())
            {
                p[0].Value = household.Id;
                p[1].Value = household.BuildingId;
                p[2].Value = household.Room;
                insert.ExecuteNonQuery();
            }
        }
        using (var insert = Command(connection, transaction, "residents", [.. DemoTables.Residents.Columns], out var p))
        {
            foreach (var r in city.Residents())
            {
                p[0].Value = r.Id;
                p[1].Value = r.HouseholdId;
                p[2].Value = r.Name;
                p[3].Value = r.Sex.ToString();
                p[4].Value = r.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                p[5].Value = r.IdNumber;
                p[6].Value = r.IsSynthetic;
                p[7].Value = (object?)r.Phone ?? DBNull.Value;
                p[8].Value = r.Relationship.ToString();
                p[9].Value = r.Residence.ToString();
                p[10].Value = (int)r.Vulnerabilities;
                p[11].Value = r.DocumentType.ToString();
                p[12].Value = r.Status.ToString();
                insert.ExecuteNonQuery();
            }
        }
        transaction.Commit();
    }

    private static void BindPlace(SqliteParameter[] p, Place place)
    {
        p[0].Value = place.Id;
        p[1].Value = (object?)place.ParentId ?? DBNull.Value;
        p[2].Value = place.Kind.ToString();
        p[3].Value = place.Code;
        p[4].Value = place.NameZh;
        p[5].Value = place.NameEn;
        p[6].Value = place.Path;
        p[7].Value = place.IsScattered;
        p[8].Value = (object?)place.GridId ?? DBNull.Value;
        p[9].Value = DBNull.Value;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string table, string[] columns, out SqliteParameter[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        parameters = columns.Select(c => command.Parameters.Add(new SqliteParameter("$" + c, null))).ToArray();
        command.Prepare();
        return command;
    }

    /// <summary>Binary COPY per table in foreign-key order, one transaction, nothing else.</summary>
    public static async Task PostgresCopyAsync(string connectionString, DemoCityGenerator city)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        void Places(IEnumerable<Place> places)
        {
            using var copy = connection.BeginBinaryImport($"COPY \"places\" ({Columns([.. DemoTables.Places.Columns])}) FROM STDIN (FORMAT BINARY)");
            foreach (var p in places)
            {
                copy.StartRow();
                copy.Write(p.Id, NpgsqlDbType.Bigint);
                WriteOrNull(copy, p.ParentId, NpgsqlDbType.Bigint);
                copy.Write(p.Kind.ToString(), NpgsqlDbType.Varchar);
                copy.Write(p.Code, NpgsqlDbType.Varchar);
                copy.Write(p.NameZh, NpgsqlDbType.Varchar);
                copy.Write(p.NameEn, NpgsqlDbType.Varchar);
                copy.Write(p.Path, NpgsqlDbType.Varchar);
                copy.Write(p.IsScattered, NpgsqlDbType.Boolean);
                WriteOrNull(copy, p.GridId, NpgsqlDbType.Bigint);
                copy.WriteNull();
            }
            copy.Complete();
        }

        Places(city.Areas());
        using (var copy = connection.BeginBinaryImport($"COPY \"grids\" ({Columns([.. DemoTables.Grids.Columns])}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var g in city.Grids())
            {
                copy.StartRow();
                copy.Write(g.Id, NpgsqlDbType.Bigint);
                copy.Write(g.CommunityId, NpgsqlDbType.Bigint);
                copy.Write(g.Code, NpgsqlDbType.Varchar);
                copy.Write(g.NameZh, NpgsqlDbType.Varchar);
                copy.Write(g.NameEn, NpgsqlDbType.Varchar);
                copy.Write(g.ResponsibleWorker, NpgsqlDbType.Varchar);
                copy.Write(g.ResponsiblePhone, NpgsqlDbType.Varchar);
            }
            copy.Complete();
        }
        Places(city.Buildings());
        using (var copy = connection.BeginBinaryImport($"COPY \"households\" ({Columns([.. DemoTables.Households.Columns])}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var h in city.Households())
            {
                copy.StartRow();
                copy.Write(h.Id, NpgsqlDbType.Bigint);
                copy.Write(h.BuildingId, NpgsqlDbType.Bigint);
                copy.Write(h.Room, NpgsqlDbType.Varchar);
            }
            copy.Complete();
        }
        using (var copy = connection.BeginBinaryImport($"COPY \"residents\" ({Columns([.. DemoTables.Residents.Columns])}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in city.Residents())
            {
                copy.StartRow();
                copy.Write(r.Id, NpgsqlDbType.Bigint);
                copy.Write(r.HouseholdId, NpgsqlDbType.Bigint);
                copy.Write(r.Name, NpgsqlDbType.Varchar);
                copy.Write(r.Sex.ToString(), NpgsqlDbType.Varchar);
                copy.Write(r.BirthDate, NpgsqlDbType.Date);
                copy.Write(r.IdNumber, NpgsqlDbType.Varchar);
                copy.Write(r.IsSynthetic, NpgsqlDbType.Boolean);
                if (r.Phone is null)
                {
                    copy.WriteNull();
                }
                else
                {
                    copy.Write(r.Phone, NpgsqlDbType.Varchar);
                }
                copy.Write(r.Relationship.ToString(), NpgsqlDbType.Varchar);
                copy.Write(r.Residence.ToString(), NpgsqlDbType.Varchar);
                copy.Write((int)r.Vulnerabilities, NpgsqlDbType.Integer);
                copy.Write(r.DocumentType.ToString(), NpgsqlDbType.Varchar);
                copy.Write(r.Status.ToString(), NpgsqlDbType.Varchar);
            }
            copy.Complete();
        }
        await transaction.CommitAsync();
    }

    private static string Columns(string[] columns) => string.Join(", ", columns.Select(c => $"\"{c}\""));

    private static void WriteOrNull(NpgsqlBinaryImporter copy, long? value, NpgsqlDbType type)
    {
        if (value is { } v)
        {
            copy.Write(v, type);
        }
        else
        {
            copy.WriteNull();
        }
    }
}
