using System.Runtime.InteropServices;
using GreenGrid.Platform.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GreenGrid.Bench;

/// <summary>What a result was measured on, printed with every run.</summary>
internal static class Machine
{
    public static string Describe()
    {
        var cpu = ReadField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = ReadField("/proc/meminfo", "MemTotal") is { } total && long.TryParse(total.Split(' ')[0], out var kb)
            ? $"{kb / 1024.0 / 1024.0:F1} GiB"
            : "unknown";
        return $"machine: {Environment.ProcessorCount} cores, {cpu}, {memory} RAM, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    public static async Task<string> PostgresSettingsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'),
                   current_setting('full_page_writes'), current_setting('shared_buffers'), current_setting('max_wal_size'),
                   current_setting('max_parallel_maintenance_workers')
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return $"PostgreSQL {reader.GetString(0)}: fsync={reader.GetString(1)}, synchronous_commit={reader.GetString(2)}, " +
            $"full_page_writes={reader.GetString(3)}, shared_buffers={reader.GetString(4)}, max_wal_size={reader.GetString(5)}, " +
            $"max_parallel_maintenance_workers={reader.GetString(6)} (loader: maintenance_work_mem=256MB for its index builds)";
    }

    public static string SqliteSettings()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        return $"SQLite {command.ExecuteScalar()} (Microsoft.Data.Sqlite), every case with the application's pragmas: {SqlitePragmas.Sql}";
    }

    private static string? ReadField(string file, string field)
    {
        if (!File.Exists(file))
        {
            return null;
        }
        return File.ReadLines(file)
            .Where(line => line.StartsWith(field, StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
            .FirstOrDefault();
    }
}
