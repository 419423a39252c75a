using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using GreenGrid.Demo;
using GreenGrid.Platform.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GreenGrid.Tests.Support;

/// <summary>
/// The whole application on its real HTTP pipeline (in-memory server), on a fresh database of the
/// given provider. The clock is a <see cref="FakeTimeProvider"/> that tests move by hand.
/// </summary>
public sealed class GreenGridApp : WebApplicationFactory<Program>
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly TestDatabase _database;
    private readonly DemoSize? _demo;

    private GreenGridApp(TestDatabase database, DemoSize? demo)
    {
        _database = database;
        _demo = demo;
    }

    /// <summary>10:00 in Wuhan on the day of the seed's inspection.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2020, 2, 28, 2, 0, 0, TimeSpan.Zero));

    public DatabaseProvider Provider => _database.Provider;

    /// <param name="demo">Load the demo city of that size, or start empty.</param>
    public static async Task<GreenGridApp> StartAsync(DatabaseProvider provider, DemoSize? demo = null)
    {
        var app = new GreenGridApp(await TestDatabase.CreateAsync(provider), demo);
        _ = app.Server; // start now: migrations and the demo load run here, not inside the first test
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", _database.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", _database.ConnectionString);
        builder.UseSetting("Demo:Load", (_demo is not null).ToString());
        builder.UseSetting("Demo:Size", (_demo ?? DemoSize.Tiny).ToString());
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    public async Task<T> GetJson<T>(string url)
    {
        using var client = CreateClient();
        return (await client.GetFromJsonAsync<T>(url, Json))!;
    }
}
