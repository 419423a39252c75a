using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GreenGrid.Register;
using GreenGrid.Tests.Register;
using GreenGrid.Testing;
using GreenGrid.Tests.Support;
using Microsoft.Data.Sqlite;

namespace GreenGrid.Tests.Cases;

/// <summary>
/// An event the API acknowledged survives the server being killed at any moment, and a client's
/// retry (same idempotency key) never doubles it: the real server runs as a process, clients stream
/// events, the server is SIGKILLed at random points and started again on the same database file.
/// </summary>
public sealed class CaseDurabilityTests : IAsyncLifetime
{
    private const string WorkerPassword = "durability-worker-1";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly ServerProcess _server = new();

    public async ValueTask InitializeAsync() => await _server.StartAsync(Ct);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    /// <summary>One person's history, valid in this order: each event needs the ones before it.</summary>
    private static readonly object[] Script =
    [
        new { type = "closeContact", effectiveDate = "2020-02-01", lastExposure = "2020-01-31" },
        new { type = "released", effectiveDate = "2020-02-10" },
        new { type = "fever", effectiveDate = "2020-02-11" },
        new { type = "discarded", effectiveDate = "2020-02-12" },
        new { type = "closeContact", effectiveDate = "2020-02-13", lastExposure = "2020-02-12" },
        new { type = "released", effectiveDate = "2020-02-20" },
        new { type = "suspected", effectiveDate = "2020-02-21" },
        new { type = "confirmed", effectiveDate = "2020-02-22" },
        new { type = "transferredToFacility", effectiveDate = "2020-02-22", facility = "方舱医院" },
        new { type = "recovered", effectiveDate = "2020-03-10" },
        new { type = "homeObservation", effectiveDate = "2020-03-10" },
        new { type = "released", effectiveDate = "2020-03-24" },
    ];

    [Fact]
    public async Task Every_acknowledged_event_is_there_exactly_once_after_the_server_is_killed_at_random_points()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var people = await SeedPeople(6);
        var session = new Session(_server, await _server.ClientFor("durability.worker", WorkerPassword, Ct));
        var answers = new System.Collections.Concurrent.ConcurrentDictionary<string, HashSet<long>>();
        var acknowledged = 0;
        var interrupted = 0;

        async Task Stream(long residentId)
        {
            for (var step = 0; step < Script.Length; step++)
            {
                var key = $"r{residentId}-e{step}";
                while (true)
                {
                    var (client, generation) = session.Current;
                    try
                    {
                        var response = await client.PostAsJsonAsync($"/api/v1/residents/{residentId}/case-events", With(Script[step], key), Ct);
                        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK,
                            $"seed {seed}: {key} answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
                        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
                        var id = json.RootElement.GetProperty("event").GetProperty("id").GetInt64();
                        lock (answers)
                        {
                            answers.GetOrAdd(key, _ => []).Add(id);
                        }
                        Interlocked.Increment(ref acknowledged);
                        break;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !Ct.IsCancellationRequested)
                    {
                        // The server died under this request: it may or may not have committed; retry the same key once it is back.
                        Interlocked.Increment(ref interrupted);
                        await session.WaitForRestart(generation);
                    }
                }
            }
        }

        var streams = people.Select(id => Task.Run(() => Stream(id), Ct)).ToList();
        var total = people.Count * Script.Length;
        for (var kill = 0; kill < 3; kill++)
        {
            var after = random.Next(Math.Max(1, total * kill / 4), total * (kill + 1) / 4);
            while (Volatile.Read(ref acknowledged) < after && streams.Any(s => !s.IsCompleted))
            {
                await Task.Delay(5, Ct);
            }
            _server.Kill();
            await _server.StartAsync(Ct);
            session.Restarted(await _server.ClientFor("durability.worker", WorkerPassword, Ct));
        }
        await Task.WhenAll(streams);

