using System.Net.Http.Headers;
using System.Net.Http.Json;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Platform;

/// <summary>
/// The application on a database the test owns, with settings of the test's own (limits to reach in a
/// few requests, two instances on one database): what <see cref="GreenGridApp"/> does not offer.
/// </summary>
public sealed class OpsHost(DatabaseProvider provider, string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    private readonly string _importFolder = Path.Combine(Path.GetTempPath(), $"greengrid-imports-{Guid.NewGuid():N}");

    public static OpsHost Start(DatabaseProvider provider, string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var host = new OpsHost(provider, connectionString, settings);
        _ = host.Server; // starts it: migrations run here
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", provider.ToString());
        builder.UseSetting("Database:ConnectionString", connectionString);
        builder.UseSetting("Demo:Load", "False");
        builder.UseSetting("Register:ImportFolder", _importFolder);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>An account of the role, created straight in the database.</summary>
    public async Task<string> CreateAccount(Role role)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = new Account { UserName = $"ops{Guid.NewGuid():N}"[..20], DisplayName = "Ops test", Role = role };
        var result = await users.CreateAsync(account, TestAccounts.Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return account.UserName!;
    }

    /// <summary>A bearer token of the account, from this instance's token endpoint.</summary>
    public async Task<string> TokenFor(string userName)
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = TestAccounts.Password }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Token>(TestContext.Current.CancellationToken))!.AccessToken;
    }

    public HttpClient ClientWith(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A client whose requests come from the given address (the in-memory server has none of its own).</summary>
    public HttpClient ClientFrom(string address, string? bearer = null)
    {
        var ip = System.Net.IPAddress.Parse(address);
        var client = new HttpClient(Server.CreateHandler(context => context.Connection.RemoteIpAddress = ip)) { BaseAddress = Server.BaseAddress };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            if (Directory.Exists(_importFolder))
            {
                Directory.Delete(_importFolder, recursive: true);
            }
        }
        catch (IOException)
        {
            // left to the OS's temp cleanup
        }
    }

    private sealed record Token(string AccessToken);
}
