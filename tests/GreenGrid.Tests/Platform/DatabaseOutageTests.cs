using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Platform;

/// <summary>
/// PostgreSQL stops for ten seconds in the middle of a stream of scans and case events, on a cluster of this
/// test's own: requests meanwhile are answered at once with 503 and Retry-After (none hangs, the server keeps
/// answering what needs no database), every acknowledged write is stored exactly once, and the same server
/// instance serves again once PostgreSQL is back.
/// </summary>
public sealed class DatabaseOutageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requests_during_a_PostgreSQL_outage_fail_fast_and_every_acknowledged_write_is_stored_once_and_the_server_serves_again()
    {
        await using var cluster = await PostgresCluster.CreateAsync(Ct);
        var connection = await cluster.CreateDatabaseAsync("greengrid", Ct);
        var seed = await GateSeed.CreateAsync(DatabaseProvider.Postgres, connection, households: 12, ct: Ct);
        await using var host = OpsHost.Start(DatabaseProvider.Postgres, connection);
        var (worker, people) = await Worker(host);
        using var guard = host.CreateClient();
        var token = await guard.PostAsJsonAsync("/api/v1/auth/token", new { userName = seed.GuardUserName, password = seed.GuardPassword }, Ct);
        guard.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<TokenAnswer>(Ct))!.AccessToken);
        using var anonymous = host.CreateClient();

        // The histories are spread out so that case events, like scans, are still being sent when the database goes.
        var stream = new WriteStream(guard, seed.GateIds[0], seed.Tokens[0], worker, people, DateTime.UtcNow) { HistoryGap = TimeSpan.FromSeconds(2) };
        using var stop = new CancellationTokenSource();
        var writes = stream.RunAsync(scanSenders: 4, stop.Token, Ct);
        await Until(() => stream.Acknowledged.Count >= 30);

        await cluster.StopAsync(Ct);
        var down = stream.Mark();
        // While it is down: the process answers, readiness says no, and no request is left hanging.
        var alive = await Within(anonymous.GetAsync("/health/live", Ct));
        var ready = await Within(anonymous.GetAsync("/health/ready", Ct));
        await Task.Delay(TimeSpan.FromSeconds(10), Ct);
        var failedDuringOutage = stream.Failures.Count;
        await cluster.StartAsync(Ct);
        var up = stream.Mark();

        // Back without a restart: new writes are acknowledged, readiness recovers.
        await Until(() => stream.Acknowledged.Values.Count(a => a.Sent > up) >= 30);
        stop.Cancel();
        await writes;
        await Until(async () => (await anonymous.GetAsync("/health/ready", Ct)).StatusCode == HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.True(failedDuringOutage > 0, "no request was refused while the database was down");
        Assert.Contains(stream.Failures, f => f.Key.StartsWith('r'));
        Assert.All(stream.Failures, f => Assert.True(f.Status == HttpStatusCode.ServiceUnavailable && f.RetryAfter,
            $"{f.Key}: {(f.Status is { } s ? (int)s : "no answer")} {f.What}"));
        Assert.Equal(stream.CaseEventCount, stream.Acknowledged.Keys.Count(k => k.StartsWith('r')));

        // Every acknowledged write is there once, as answered; nothing is there that was never sent.
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var scans = await db.Scans().AsNoTracking().Select(s => new { s.ClientScanId, s.Id }).ToListAsync(Ct);
        var events = await db.CaseEvents().AsNoTracking().Select(e => new { Key = e.IdempotencyKey!, e.Id }).ToListAsync(Ct);
        var stored = scans.Select(s => (Key: s.ClientScanId, s.Id)).Concat(events.Select(e => (e.Key, e.Id))).ToList();
        Assert.Equal(stored.Count, stored.Select(s => s.Key).Distinct().Count());
        foreach (var (key, ack) in stream.Acknowledged)
        {
            Assert.Equal(ack.Id, Assert.Single(stored, s => s.Key == key).Id);
        }
        Assert.All(stored, s => Assert.True(stream.FirstSent.ContainsKey(s.Key), $"{s.Key} is stored but was never sent"));
    }

    private static async Task<(HttpClient Worker, long[] People)> Worker(OpsHost host)
    {
        var userName = await host.CreateAccount(Role.CommunityWorker);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var community = await db.Places().Where(p => p.Kind == PlaceKind.Community).Select(p => p.Id).SingleAsync(Ct);
        var account = await scope.ServiceProvider.GetRequiredService<UserManager<Account>>().FindByNameAsync(userName);
        db.AccountJurisdictions.Add(new AccountJurisdiction { AccountId = account!.Id, PlaceId = community });
        await db.SaveChangesAsync(Ct);
        var people = await db.Residents().OrderBy(r => r.Id).Select(r => r.Id).Take(12).ToArrayAsync(Ct);
        return (host.ClientWith(await host.TokenFor(userName)), people);
    }

    /// <summary>The answer, which must come before a generous 10 s (a hang or a starved thread pool would not).</summary>
    private static async Task<HttpResponseMessage> Within(Task<HttpResponseMessage> request) =>
        await request.WaitAsync(TimeSpan.FromSeconds(10), Ct);

    private static Task Until(Func<bool> condition) => Until(() => Task.FromResult(condition()));

    private static async Task Until(Func<Task<bool>> condition)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromMinutes(2));
        while (!await condition())
        {
            await Task.Delay(50, limit.Token);
        }
    }

    private sealed record TokenAnswer(string AccessToken);
}
