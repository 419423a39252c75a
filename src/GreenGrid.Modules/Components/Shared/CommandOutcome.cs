using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenGrid.Components.Shared;

/// <summary>
/// What a page makes of a command's answer (the typed result of a use case's handler): the value,
/// or the reasons per field (the server's JSON field names, e.g. "idNumber"). What else the answer
/// carries (the ProblemDetails' extensions) is kept for the module that knows what it means.
/// </summary>
public sealed record CommandOutcome<T>(T? Value, IReadOnlyDictionary<string, string[]> Errors, IReadOnlyDictionary<string, object?> Extensions)
    where T : class
{
    public bool Succeeded => Value is not null;

    /// <summary>The first reason given for a field, for the line under it; null when the field is fine.</summary>
    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var reasons) && reasons.Length > 0 ? string.Join(" ", reasons) : null;

    /// <summary>Reasons for fields a form does not show (a missing record, a conflict on the whole request).</summary>
    public IEnumerable<string> OtherErrors(IEnumerable<string> shownFields) =>
        Errors.Where(e => !shownFields.Contains(e.Key)).SelectMany(e => e.Value.Select(reason => e.Key.Length == 0 ? reason : $"{e.Key}: {reason}"));

    public static CommandOutcome<T> None { get; } = new(null, new Dictionary<string, string[]>(), new Dictionary<string, object?>());
}

public static class CommandOutcome
{
    /// <summary>Turns a typed result of a handler (its <c>.Result</c>) into a <see cref="CommandOutcome{T}"/>.</summary>
    public static CommandOutcome<T> Of<T>(IResult result) where T : class => result switch
    {
        IValueHttpResult<T> { Value: { } value } => new(value, new Dictionary<string, string[]>(), new Dictionary<string, object?>()),
        ValidationProblem invalid => new(null, invalid.ProblemDetails.Errors.AsReadOnly(), new Dictionary<string, object?>()),
        ProblemHttpResult problem => new(null,
            problem.ProblemDetails is HttpValidationProblemDetails { Errors.Count: > 0 } details
                ? details.Errors.AsReadOnly()
                : new Dictionary<string, string[]> { [""] = [problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "error"] },
            problem.ProblemDetails.Extensions.AsReadOnly()),
        _ => throw new InvalidOperationException($"unexpected answer {result.GetType().Name}"),
    };
}
