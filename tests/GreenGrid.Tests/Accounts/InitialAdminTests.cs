using System.Net;
using System.Net.Http.Json;
using GreenGrid.Platform.Data;
using GreenGrid.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GreenGrid.Tests.Accounts;

public sealed class InitialAdminTests
{
    [Fact]
    public async Task A_deployment_without_the_demo_gets_its_first_administrator_from_configuration()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting("Database:Provider", "Sqlite");
            web.UseSetting("Database:ConnectionString", database.ConnectionString);
            web.UseSetting("Demo:Load", "false");
            web.UseSetting("Accounts:InitialAdminPassword", "first-admin-pass-1");
        });
        using var client = app.CreateClient();
        var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = "first-admin-pass-1" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var wrong = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "worker.tanhualin", password = "greengrid2020" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }
}
