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

/// <summary>503 with Retry-After and a ProblemDetails naming the limit, for a <see cref="ServerBusyException"/>.</summary>
internal sealed class ServerBusyExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ServerBusyException busy)
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
                Detail = $"The limit {busy.Limit} is reached; nothing was done; try again in {seconds} s.",
                Extensions = { ["limit"] = busy.Limit },
            },
        });
    }
}
