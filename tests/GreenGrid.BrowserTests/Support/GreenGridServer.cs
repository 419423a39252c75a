using System.Net;
using GreenGrid.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.BrowserTests.Support;

/// <summary>
/// The real application on Kestrel on a free loopback port (a browser cannot reach the in-memory
/// test server), on a fresh SQLite file with the Tiny demo city.
/// </summary>
internal sealed class GreenGridServer : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("greengrid-browser-").FullName;

    public GreenGridServer() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    /// <summary>Where the browser finds the server, e.g. <c>http://127.0.0.1:41234</c>, without a trailing slash.</summary>
    public string BaseUrl { get; private set; } = "";

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseUrl = addresses.First().TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development serves the static assets of the referenced libraries (MudBlazor) from the
        // NuGet cache, as `dotnet run` does; other environments expect a published layout.
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(_folder, "browser.db")};Pooling=False");
        builder.UseSetting("Demo:Load", "true");
        builder.UseSetting("Demo:Size", nameof(DemoSize.Tiny));
        builder.UseSetting("Register:ImportFolder", Path.Combine(_folder, "imports"));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the OS's temp cleanup.
        }
    }
}
