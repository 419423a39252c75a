using System.Net.Http.Json;
using GreenGrid.Access;
using GreenGrid.Access.ScanPass;
using GreenGrid.Platform.Data;
using GreenGrid.Testing;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Tests.Access;

/// <summary>
/// The real server in its own process on a SQLite file, killed with SIGKILL in the middle of a
/// stream of scans, restarted, and sent everything again: every scan it answered is recorded
/// exactly once with the decision it answered.
/// </summary>
public sealed class ScanDurabilityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_scan_answered_before_a_SIGKILL_is_recorded_exactly_once_with_its_answer_after_restart()
    {
        var folder = Directory.CreateTempSubdirectory("greengrid-durability-").FullName;
        var connection = $"Data Source={Path.Combine(folder, "greengrid.db")};Pooling=true";
        try
        {
            var seed = await GateSeed.CreateAsync(DatabaseProvider.Sqlite, connection, households: 20, ct: Ct);
            var random = new Random(20200228);
            var scans = Enumerable.Range(0, 240).Select(i => new
            {
                scanId = $"durable-{i:D4}",
                token = i % 7 == 3 ? "forged-or-garbage" : seed.Tokens[i % seed.Tokens.Length],
                direction = i % 2 == 0 ? "out" : "in",
                temperature = i % 11 == 5 ? 38.0m : 36.6m,
                mask = true,
                scannedAt = DateTime.UtcNow,
            }).ToArray();
            var answered = new Dictionary<string, ScanResult>();
            var port = ServerProcess.FreePort();
            var next = 0;
            for (var round = 0; round < 4 && next < scans.Length; round++)
            {
                await using var server = await ServerProcess.StartAsync(DatabaseProvider.Sqlite, connection, port, ct: Ct);
                using var client = await seed.GuardClient(server.Address, Ct);
                var killAfter = next + random.Next(20, 80);
                // Concurrent senders, so the kill lands while some requests are being decided and committed.
                var senders = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
                {
                    while (true)
                    {
                        var index = Interlocked.Increment(ref next) - 1;
                        if (index >= scans.Length || index >= killAfter + 8)
                        {
                            return;
                        }
                        try
                        {
                            var response = await client.PostAsJsonAsync($"api/v1/gates/{seed.GateIds[0]}/scans", scans[index], GreenGridApp.Json, Ct);
                            if (response.IsSuccessStatusCode)
                            {
                                var result = (await response.Content.ReadFromJsonAsync<ScanResult>(GreenGridApp.Json, Ct))!;
                                lock (answered)
                                {
                                    answered[result.ScanId] = result;
                                }
                            }
                        }
                        catch (HttpRequestException)
                        {
                            return; // the server is gone
                        }
                        if (index == killAfter && round < 3)
                        {
                            server.Kill();
                            return;
                        }
                    }
                }, Ct)).ToArray();
                await Task.WhenAll(senders);
                server.Kill();
                next = Math.Min(next, scans.Length);
            }

            // Restart once more and send every scan again, answered or not: replays answer what was recorded.
            await using (var server = await ServerProcess.StartAsync(DatabaseProvider.Sqlite, connection, port, ct: Ct))
            {
                using var client = await seed.GuardClient(server.Address, Ct);
                foreach (var scan in scans)
                {
                    var result = await AccessScenario.Ok<ScanResult>(await client.PostAsJsonAsync($"api/v1/gates/{seed.GateIds[0]}/scans", scan, GreenGridApp.Json, Ct));
                    if (answered.TryGetValue(scan.scanId, out var first))
                    {
                        Assert.True(result.Replayed, $"{scan.scanId} was answered before the kill but not found after it");
                        Assert.Equal((first.Id, first.Decision, first.Reason), (result.Id, result.Decision, result.Reason));
                    }
                }
            }

            var options = new DbContextOptionsBuilder<AppDb>();
            DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, connection);
            await using var db = new AppDb(options.Options);
            var rows = await db.Scans().AsNoTracking().ToListAsync(Ct);
            Assert.Equal(scans.Length, rows.Count);
            Assert.Equal(scans.Length, rows.Select(r => r.ClientScanId).Distinct().Count());
            foreach (var (id, result) in answered)
            {
                var row = Assert.Single(rows, r => r.ClientScanId == id);
                Assert.Equal((result.Id, result.Decision, result.Reason), (row.Id, row.Decision, row.Reason));
            }
            Assert.Contains(rows, r => r.Reason == ScanReason.Fever);
            Assert.Contains(rows, r => r.Reason == ScanReason.InvalidSignature);
            Assert.True(answered.Count > 0);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
