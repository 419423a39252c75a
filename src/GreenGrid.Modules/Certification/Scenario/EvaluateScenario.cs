using GreenGrid.Platform.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenGrid.Certification.Scenario;

/// <summary>
/// <c>POST /api/v1/certification/evaluate</c>: a scenario in the body, the engine's answer out.
/// It reads no database and no place of the tree: the scenario is the caller's own data, so there
/// is no jurisdiction to check beyond the permission.
/// </summary>
internal static class EvaluateScenario
{
    public static void Map(RouteGroupBuilder certification) =>
        certification.MapPost("/evaluate", Handle).WithName("EvaluateCertificationScenario")
            .Accepts<ScenarioRequest>("application/json")
            .WithSummary("Evaluate the certification standard for a scenario (places, people, events, controls) as of a day, with the reasons for each place.");

    private static async Task<Results<Ok<ScenarioAnswer>, ValidationProblem, ProblemHttpResult>> Handle(HttpRequest request, CancellationToken ct)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = ScenarioJson.MaxBytes;
        }
        if (request.ContentLength > ScenarioJson.MaxBytes)
        {
            return TooLarge();
        }
        using var body = new MemoryStream();
        try
        {
            // Counted while it streams: a body without Content-Length cannot go past the limit either.
            var buffer = new byte[81920];
            int read;
            while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
            {
                if (body.Length + read > ScenarioJson.MaxBytes)
                {
                    return TooLarge();
                }
                body.Write(buffer, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        if (body.Length == 0)
        {
            return Problems.Invalid("body", CertificationMessages.ScenarioRequired);
        }
        var errors = new ValidationErrors();
        var answer = ScenarioEvaluator.Evaluate(body.GetBuffer().AsSpan(0, (int)body.Length), errors);
        return answer is null ? Problems.Invalid(errors) : TypedResults.Ok(answer);
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            ["body"] = [$"is larger than the {ScenarioJson.MaxBytes / (1024 * 1024)} MB a scenario may have: evaluate a smaller area"],
        })
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Title = "The scenario is too large.",
            Detail = $"body: is larger than the {ScenarioJson.MaxBytes / (1024 * 1024)} MB a scenario may have",
        });
}
