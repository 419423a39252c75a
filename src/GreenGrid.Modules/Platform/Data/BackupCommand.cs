using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace GreenGrid.Platform.Data;

/// <summary>
/// <c>backup --to FILE</c> and <c>restore --from FILE [--force]</c>: the store of the configured database
/// (section <c>Database</c>, read exactly as the server reads it) to a file and back
/// (docs/adr/0025-backup-and-restore.md). SQLite through its online backup API, so a running server
/// keeps writing while the copy is taken; PostgreSQL through <c>pg_dump</c>/<c>pg_restore</c>
/// (custom format), found on the PATH or in <c>Backup:PostgresBin</c>. Exit 0 done, 1 failed or refused, 2 usage.
/// </summary>
internal static class BackupCommand
{
    public const string BackupVerb = "backup";
    public const string RestoreVerb = "restore";
    private const string Usage = "usage: backup --to FILE [--force]   |   restore --from FILE [--force]   (the database of the usual configuration: Database:Provider, Database:ConnectionString)";

    public static bool Handles(string[] args) => args.Length > 0 && args[0] is BackupVerb or RestoreVerb;

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, string contentRoot, TextWriter output, TextWriter error)
    {
        var restoring = args[0] == RestoreVerb;
        var file = ValueOf(args, restoring ? "--from" : "--to");
        if (file is null)
        {
            error.WriteLine(Usage);
            return 2;
        }
        var force = args.Contains("--force");
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connection = DatabaseSetup.ResolveConnectionString(options, contentRoot);
        var postgresBin = configuration["Backup:PostgresBin"];
        try
        {
            var message = (options.Provider, restoring) switch
            {
                (DatabaseProvider.Sqlite, false) => BackupSqlite(connection, file, force),
                (DatabaseProvider.Sqlite, true) => RestoreSqlite(connection, file, force),
                (DatabaseProvider.Postgres, false) => await BackupPostgres(connection, file, force, postgresBin),
                _ => await RestorePostgres(connection, file, force, postgresBin),
            };
            output.WriteLine(message);
            return 0;
        }
        catch (BackupRefused refused)
        {
            error.WriteLine(refused.Message);
            return 1;
        }
    }

    private static string? ValueOf(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && !args[index + 1].StartsWith("--", StringComparison.Ordinal) ? args[index + 1] : null;
    }

    /// <summary>An operator's mistake or a failed tool, told in one sentence (no stack trace).</summary>
    private sealed class BackupRefused(string message) : Exception(message);

    private static void RefuseExistingFile(string file, bool force)
    {
        if (File.Exists(file) && !force)
        {
            throw new BackupRefused($"{file} already exists; backup does not overwrite it unless given --force.");
        }
    }

    private static void RefuseNonEmptyStore(string where, int tables, bool force)
    {
        if (tables > 0 && !force)
        {
            throw new BackupRefused(
                $"The database {where} is not empty ({tables} tables); restore refuses to overwrite it. " +
                "Restore into an empty database, or stop the server and pass --force to replace everything in it.");
        }
    }

    // --- SQLite: the online backup API copies a consistent snapshot while writers carry on (WAL). ---

    private static string BackupSqlite(string connectionString, string file, bool force)
    {
        RefuseExistingFile(file, force);
        var target = Path.GetFullPath(file);
        var partial = target + ".partial";
        File.Delete(partial);
        using (var source = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString()))
        using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
        {
            source.Open();
            Execute(source, "PRAGMA busy_timeout=10000;");
            if (CountTables(source) == 0)
            {
                throw new BackupRefused($"{source.DataSource} holds no GreenGrid store; nothing to back up.");
            }
            // One step (all pages) under one read transaction: the copy is the store of one moment.
            source.BackupDatabase(copy);
            copy.Open();
            Execute(copy, "PRAGMA journal_mode=DELETE;"); // one self-contained file, no -wal beside it
        }
        File.Move(partial, target, overwrite: true); // a backup file is never half written
        return $"backed up {connectionString.Split(';')[0]} to {target} ({new FileInfo(target).Length:N0} bytes)";
    }

    private static string RestoreSqlite(string connectionString, string file, bool force)
    {
        if (!File.Exists(file))
        {
            throw new BackupRefused($"{file}: no such file");
        }
        using var backup = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        backup.Open();
        var check = Scalar(backup, "PRAGMA quick_check;") as string;
        if (check != "ok" || CountTables(backup) == 0)
        {
            throw new BackupRefused($"{file} is not a GreenGrid SQLite backup ({check ?? "empty"}).");
        }
        using var store = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        store.Open();
        RefuseNonEmptyStore(store.DataSource, CountTables(store), force);
        Execute(store, "PRAGMA busy_timeout=10000;");
        backup.BackupDatabase(store);
        Execute(store, "PRAGMA journal_mode=WAL;"); // as the server runs it (SqlitePragmas)
        return $"restored {file} into {store.DataSource}";
    }

    private static int CountTables(SqliteConnection connection) =>
        Convert.ToInt32(Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%';"), System.Globalization.CultureInfo.InvariantCulture);

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // --- PostgreSQL: pg_dump takes one snapshot of the database while the server writes on. ---

    private static async Task<string> BackupPostgres(string connectionString, string file, bool force, string? bin)
    {
        RefuseExistingFile(file, force);
        var target = Path.GetFullPath(file);
        var partial = target + ".partial";
        File.Delete(partial);
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await RunTool(bin, "pg_dump", connectionString, ["--format=custom", "--no-owner", "--no-privileges", $"--file={partial}"], database);
        File.Move(partial, target, overwrite: true);
        return $"backed up PostgreSQL database {database} to {target} ({new FileInfo(target).Length:N0} bytes)";
    }

    private static async Task<string> RestorePostgres(string connectionString, string file, bool force, string? bin)
    {
        if (!File.Exists(file))
        {
            throw new BackupRefused($"{file}: no such file");
        }
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var database = builder.Database ?? throw new BackupRefused("Database:ConnectionString names no database to restore into.");
        await CreateIfMissing(builder);
        await using (var store = new NpgsqlConnection(connectionString))
        {
            await store.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')", store);
            RefuseNonEmptyStore($"{database} on {builder.Host}:{builder.Port}", Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture), force);
        }
        string[] clean = force ? ["--clean", "--if-exists"] : [];
        await RunTool(bin, "pg_restore", connectionString, [.. clean, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", file], database);
        return $"restored {file} into PostgreSQL database {database}";
    }

    private static async Task CreateIfMissing(NpgsqlConnectionStringBuilder target)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false };
        await using var admin = new NpgsqlConnection(maintenance.ConnectionString);
        await admin.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", admin) { Parameters = { new() { Value = target.Database } } };
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Runs pg_dump or pg_restore against the connection string's server (password through PGPASSWORD, never the command line).</summary>
    private static async Task RunTool(string? bin, string tool, string connectionString, string[] arguments, string? database)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(string.IsNullOrEmpty(bin) ? tool : Path.Combine(bin, tool))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.ArgumentList.Add($"--host={builder.Host}");
        start.ArgumentList.Add($"--port={builder.Port}");
        start.ArgumentList.Add($"--username={builder.Username}");
        start.ArgumentList.Add($"--dbname={database}");
        start.ArgumentList.Add("--no-password");
        start.Environment["PGPASSWORD"] = builder.Password ?? "";
        start.Environment["PGSSLMODE"] = builder.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new BackupRefused($"{tool} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BackupRefused($"{start.FileName} could not be run ({e.Message}); install the PostgreSQL client of the server's version or set Backup:PostgresBin to its bin folder.");
        }
        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new BackupRefused($"{tool} failed (exit {process.ExitCode}): {(await errors).Trim()}");
            }
        }
    }
}
