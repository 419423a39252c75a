using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace GreenGrid.Platform.Errors;

/// <summary>
/// Turns a body that cannot be read (malformed JSON, a wrong type, an unknown enum value) into a
/// ProblemDetails that names the field, instead of an empty 400. Endpoints throw on bad requests
/// (RouteHandlerOptions.ThrowOnBadRequest) so that this handler sees them.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }
        var json = FindJsonException(badRequest);
        var field = json is null ? "body" : FieldOf(json.Path);
        var reason = json is null ? badRequest.Message : "is not valid JSON of the expected type";
        if (json is not null && json.Path is null or "$")
        {
            reason = "is not a valid JSON object";
        }
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [reason] })
            {
                Status = badRequest.StatusCode,
                Title = "The request body could not be read.",
                Detail = $"{field}: {reason}",
            },
        });
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return json;
            }
        }
        return null;
    }

    /// <summary>"$.parentId" becomes "parentId"; "$" (the whole body) becomes "body".</summary>
    private static string FieldOf(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "body" : jsonPath.TrimStart('$', '.');
}
