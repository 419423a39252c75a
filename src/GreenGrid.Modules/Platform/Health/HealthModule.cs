using GreenGrid.Platform.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace GreenGrid.Platform.Health;

/// <summary>What the readiness check allows (configuration section <c>Health</c>).</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>Not ready when a request has waited longer than this for the group commit (the writer is stuck).</summary>
    public TimeSpan GroupCommitMaxWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A check that takes longer counts as failed (a database that does not answer is not ready).</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// <c>/health/live</c>: the process answers (no check runs). <c>/health/ready</c>: the database is
/// reachable and fully migrated, the background services have started and none has failed, and the
/// group commit moves. Both are open to anyone and answer only <c>Healthy</c> or <c>Unhealthy</c>
/// (200 or 503): no names, no exceptions, no versions (docs/adr/0018-operations.md).
/// </summary>
public static class HealthModule
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private const string Ready = "ready";

    internal static IServiceCollection AddHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<HealthOptions>(configuration.GetSection(HealthOptions.Section));
        services.AddHealthChecks()
            .AddDbContextCheck<AppDb>("database", tags: [Ready], customTestQuery: IsMigrated)
            .AddCheck<BackgroundServicesCheck>("background services", tags: [Ready])
            .AddCheck<GroupCommitCheck>("group commit", tags: [Ready]);
        services.AddOptions<HealthCheckServiceOptions>().Configure<IOptions<HealthOptions>>((checks, health) =>
        {
            foreach (var registration in checks.Registrations)
            {
                registration.Timeout = health.Value.CheckTimeout;
            }
        });
        return services;
    }

    internal static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) }).AllowAnonymous();
        return app;
    }

    // Reachable (the query runs) and migrated: a database behind the code is not ready for it.
    private static async Task<bool> IsMigrated(AppDb db, CancellationToken ct) =>
        !(await db.Database.GetPendingMigrationsAsync(ct)).Any();
}

/// <summary>
/// The host has started every hosted service, is not stopping, and no background service has failed.
/// A background service that finished its work (a start-up re-check) is fine.
/// </summary>
internal sealed class BackgroundServicesCheck(IHostApplicationLifetime lifetime, IEnumerable<IHostedService> hosted) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the host has not started its services yet"));
        }
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the host is stopping"));
        }
        var failed = hosted.OfType<BackgroundService>().Where(service => service.ExecuteTask is null or { IsFaulted: true }).ToList();
        return Task.FromResult(failed.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"not running: {string.Join(", ", failed.Select(s => s.GetType().Name))}"));
    }
}

/// <summary>The group commit's writer runs and no request has waited for it longer than <see cref="HealthOptions.GroupCommitMaxWait"/>.</summary>
internal sealed class GroupCommitCheck(GroupCommit commits, IOptions<HealthOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var wait = commits.LongestWait;
        return Task.FromResult(
            !commits.IsWriting ? HealthCheckResult.Unhealthy("the writer thread has ended")
            : wait > options.Value.GroupCommitMaxWait ? HealthCheckResult.Unhealthy($"a request has waited {wait.TotalSeconds:0.#} s ({commits.Queued} queued)")
            : HealthCheckResult.Healthy());
    }
}
