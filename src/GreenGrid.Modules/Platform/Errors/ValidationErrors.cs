namespace GreenGrid.Platform.Errors;

/// <summary>
/// Collects what is wrong with a request, field by field, to answer with one ProblemDetails
/// that names every bad field (see <see cref="Problems"/>). Field names are the JSON names.
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    /// <summary>How many reasons have been collected, to tell whether a step added any.</summary>
    public int Count => _errors.Values.Sum(r => r.Count);

    public ValidationErrors Add(string field, string reason)
    {
        if (!_errors.TryGetValue(field, out var reasons))
        {
            _errors[field] = reasons = [];
        }
        reasons.Add(reason);
        return this;
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    /// <summary>A page of a list: <c>skip</c> 0 or more, <c>take</c> between 1 and <paramref name="maxTake"/>.</summary>
    public ValidationErrors Page(int skip, int take, int maxTake)
    {
        if (skip < 0)
        {
            Add("skip", "must be 0 or more");
        }
        if (take < 1 || take > maxTake)
        {
            Add("take", $"must be between 1 and {maxTake}");
        }
        return this;
    }

    /// <summary>A required, single-line text: not empty, not too long, no control characters.</summary>
    public string? Text(string field, string? value, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, "is required");
            }
            return null;
        }
        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters (got {trimmed.Length})");
        }
        else if (trimmed.Any(char.IsControl))
        {
            Add(field, "must not contain control characters such as line breaks or tabs");
        }
        return trimmed;
    }

    public Dictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
