using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace GreenGrid.Platform.Limits;

/// <summary>
/// The request limits, on ASP.NET Core's rate limiter: sign-in attempts per account name and per client
/// address, and writes per account (docs/adr/0018-operations.md). One chained global limiter whose links
/// each pick the requests they count by the endpoint's metadata, so that a module only marks its sign-in
/// endpoints (<see cref="SignInLimits.RequireSignInLimits{TBuilder}"/>) and Platform knows no module's routes.
/// A refusal is 429 with Retry-After and a ProblemDetails whose <c>limit</c> names the limit.
/// </summary>
public static class RequestLimits
{
    public const string SignInPerAccount = "sign-in-per-account";
    public const string SignInPerAddress = "sign-in-per-address";
    public const string WritesPerAccount = "writes-per-account";

    internal static IServiceCollection AddRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LimitsOptions>(configuration.GetSection(LimitsOptions.Section));
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LimitsOptions>>((rate, options) =>
        {
            var limits = options.Value;
            var exempt = limits.Writes.Exempt;
            rate.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                Named(SignInPerAddress, limits.SignIn.PerAddress, context =>
                    IsSignInAttempt(context) ? context.Connection.RemoteIpAddress?.ToString() ?? "unknown" : null),
                Named(SignInPerAccount, limits.SignIn.PerAccount, SignInNames.Of),
                Named(WritesPerAccount, limits.Writes.PerAccount, context => WritingAccount(context, exempt)));
            rate.OnRejected = Reject;
        });
        return services;
    }

    /// <summary>After authentication (writes are counted per signed-in account), before authorization.</summary>
    internal static WebApplication UseRequestLimits(this WebApplication app)
    {
        // The account name of a sign-in attempt is in its body, which the limiter's partitioner (synchronous) cannot read.
        app.Use(async (context, next) =>
        {
            if (IsSignInAttempt(context))
            {
                await SignInNames.ReadAsync(context);
            }
            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    private static bool IsSignInAttempt(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.GetEndpoint()?.Metadata.GetMetadata<SignInLimitedAttribute>() is not null;

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static string? WritingAccount(HttpContext context, IReadOnlySet<string> exempt)
    {
        if (!IsWrite(context.Request.Method) || !context.Request.Path.StartsWithSegments("/api/v1")
            || context.User.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        if (context.GetEndpoint()?.Metadata.GetMetadata<PermissionRequirement>() is { } required && exempt.Contains(required.Permission))
        {
            return null;
        }
        return context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.User.Identity.Name;
    }

    /// <summary>A fixed-window limit per key; requests whose key is null are not counted by it.</summary>
    private static PartitionedRateLimiter<HttpContext> Named(string name, WindowLimit limit, Func<HttpContext, string?> key)
    {
        var inner = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            limit.IsOn && key(context) is { } k
                ? RateLimitPartition.GetFixedWindowLimiter(k, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit.PermitLimit,
                    Window = limit.Window,
                    QueueLimit = 0, // refused at once: a waiting request would hold its connection and memory
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter(string.Empty));
        return new NamedLimiter(new LimitName(name, limit.PermitLimit, limit.Window), inner);
    }

    private static async ValueTask Reject(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var limit = rejected.Lease.TryGetMetadata(NamedLimiter.Limit, out var named) ? named : null;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : limit?.Window ?? TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many requests.",
            Detail = limit is null
                ? $"Try again in {seconds} s."
                : $"The limit {limit.Name} ({limit.PermitLimit} per {limit.Window:c}) is reached; try again in {seconds} s.",
            Extensions = { ["limit"] = limit?.Name },
        };
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            await context.Response.WriteAsync(problem.Detail, ct);
        }
    }
}

/// <summary>A limit as its refusal names it.</summary>
internal sealed record LimitName(string Name, int PermitLimit, TimeSpan Window);

/// <summary>A limiter whose refusals carry the name of its limit (a chained limiter hands back the refusing link's lease).</summary>
internal sealed class NamedLimiter(LimitName name, PartitionedRateLimiter<HttpContext> inner) : PartitionedRateLimiter<HttpContext>
{
    public static readonly MetadataName<LimitName> Limit = new("GreenGrid.Limit");

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => inner.GetStatistics(resource);

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        Named(inner.AttemptAcquire(resource, permitCount));

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        Named(await inner.AcquireAsync(resource, permitCount, cancellationToken));

    private RateLimitLease Named(RateLimitLease lease) => lease.IsAcquired ? lease : new Refused(name, lease);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    protected override ValueTask DisposeAsyncCore() => inner.DisposeAsync();

    private sealed class Refused(LimitName name, RateLimitLease lease) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => lease.MetadataNames.Append(Limit.Name);

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (metadataName == Limit.Name)
            {
                metadata = name;
                return true;
            }
            return lease.TryGetMetadata(metadataName, out metadata);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                lease.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
