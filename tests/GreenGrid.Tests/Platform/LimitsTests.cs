using System.Net;
using System.Text.Json;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Limits;
using GreenGrid.Platform.Security;
using GreenGrid.Tests.Support;

namespace GreenGrid.Tests.Platform;

/// <summary>
/// One app with small limits and hour-long windows, so that no window passes during a test (no clock,
/// no sleeps). Each test sends from a client address of its own and names accounts of its own.
/// </summary>
public sealed class LimitedApp : IAsyncLifetime
{
    public const int SignInsPerAccount = 3;
    public const int SignInsPerAddress = 5;
    public const int WritesPerAccount = 3;

    private TestDatabase? _database;

    public OpsHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        Host = OpsHost.Start(_database.Provider, _database.ConnectionString, new Dictionary<string, string>
        {
            ["Limits:SignIn:PerAccount:PermitLimit"] = $"{SignInsPerAccount}",
            ["Limits:SignIn:PerAccount:Window"] = "01:00:00",
            ["Limits:SignIn:PerAddress:PermitLimit"] = $"{SignInsPerAddress}",
            ["Limits:SignIn:PerAddress:Window"] = "01:00:00",
            ["Limits:Writes:PerAccount:PermitLimit"] = $"{WritesPerAccount}",
            ["Limits:Writes:PerAccount:Window"] = "01:00:00",
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

public sealed class LimitsTests(LimitedApp fixture) : IClassFixture<LimitedApp>
{
    private OpsHost Host => fixture.Host;

    [Fact]
    public async Task The_sign_in_after_the_limit_for_one_account_name_is_429_with_retry_after_and_names_the_limit()
    {
        for (var i = 0; i < LimitedApp.SignInsPerAccount; i++)
        {
            var tried = await TokenRequest("10.0.1.1", "Someone.Guessed");
            Assert.Equal(HttpStatusCode.Unauthorized, tried.StatusCode);
        }

        // The same account name however spelt, from another address: still that account's limit.
        var refused = await TokenRequest("10.0.1.2", "someone.guessed");
        await AssertRefused(refused, HttpStatusCode.TooManyRequests, RequestLimits.SignInPerAccount);
        // Another account is not held up by it.
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenRequest("10.0.1.2", "someone.else")).StatusCode);
    }

    [Fact]
    public async Task The_sign_in_after_the_limit_for_one_client_address_is_429_whatever_account_it_names()
    {
        for (var i = 0; i < LimitedApp.SignInsPerAddress; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenRequest("10.0.2.1", $"guess{i}")).StatusCode);
        }
        await AssertRefused(await TokenRequest("10.0.2.1", "one.more"), HttpStatusCode.TooManyRequests, RequestLimits.SignInPerAddress);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenRequest("10.0.2.2", "one.more")).StatusCode);
    }

    [Fact]
    public async Task The_sign_in_form_counts_against_the_same_limit()
    {
        for (var i = 0; i < LimitedApp.SignInsPerAccount; i++)
        {
            var posted = await Post("10.0.3.1", SecurityModule.SignInPath, Form("form.user"));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, posted.StatusCode);
        }
        var refused = await Post("10.0.3.2", SecurityModule.SignInPath, Form("FORM.USER"));
        await AssertRefused(refused, HttpStatusCode.TooManyRequests, RequestLimits.SignInPerAccount);
        // Opening the page is no attempt.
        Assert.Equal(HttpStatusCode.OK, (await Get("10.0.3.2", SecurityModule.SignInPath)).StatusCode);
    }

    [Fact]
    public async Task Writes_after_the_limit_of_one_account_are_429_while_reads_and_other_accounts_go_on()
    {
        var token = await Host.TokenFor(await Host.CreateAccount(Role.Headquarters));
        for (var i = 0; i < LimitedApp.WritesPerAccount; i++)
        {
            // Refused by validation, but a write all the same.
            var write = await Post("10.0.4.1", "/api/v1/places", Json(new { }), token);
            Assert.Equal(HttpStatusCode.BadRequest, write.StatusCode);
        }
        await AssertRefused(await Post("10.0.4.1", "/api/v1/places", Json(new { }), token), HttpStatusCode.TooManyRequests, RequestLimits.WritesPerAccount);
        Assert.Equal(HttpStatusCode.OK, (await Get("10.0.4.1", "/api/v1/me", token)).StatusCode);

        var other = await Host.TokenFor(await Host.CreateAccount(Role.Headquarters));
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("10.0.4.1", "/api/v1/places", Json(new { }), other)).StatusCode);
    }

    [Fact]
    public async Task Gate_scans_do_not_count_against_the_write_limit()
    {
        var guard = await Host.TokenFor(await Host.CreateAccount(Role.CheckpointGuard));
        for (var i = 0; i < LimitedApp.WritesPerAccount * 3; i++)
        {
            var scan = await Post("10.0.5.1", "/api/v1/gates/999999/scans", Json(new { }), guard);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, scan.StatusCode);
            Assert.NotEqual(HttpStatusCode.Unauthorized, scan.StatusCode);
        }
    }

    private Task<HttpResponseMessage> TokenRequest(string address, string userName) =>
        Post(address, "/api/v1/auth/token", Json(new { userName, password = "wrong-password-1" }));

    private async Task<HttpResponseMessage> Post(string address, string path, HttpContent body, string? bearer = null)
    {
        using var client = Host.ClientFrom(address, bearer);
        return await client.PostAsync(path, body, TestContext.Current.CancellationToken);
    }

    private async Task<HttpResponseMessage> Get(string address, string path, string? bearer = null)
    {
        using var client = Host.ClientFrom(address, bearer);
        return await client.GetAsync(path, TestContext.Current.CancellationToken);
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    // The sign-in page's form as a browser posts it (without the antiforgery token: the limit comes first).
    private static FormUrlEncodedContent Form(string userName) =>
        new(new Dictionary<string, string> { ["_handler"] = "signin", ["Input.UserName"] = userName, ["Input.Password"] = "wrong-password-1" });

    private static async Task AssertRefused(HttpResponseMessage refused, HttpStatusCode status, string limit)
    {
        Assert.Equal(status, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, $"Retry-After: '{refused.Headers.RetryAfter}'");
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(limit, problem.RootElement.GetProperty("limit").GetString());
    }
}
