using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace GreenGrid.Platform.Errors;

/// <summary>
/// The server takes no more of this kind of work now (a full queue): the request is refused at once,
/// nothing of it was done, and the client may send it again after <see cref="RetryAfter"/>.
/// Answered 503 with Retry-After by <see cref="ServerBusyExceptionHandler"/>.
/// </summary>
public sealed class ServerBusyException(string limit, TimeSpan retryAfter)
    : Exception($"The server is busy ({limit}); try again in {retryAfter.TotalSeconds:0.#} s.")
{
    /// <summary>The limit that is reached, as the answer names it.</summary>
    public string Limit { get; } = limit;

    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>
/// 503 with Retry-After and a ProblemDetails naming the limit, for a <see cref="ServerBusyException"/>, and for a
/// database that cannot be reached now (PostgreSQL down, restarting or refusing connections): such a request
/// failed without effect or with an effect the client's retry finds (every hot write is idempotent), so the
/// honest answer is "try again shortly", not 500 (docs/adr/0026-database-outage.md).
/// </summary>
internal sealed class ServerBusyExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    /// <summary>How the answer names an unreachable database.</summary>
    public const string DatabaseUnavailable = "database-unavailable";

    private static readonly TimeSpan DatabaseRetryAfter = TimeSpan.FromSeconds(2);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var busy = exception as ServerBusyException ?? (IsDatabaseUnavailable(exception) ? new ServerBusyException(DatabaseUnavailable, DatabaseRetryAfter) : null);
        if (busy is null)
        {
            return false;
        }
        var seconds = Math.Max(1, (long)Math.Ceiling(busy.RetryAfter.TotalSeconds));
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The server is busy.",
                Detail = busy.Limit == DatabaseUnavailable
                    ? $"The database cannot be reached now; try again in {seconds} s (a write sent again with the same key is recorded once)."
                    : $"The limit {busy.Limit} is reached; nothing was done; try again in {seconds} s.",
                Extensions = { ["limit"] = busy.Limit },
            },
        });
    }

    /// <summary>A transient Npgsql failure anywhere in the chain (EF wraps a failed save in a DbUpdateException).</summary>
    internal static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.NpgsqlException { IsTransient: true })
            {
                return true;
            }
        }
        return false;
    }
}
