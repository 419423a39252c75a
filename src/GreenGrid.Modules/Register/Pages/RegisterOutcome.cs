using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenGrid.Register.Pages;

/// <summary>
/// What a page makes of a register command's answer: the value, or the reasons per field (the
/// server's JSON field names, e.g. "idNumber"), and the people already registered when the answer
/// is "may already be on the register".
/// </summary>
public sealed record RegisterOutcome<T>(T? Value, IReadOnlyDictionary<string, string[]> Errors, IReadOnlyList<DuplicateView> Duplicates)
    where T : class
{
    public bool Succeeded => Value is not null;

    /// <summary>The first reason given for a field, for the line under it; null when the field is fine.</summary>
    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var reasons) && reasons.Length > 0 ? string.Join(" ", reasons) : null;

    /// <summary>Reasons for fields a form does not show (a missing record, a conflict on the whole request).</summary>
    public IEnumerable<string> OtherErrors(IEnumerable<string> shownFields) =>
        Errors.Where(e => !shownFields.Contains(e.Key)).SelectMany(e => e.Value.Select(reason => e.Key.Length == 0 ? reason : $"{e.Key}: {reason}"));

    public static RegisterOutcome<T> None { get; } = new(null, new Dictionary<string, string[]>(), []);
}

public static class RegisterOutcome
{
    /// <summary>Turns a typed result of <c>RegisterEditor</c> or <c>ResidentMerges</c> (its <c>.Result</c>) into a <see cref="RegisterOutcome{T}"/>.</summary>
    public static RegisterOutcome<T> Of<T>(IResult result) where T : class => result switch
    {
        IValueHttpResult<T> { Value: { } value } => new(value, new Dictionary<string, string[]>(), []),
        ValidationProblem invalid => new(null, invalid.ProblemDetails.Errors.AsReadOnly(), []),
        ProblemHttpResult problem => new(null,
            problem.ProblemDetails is HttpValidationProblemDetails { Errors.Count: > 0 } details
                ? details.Errors.AsReadOnly()
                : new Dictionary<string, string[]> { [""] = [problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "error"] },
            problem.ProblemDetails.Extensions.TryGetValue("duplicates", out var found) && found is IEnumerable<DuplicateView> list ? [.. list] : []),
        _ => throw new InvalidOperationException($"unexpected answer {result.GetType().Name}"),
    };
}
