using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using GreenGrid.Demo;
using GreenGrid.Places;
using GreenGrid.Platform.Security;
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

    /// <summary>The database commands of requests that ask to be recorded (<see cref="CommandLog.Header"/>).</summary>
    public CommandLog Commands => Services.GetRequiredService<CommandLog>();

    /// <summary>Where this application keeps uploaded import files (a temporary folder of its own).</summary>
    public string ImportFolder { get; } = Path.Combine(Path.GetTempPath(), $"greengrid-imports-{Guid.NewGuid():N}");

    /// <summary>The city that tests build under (unless they load the demo city).</summary>
    public Place TestCity { get; private set; } = null!;

    /// <summary>A client signed in as headquarters of <see cref="TestCity"/>: it may read and edit all of it.</summary>
    public HttpClient Hq { get; private set; } = null!;

    /// <summary>A client signed in as an administrator of <see cref="TestCity"/>.</summary>
    public HttpClient Admin { get; private set; } = null!;

    /// <param name="demo">Load the demo city of that size, or start with only <see cref="TestCity"/>.</param>
    public static async Task<GreenGridApp> StartAsync(DatabaseProvider provider, DemoSize? demo = null)
    {
        var app = new GreenGridApp(await TestDatabase.CreateAsync(provider), demo);
        _ = app.Server; // start now: migrations and the demo load run here, not inside the first test
        app.TestCity = await app.CreateTestCity();
        app.Hq = await app.ClientAs(Role.Headquarters, app.TestCity.Id);
        app.Admin = await app.ClientAs(Role.Administrator, app.TestCity.Id);
        return app;
    }

    private async Task<Place> CreateTestCity()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var city = new Place { Kind = PlaceKind.City, Code = "TESTCITY", NameZh = "测试市", NameEn = "Test City", Path = "/pending/" };
        db.Places().Add(city);
        await db.SaveChangesAsync();
        city.Path = PlacePath.Root(city.Id);
        await db.SaveChangesAsync();
        return city;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", _database.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", _database.ConnectionString);
        builder.UseSetting("Demo:Load", (_demo is not null).ToString());
        builder.UseSetting("Demo:Size", (_demo ?? DemoSize.Tiny).ToString());
        builder.UseSetting("Register:ImportFolder", ImportFolder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // Test-only: the commands that requests marked for it send (see CommandLog).
            services.AddHttpContextAccessor();
            services.AddSingleton<CommandLog>();
            services.AddAppDbInterceptor(provider => provider.GetRequiredService<CommandLog>());
        });
    }

    public override async ValueTask DisposeAsync()
    {
        Hq?.Dispose();
        Admin?.Dispose();
        await base.DisposeAsync();
        await _database.DisposeAsync();
        try
        {
            if (Directory.Exists(ImportFolder))
            {
                Directory.Delete(ImportFolder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still being written or removed elsewhere: left to the OS's temp cleanup, as TestDatabase does.
        }
    }

    /// <summary>GET as headquarters of the test city.</summary>
    public async Task<T> GetJson<T>(string url) => (await Hq.GetFromJsonAsync<T>(url, Json, TestContext.Current.CancellationToken))!;
}
