using System.Net.Http.Headers;
using System.Net.Http.Json;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Support;

/// <summary>Accounts for tests, and HTTP clients that call the API with their bearer tokens.</summary>
public static class TestAccounts
{
    public const string Password = "test-password-1";
    private static int _next;

    /// <summary>Creates an account with the role and jurisdictions (or household) straight in the database.</summary>
    public static async Task<Account> Create(this GreenGridApp app, Role role, long[] jurisdictionIds, long? householdId = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var account = new Account
        {
            UserName = $"{role.ToString().ToLowerInvariant()}{Interlocked.Increment(ref _next)}",
            DisplayName = $"Test {role}",
            Role = role,
            HouseholdId = householdId,
        };
        var result = await users.CreateAsync(account, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        db.AccountJurisdictions.AddRange(jurisdictionIds.Select(id => new AccountJurisdiction { AccountId = account.Id, PlaceId = id }));
        await db.SaveChangesAsync();
        return account;
    }

    /// <summary>A client signed in as a new account of the role, through the real token endpoint.</summary>
    public static async Task<HttpClient> ClientAs(this GreenGridApp app, Role role, params long[] jurisdictionIds)
    {
        var account = await app.Create(role, jurisdictionIds);
        return await app.ClientFor(account.UserName!);
    }

    public static async Task<HttpClient> ClientFor(this GreenGridApp app, string userName, string password = Password)
    {
        var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    private sealed record TokenResponse(string AccessToken, string RefreshToken, long ExpiresIn);
}
