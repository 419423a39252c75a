using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenGrid.Platform.Errors;

/// <summary>
/// The one error vocabulary of the API, always as RFC 9457 ProblemDetails:
/// 400 for bad input (<c>errors</c> names each field), 404 for what does not exist
/// or lies outside the caller's reach, 409 for a request that the current state forbids.
/// </summary>
public static class Problems
{
    public static ValidationProblem Invalid(ValidationErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request has invalid fields.");

    public static ValidationProblem Invalid(string field, string reason) => Invalid(new ValidationErrors().Add(field, reason));

    public static ProblemHttpResult NotFound(string what, object id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"{what} {id} does not exist.");

    public static ProblemHttpResult Conflict(string field, string reason) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [reason] })
        {
            Status = StatusCodes.Status409Conflict,
            Title = "The request conflicts with the current state.",
            Detail = $"{field}: {reason}",
        });
}
