using System.Globalization;
using System.Text.Json.Serialization;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Health;
using GreenGrid.Platform.Limits;
using GreenGrid.Platform.Localization;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Telemetry;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Platform;

/// <summary>What every module stands on: the database, the clock, errors, JSON and languages; health and limits.</summary>
public static class PlatformModule
{
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAppDb(builder.Configuration, builder.Environment);

        services.AddSingleton(TimeProvider.System);
        services.Configure<CityOptions>(builder.Configuration.GetSection(CityOptions.Section));
        services.AddSingleton<CityClock>();

        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<ServerBusyExceptionHandler>();
        // Minimal APIs throw on unreadable bodies so that BadRequestExceptionHandler can name the field.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false)));

        services.AddLocalization();
        builder.AddSecurity();
        services.AddRequestLimits(builder.Configuration);
        services.AddHealth(builder.Configuration);
        builder.AddTelemetry();
        services.AddScoped<AuditSearch>();
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLocalization(Languages.RequestLocalization());
        app.UseSecurity();
        return app;
    }

    /// <summary>The platform's own endpoints: the audit log, health, metrics.</summary>
    public static IEndpointRouteBuilder MapPlatform(this IEndpointRouteBuilder app)
    {
        app.MapHealth();
        app.MapTelemetry();
        AuditEndpoints.Map(app.MapGroup("/api/v1/audit").WithTags("Audit").RequirePermission(Permissions.AuditRead));
        // The trivial endpoint: readiness for scripts and tests that start the server, the baseline of the HTTP benchmarks.
        app.MapGet("/api/v1/ping", () => TypedResults.Text("pong")).AllowAnonymous().WithTags("Platform").WithSummary("Answers 'pong' once the server takes requests.");
        return app;
    }
}
