using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using GreenGrid.Access.ScanPass;
using GreenGrid.Demo;
using GreenGrid.Platform.Data;
using GreenGrid.Tests.Access;
using GreenGrid.Testing;
using GreenGrid.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GreenGrid.Tests.Platform;

/// <summary>
/// <c>backup --to FILE</c> of the server executable, run while the demo city takes a stream of scans and case
/// events, and <c>restore --from FILE</c> into a fresh store: the restored store holds every record of one
/// moment between the backup's start and end, and refuses to be overwritten by accident.
/// </summary>
public abstract class BackupTests(DatabaseProvider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The tables the stream appends to; every other table must come back exactly as it is.</summary>
    private static readonly string[] StreamTables = ["scans", "case_events"];

    [Fact]
    public async Task A_backup_taken_under_writes_restores_every_record_of_its_moment_into_a_fresh_store()
    {
        await using var app = await GreenGridApp.StartAsync(provider, DemoSize.Tiny);
        var s = await AccessScenario.Build(app);
        var household = await new TreeBuilder(app).AddHousehold(s.Chain.Building.Id, 6);
        long[] people;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            people = await scope.ServiceProvider.GetRequiredService<AppDb>().Residents().Where(r => r.HouseholdId == household.Id).Select(r => r.Id).ToArrayAsync(Ct);
        }
        var stream = new WriteStream(s.Guard, s.GateId, s.Pass.Token, s.Worker, people, s.Now);
        using var stop = new CancellationTokenSource();
        var writes = stream.RunAsync(scanSenders: 3, stop.Token, Ct);
        while (stream.Acknowledged.Count < 20)
        {
            await Task.Delay(10, Ct);
        }

        var file = Path.Combine(Path.GetTempPath(), $"greengrid-backup-{Guid.NewGuid():N}.bak");
        await using var fresh = await TestDatabase.CreateAsync(provider);
        try
        {
            var before = stream.Mark();
            var backup = await Cli(app.Provider, ConnectionOf(app), "backup", "--to", file);
            var after = stream.Mark();
            Assert.True(backup.Exit == 0, backup.Error);
            var acknowledgedAfter = stream.Acknowledged.Count;
            while (stream.Acknowledged.Count < acknowledgedAfter + 10)
            {
                await Task.Delay(10, Ct);
            }
            stop.Cancel();
            await writes;
            Assert.Empty(stream.Failures);

            var restore = await Cli(provider, fresh.ConnectionString, "restore", "--from", file);
            Assert.True(restore.Exit == 0, restore.Error);

            var source = await ReadAll(provider, ConnectionOf(app));
            var restored = await ReadAll(provider, fresh.ConnectionString);
            Assert.Equal(source.Keys.Order(), restored.Keys.Order());
            foreach (var (table, rows) in source)
            {
                if (StreamTables.Contains(table))
                {
                    // The backup's moment: a prefix of the single writer's inserts.
                    var last = restored[table].Select(r => r.Id).DefaultIfEmpty(0).Max();
                    Assert.Equal(rows.Where(r => r.Id <= last).Select(r => r.Values).Order(), restored[table].Select(r => r.Values).Order());
                }
                else
                {
                    Assert.Equal(rows.Select(r => r.Values).Order(), restored[table].Select(r => r.Values).Order());
                }
            }
            // Acknowledged before the backup started: in it. Sent after it ended: not in it.
            var restoredIds = StreamTables.ToDictionary(t => t, t => restored[t].Select(r => r.Id).ToHashSet());
            foreach (var (key, ack) in stream.Acknowledged)
            {
                var ids = restoredIds[key.StartsWith("scan-", StringComparison.Ordinal) ? "scans" : "case_events"];
                if (ack.Answered < before)
                {
                    Assert.True(ids.Contains(ack.Id), $"{key} was acknowledged before the backup began but is not in it");
                }
                if (stream.FirstSent[key] > after)
                {
                    Assert.False(ids.Contains(ack.Id), $"{key} was sent after the backup ended but is in it");
                }
            }
            Assert.Contains(stream.Acknowledged, a => a.Value.Answered > before && a.Value.Answered < after); // written while the backup ran
            Assert.Contains(stream.Acknowledged, a => a.Value.Sent > after);

            // The restored store serves: ready, and a scan of the backup's moment is answered as the one recorded.
            await using var restoredApp = OpsHost.Start(provider, fresh.ConnectionString);
            using var probe = restoredApp.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/ready", Ct)).StatusCode);
            var early = stream.Acknowledged.Where(a => a.Key.StartsWith("scan-", StringComparison.Ordinal) && a.Value.Answered < before).MinBy(a => a.Value.Id);
            await using (var scope = restoredApp.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDb>();
                Assert.Equal(early.Value.Id, (await db.Scans().SingleAsync(x => x.ClientScanId == early.Key, Ct)).Id);
                Assert.Equal(restored["case_events"].Count, await db.CaseEvents().CountAsync(Ct));
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Restore_refuses_to_overwrite_a_store_that_is_not_empty_unless_told_to()
    {
        await using var app = await GreenGridApp.StartAsync(provider);
        var file = Path.Combine(Path.GetTempPath(), $"greengrid-backup-{Guid.NewGuid():N}.bak");
        await using var other = await TestDatabase.CreateAsync(provider);
        await using (OpsHost.Start(provider, other.ConnectionString))
        {
            // another city's store: migrated, with its own rows
        }
        try
        {
            Assert.Equal(0, (await Cli(provider, ConnectionOf(app), "backup", "--to", file)).Exit);
            var again = await Cli(provider, ConnectionOf(app), "backup", "--to", file);
            Assert.Equal(1, again.Exit);
            Assert.Contains("--force", again.Error);

            var refused = await Cli(provider, other.ConnectionString, "restore", "--from", file);
            Assert.Equal(1, refused.Exit);
            Assert.Contains("is not empty", refused.Error);
            Assert.Contains("--force", refused.Error);
            Assert.Empty((await ReadAll(provider, other.ConnectionString))["places"]);

            var forced = await Cli(provider, other.ConnectionString, "restore", "--from", file, "--force");
            Assert.True(forced.Exit == 0, forced.Error);
            var places = (await ReadAll(provider, other.ConnectionString))["places"];
            Assert.Equal((await ReadAll(provider, ConnectionOf(app)))["places"].Select(r => r.Values).Order(), places.Select(r => r.Values).Order());

            var usage = await Cli(provider, other.ConnectionString, "restore");
            Assert.Equal(2, usage.Exit);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string ConnectionOf(GreenGridApp app) => app.Services.GetRequiredService<DatabaseConnection>().ConnectionString;

    /// <summary>Runs the server executable with a verb, configured through the environment as an operator would.</summary>
    private static async Task<(int Exit, string Output, string Error)> Cli(DatabaseProvider provider, string connectionString, params string[] args)
    {
        var dll = ServerProcess.ApplicationDll();
        var start = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Database__Provider"] = provider.ToString();
        start.Environment["Database__ConnectionString"] = connectionString;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await output, await error);
    }

    private sealed record Row(long Id, string Values);

    /// <summary>Every row of every table, each as its values in one string, with its id where it has one.</summary>
    private static async Task<Dictionary<string, List<Row>>> ReadAll(DatabaseProvider provider, string connectionString)
    {
        await using DbConnection connection = provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString())
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = provider == DatabaseProvider.Sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
            await using var reader = await list.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                tables.Add(reader.GetString(0));
            }
        }
        var all = new Dictionary<string, List<Row>>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync(Ct);
            var id = Enumerable.Range(0, reader.FieldCount).FirstOrDefault(i => reader.GetName(i).Equals("Id", StringComparison.OrdinalIgnoreCase), -1);
            var rows = new List<Row>();
            while (await reader.ReadAsync(Ct))
            {
                var values = Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : reader.GetValue(i) switch
                {
                    byte[] bytes => Convert.ToBase64String(bytes),
                    IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                    var v => v.ToString(),
                });
                rows.Add(new Row(id >= 0 && !reader.IsDBNull(id) && reader.GetValue(id) is long or int ? Convert.ToInt64(reader.GetValue(id), System.Globalization.CultureInfo.InvariantCulture) : 0, string.Join("|", values)));
            }
            all[table] = rows;
        }
        return all;
    }
}

public sealed class BackupTests_on_Sqlite() : BackupTests(DatabaseProvider.Sqlite);

public sealed class BackupTests_on_Postgres() : BackupTests(DatabaseProvider.Postgres);
