using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GreenGrid.Platform;

/// <summary>Tells whoever started GreenGrid where to open it, once the server listens.</summary>
public static class StartupBanner
{
    public static WebApplication PrintAddressesOnStart(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                Console.WriteLine();
                Console.WriteLine($"  GreenGrid is running at {address}/");
                Console.WriteLine($"  Place tree:    {address}/places");
                Console.WriteLine($"  API reference: {address}/api-reference");
            }
            Console.WriteLine();
        });
        return app;
    }
}
