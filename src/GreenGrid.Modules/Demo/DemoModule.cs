using GreenGrid.Places;
using System.Diagnostics;
using GreenGrid.Accounts;
using GreenGrid.Certification;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GreenGrid.Demo;

/// <summary>
/// A step of the demo's first start that runs after the simulated outbreak is loaded (see
/// <c>DemoModule.AfterOutbreakAsync</c>), e.g. the certification workflow seeding its assessments.
/// </summary>
public interface IDemoStep
{
    string Name { get; }

    /// <param name="standsOn">The day the demo stands on: the outbreak's events go up to it, and so may the step's.</param>
    Task RunAsync(IServiceProvider services, DateOnly standsOn, CancellationToken ct);
}

/// <summary>The certification history of the demo city, seeded through the certification module's contract.</summary>
internal sealed class CertificationHistoryStep : IDemoStep
{
    public string Name => "certification history";

    public Task RunAsync(IServiceProvider services, DateOnly standsOn, CancellationToken ct) => CertificationDemo.SeedAsync(services, standsOn, ct);
}

/// <summary>The demo city: a Wuchang-shaped district generated from a seed, with a simulated outbreak, loaded on first start.</summary>
public static class DemoModule
{
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection(DemoOptions.Section));
        builder.Services.AddSingleton<IDemoStep, CertificationHistoryStep>();
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
        if (!options.Load || await db.Places().AnyAsync(ct))
        {
            PrintDemoAccounts(await DemoAccounts.Describe(app.Services, ct));
            return;
        }
        var connection = app.Services.GetRequiredService<DatabaseConnection>();
        logger.LogInformation("Empty database: loading the {Size} demo city (seed {Seed})", options.Size, options.Seed);
        var started = Stopwatch.GetTimestamp();
        // The history runs up to the city's today: Demo:StandsOn under the demo clock, the fake clock's day in tests.
        var standsOn = app.Services.GetRequiredService<CityClock>().Today;
        var counts = await DemoCityLoader.LoadAsync(connection, options.Size, options.Seed, standsOn, new ConsoleProgress(logger), ct);
        logger.LogInformation("Demo city loaded in {Seconds:F1} s: {Places:N0} places, {Grids:N0} grids, {Households:N0} households, {Residents:N0} residents, {Events:N0} case events up to {StandsOn:yyyy-MM-dd}",
            Stopwatch.GetElapsedTime(started).TotalSeconds, counts.Places, counts.Grids, counts.Households, counts.Residents, counts.CaseEvents, standsOn);
        await DemoAccounts.CreateAsync(app.Services, app.Services.GetRequiredService<TimeProvider>(), ct);
        await AfterOutbreakAsync(app.Services, standsOn, logger, ct);
        PrintDemoAccounts(await DemoAccounts.Describe(app.Services, ct));
    }

    /// <summary>
    /// The demo's steps after the outbreak history: run once, on the first start that loaded the demo
    /// city, after its case events are committed and the demo accounts exist, each step in its own
    /// transactions (not the load's). <see cref="AddDemo"/> registers them (the demo uses the modules, not the
    /// reverse); they run in registration order. The certification workflow's (CertificationDemo.SeedAsync:
    /// certified, suspended and revoked compounds as of <paramref name="standsOn"/>) goes here.
    /// </summary>
    private static async Task AfterOutbreakAsync(IServiceProvider services, DateOnly standsOn, ILogger logger, CancellationToken ct)
    {
        foreach (var step in services.GetServices<IDemoStep>())
        {
            var started = Stopwatch.GetTimestamp();
            await step.RunAsync(services, standsOn, ct);
            logger.LogInformation("Demo step {Step} done in {Seconds:F1} s", step.Name, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
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
