using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace GreenGrid.Platform.Errors;

/// <summary>
/// Turns a body that cannot be read (malformed JSON, a wrong type, an unknown enum value) into a
/// ProblemDetails that names the field, instead of an empty 400. Endpoints throw on bad requests
/// (RouteHandlerOptions.ThrowOnBadRequest) so that this handler sees them.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }
        var json = FindJsonException(badRequest);
        var field = json is null ? "body" : FieldOf(json.Path);
        var reason = json is null ? PlatformMessages.Unreadable(badRequest.Message)
            : json.Path is null or "$" ? PlatformMessages.NotJsonObject
            : ExpectedValue(json.Message, json.Path);
        // This handler runs outside the localisation middleware: the request's culture is on its feature.
        var culture = httpContext.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture;
        var text = reason.Text(culture);
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [text] })
            {
                Status = badRequest.StatusCode,
                Title = PlatformMessages.UnreadableTitle.Text(culture),
                Detail = $"{field}: {text}",
                Extensions = { [Problems.CodesExtension] = new Dictionary<string, string[]> { [field] = [reason.Code] } },
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

    /// <summary>
    /// What the field should have held. System.Text.Json names the type it was reading
    /// ("could not be converted to GreenGrid.Places.CreatePlace.CreatePlaceRequest. Path: $.kind"),
    /// which for a property inside a record is the record: follow the path to the property's type.
    /// </summary>
    private static Message ExpectedValue(string message, string path)
    {
        var match = ConvertedTo().Match(message);
        var type = match.Success ? FindType(match.Groups["type"].Value.TrimEnd('.')) : null;
        foreach (var segment in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Split('[')[0];
            var property = type?.GetProperties().FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                break;
            }
            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (segment.Contains('[') && type.IsArray)
            {
                type = type.GetElementType();
            }
        }
        return Describe(type);
    }

    private static Message Describe(Type? type) => type switch
    {
        { IsEnum: true } => PlatformMessages.OneOf(Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName)),
        _ when type == typeof(bool) => PlatformMessages.MustBeBoolean,
        _ when type == typeof(string) => PlatformMessages.MustBeText,
        _ when type == typeof(DateOnly) => PlatformMessages.MustBeDate,
        _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => PlatformMessages.MustBeDateTime,
        _ when type is not null && (type.IsPrimitive || type == typeof(decimal)) => PlatformMessages.MustBeNumber,
        _ when type is not null && type.IsArray => PlatformMessages.MustBeList,
        _ => PlatformMessages.WrongType,
    };

    private static Type? FindType(string fullName) =>
        AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(fullName, throwOnError: false)).FirstOrDefault(t => t is not null);

    [System.Text.RegularExpressions.GeneratedRegex(@"converted to (?<type>[\w.+`]+)")]
    private static partial System.Text.RegularExpressions.Regex ConvertedTo();

    /// <summary>"$.parentId" becomes "parentId"; "$" (the whole body) becomes "body".</summary>
    private static string FieldOf(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "body" : jsonPath.TrimStart('$', '.');
}