        // Send every request once more, as a client that never saw its answers would: nothing may change.
        var (again, _) = session.Current;
        foreach (var id in people)
        {
            for (var step = 0; step < Script.Length; step++)
            {
                var response = await again.PostAsJsonAsync($"/api/v1/residents/{id}/case-events", With(Script[step], $"r{id}-e{step}"), Ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
        _server.Kill();

        Assert.True(interrupted > 0, $"seed {seed}: no request was in flight when the server was killed");
        Assert.All(answers, a => Assert.True(a.Value.Count == 1, $"seed {seed}: {a.Key} was answered with ids {string.Join(",", a.Value)}"));
        var stored = ReadStoredEvents();
        Assert.Equal(total, answers.Count);
        Assert.Equal(total, stored.Count);
        foreach (var (key, ids) in answers)
        {
            Assert.True(stored.TryGetValue(key, out var storedIds), $"seed {seed}: acknowledged {key} is not in the database");
            Assert.Equal(ids.Single(), Assert.Single(storedIds));
        }
    }

    private static Dictionary<string, object?> With(object body, string key)
    {
        var fields = JsonSerializer.SerializeToElement(body).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
        fields["idempotencyKey"] = key;
        return fields;
    }

    private Dictionary<string, List<long>> ReadStoredEvents()
    {
        using var connection = new SqliteConnection($"Data Source={_server.SqliteFile};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT IdempotencyKey, Id FROM case_events";
        using var reader = command.ExecuteReader();
        var stored = new Dictionary<string, List<long>>();
        while (reader.Read())
        {
            var key = reader.GetString(0);
            if (!stored.TryGetValue(key, out var ids))
            {
                stored[key] = ids = [];
            }
            ids.Add(reader.GetInt64(1));
        }
        return stored;
    }

    /// <summary>A city down to a building, a community worker, and residents in one household, all through the API.</summary>
    private async Task<List<long>> SeedPeople(int count)
    {
        using var admin = await _server.ClientFor("admin", ServerProcess.AdminPassword, Ct);
        async Task<long> Place(long? parentId, string kind, string code)
        {
            var response = await admin.PostAsJsonAsync("/api/v1/places", new { parentId, kind, code, nameZh = $"测试{code}", nameEn = $"Test {code}" }, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
            return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
        }
        var roots = await admin.GetFromJsonAsync<JsonElement>("/api/v1/places", Ct);
        var city = roots.GetArrayLength() > 0 ? roots[0].GetProperty("id").GetInt64() : await Place(null, "city", "420100");
        var community = await Place(await Place(await Place(city, "district", "420106"), "subdistrict", "S1"), "community", "C1");
        var building = await Place(await Place(community, "compound", "K1"), "building", "B1");
        var account = await admin.PostAsJsonAsync("/api/v1/accounts", new
        {
            userName = "durability.worker", displayName = "Durability worker", role = "communityWorker", password = WorkerPassword, jurisdictionIds = new[] { community },
        }, Ct);
        Assert.True(account.IsSuccessStatusCode, await account.Content.ReadAsStringAsync(Ct));

        using var worker = await _server.ClientFor("durability.worker", WorkerPassword, Ct);
        var household = await worker.PostAsJsonAsync("/api/v1/households", new { buildingId = building, room = "1-101" }, Ct);
        var householdId = (await household.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
        var people = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var birth = new DateOnly(1970 + i, 3, 1);
            var resident = await worker.PostAsJsonAsync($"/api/v1/households/{householdId}/residents", new
            {
                name = $"测试居民{i}", idNumber = RegisterEditTests.IdNumber(birth), relationship = i == 0 ? "head" : "other", residence = "registered",
            }, Ct);
            Assert.True(resident.StatusCode == HttpStatusCode.Created, await resident.Content.ReadAsStringAsync(Ct));
            people.Add((await resident.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64());
        }
        return people;
    }

    /// <summary>The client of the server's current life, and a way to wait for its next one.</summary>
    private sealed class Session(ServerProcess server, HttpClient first)
    {
        private readonly object _gate = new();
        private (HttpClient Client, int Generation) _current = (first, 0);
        private TaskCompletionSource _restart = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public (HttpClient Client, int Generation) Current
        {
            get
            {
                lock (_gate)
                {
                    return _current;
                }
            }
        }

        public void Restarted(HttpClient client)
        {
            lock (_gate)
            {
                _current = (client, _current.Generation + 1);
                var done = _restart;
                _restart = new(TaskCreationOptions.RunContinuationsAsynchronously);
                done.SetResult();
            }
        }

        /// <summary>Returns once the server is in a later life than <paramref name="generation"/>.</summary>
        public async Task WaitForRestart(int generation)
        {
            Task wait;
            lock (_gate)
            {
                if (_current.Generation > generation)
                {
                    return;
                }
                wait = _restart.Task;
            }
            await wait.WaitAsync(TimeSpan.FromMinutes(2));
        }

        public Uri Address => server.Address;
    }
}
