using System.Globalization;
using GreenGrid.Platform.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenGrid.Platform.Errors;

/// <summary>
/// The one error vocabulary of the API, always as RFC 9457 ProblemDetails:
/// 400 for bad input (<c>errors</c> names each field), 404 for what does not exist
/// or lies outside the caller's reach, 409 for a request that the current state forbids.
/// Texts are in the caller's UI culture; the codes beside them are stable: <c>codes</c>
/// (field → codes, in the order of <c>errors</c>) and, for 404 and 409, a top-level <c>code</c>.
/// </summary>
public static class Problems
{
    public const string CodesExtension = "codes";
    public const string CodeExtension = "code";

    public static ValidationProblem Invalid(ValidationErrors errors)
    {
        var culture = CultureInfo.CurrentUICulture;
        return TypedResults.ValidationProblem(errors.Texts(culture), title: PlatformMessages.InvalidTitle.Text(culture),
            extensions: new Dictionary<string, object?> { [CodesExtension] = errors.Codes() });
    }

    public static ValidationProblem Invalid(string field, Message reason) => Invalid(new ValidationErrors().Add(field, reason));

    /// <summary>Transitional: a reason not yet given its own code (see <see cref="PlatformMessages.Untranslated"/>).</summary>
    public static ValidationProblem Invalid(string field, string reason) => Invalid(field, PlatformMessages.Untranslated(reason));

    /// <summary>Transitional: "{what} {id} does not exist." not yet given its own code.</summary>
    public static ProblemHttpResult NotFound(string what, object id) => NotFound(PlatformMessages.Untranslated($"{what} {id} does not exist"));

    /// <summary>Transitional: a reason not yet given its own code.</summary>
    public static ProblemHttpResult Conflict(string field, string reason) => Conflict(field, PlatformMessages.Untranslated(reason));

    /// <summary>404: <paramref name="notFound"/> says what does not exist ("place 7 does not exist").</summary>
    public static ProblemHttpResult NotFound(Message notFound)
    {
        var culture = CultureInfo.CurrentUICulture;
        return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: PlatformMessages.NotFoundTitle.Text(culture),
            detail: notFound.Text(culture) + FullStop(culture),
            extensions: new Dictionary<string, object?> { [CodeExtension] = notFound.Code });
    }

    public static ProblemHttpResult Conflict(string field, Message reason)
    {
        var culture = CultureInfo.CurrentUICulture;
        var text = reason.Text(culture);
        return TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [text] })
        {
            Status = StatusCodes.Status409Conflict,
            Title = PlatformMessages.ConflictTitle.Text(culture),
            Detail = $"{field}: {text}",
            Extensions =
            {
                [CodeExtension] = reason.Code,
                [CodesExtension] = new Dictionary<string, string[]> { [field] = [reason.Code] },
            },
        });
    }

    private static string FullStop(CultureInfo culture) => Languages.IsChinese(culture) ? "。" : ".";
}
