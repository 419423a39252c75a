using System.Diagnostics;
using GreenGrid.Accounts;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GreenGrid.Demo;

/// <summary>The demo city: a Wuchang-shaped district generated from a seed, loaded on first start.</summary>
public static class DemoModule
{
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection(DemoOptions.Section));
        var demo = builder.Configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions();
        if (demo.Load && demo.StandsOn is { } day)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(builder.Configuration[$"{CityOptions.Section}:TimeZone"] ?? new CityOptions().TimeZone);
            builder.Services.AddSingleton<TimeProvider>(new ShiftedTimeProvider(TimeProvider.System, ShiftedTimeProvider.To(day, TimeProvider.System, zone)));
        }
        return builder;
    }

    /// <summary>
    /// Migrates the database and, when it holds no place yet and the demo is on, loads the demo city,
    /// reporting progress on the console. Runs before the server listens, so the first page has data.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken ct = default)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("GreenGrid.Demo");
        await DatabaseSetup.MigrateAsync(app.Services, ct);

        var options = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        if (!options.Load || await db.Places.AnyAsync(ct))
        {
            PrintDemoAccounts(await DemoAccounts.Describe(app.Services, ct));
            return;
        }
        var connection = app.Services.GetRequiredService<DatabaseConnection>();
        logger.LogInformation("Empty database: loading the {Size} demo city (seed {Seed})", options.Size, options.Seed);
        var started = Stopwatch.GetTimestamp();
        var counts = await DemoCityLoader.LoadAsync(connection, options.Size, options.Seed, new ConsoleProgress(logger), ct);
        logger.LogInformation("Demo city loaded in {Seconds:F1} s: {Places:N0} places, {Grids:N0} grids, {Households:N0} households, {Residents:N0} residents",
            Stopwatch.GetElapsedTime(started).TotalSeconds, counts.Places, counts.Grids, counts.Households, counts.Residents);
        await DemoAccounts.CreateAsync(app.Services, app.Services.GetRequiredService<TimeProvider>(), ct);
        PrintDemoAccounts(await DemoAccounts.Describe(app.Services, ct));
    }

    private static void PrintDemoAccounts(IReadOnlyList<string> accounts)
    {
        if (accounts.Count == 0)
        {
            return;
        }
        Console.WriteLine();
        Console.WriteLine($"  Demo accounts (password for all: {DemoAccounts.Password}):");
        foreach (var line in accounts)
        {
            Console.WriteLine($"    {line}");
        }
    }
}
