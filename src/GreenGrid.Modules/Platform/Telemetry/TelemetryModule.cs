using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace GreenGrid.Platform.Telemetry;

/// <summary>What telemetry exposes (configuration section <c>Telemetry</c>); OTLP follows the standard <c>OTEL_*</c> variables.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Serve the metrics for Prometheus to scrape, open to anyone (turn off where the port is public).</summary>
    public bool PrometheusEnabled { get; set; } = true;

    public string PrometheusPath { get; set; } = "/metrics";
}

/// <summary>
/// OpenTelemetry traces, metrics and logs (the README's "Telemetry" lists the key metrics):
/// HTTP (ASP.NET Core), the database (EF Core's commands, Npgsql's pool and commands) and the project's own meters,
/// every one named <c>GreenGrid.*</c> (group commit, case events, imports, certification re-evaluations). Exported over
/// OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and on a Prometheus scrape endpoint unless turned off.
/// Console logs carry the trace and span ids of the request they were written in.
/// </summary>
public static class TelemetryModule
{
    /// <summary>The prefix of every meter and activity source of the project.</summary>
    public const string Prefix = "GreenGrid.";

    internal static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.Configure<TelemetryOptions>(builder.Configuration.GetSection(TelemetryOptions.Section));
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("GreenGrid"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments(options.PrometheusPath))
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource("Npgsql")
                .AddSource(Prefix + "*"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddMeter("Microsoft.EntityFrameworkCore", "Npgsql", Prefix + "*");
                if (options.PrometheusEnabled)
                {
                    // Measured at each scrape; no cached answer, so two scrapes a moment apart tell what happened between them.
                    metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                }
            })
            .WithLogging(logging => { }, logging => logging.IncludeScopes = true);
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
        // The host already puts TraceId/SpanId in each log's scope; the console shows them only with scopes on.
        builder.Logging.AddSimpleConsole(console => console.IncludeScopes = true);
        return builder;
    }

    internal static IEndpointRouteBuilder MapTelemetry(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value;
        if (options.PrometheusEnabled)
        {
            app.MapPrometheusScrapingEndpoint(options.PrometheusPath).AllowAnonymous();
        }
        return app;
    }
}
