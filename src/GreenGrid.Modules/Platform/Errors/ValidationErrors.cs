using System.Globalization;

namespace GreenGrid.Platform.Errors;

/// <summary>
/// Collects what is wrong with a request, field by field, to answer with one ProblemDetails
/// that names every bad field (see <see cref="Problems"/>). Field names are the JSON names;
/// each reason is a <see cref="Message"/>, rendered in the caller's language when the answer is made.
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<Message>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    /// <summary>How many reasons have been collected, to tell whether a step added any.</summary>
    public int Count => _errors.Values.Sum(r => r.Count);

    public ValidationErrors Add(string field, Message reason)
    {
        if (!_errors.TryGetValue(field, out var reasons))
        {
            _errors[field] = reasons = [];
        }
        reasons.Add(reason);
        return this;
    }

    /// <summary>Transitional: a reason not yet given its own code (see <see cref="PlatformMessages.Untranslated"/>).</summary>
    public ValidationErrors Add(string field, string reason) => Add(field, PlatformMessages.Untranslated(reason));

    /// <summary>Takes every reason of <paramref name="other"/>, its fields prefixed (e.g. "events[2].").</summary>
    public ValidationErrors AddAll(ValidationErrors other, string prefix = "")
    {
        foreach (var (field, reasons) in other._errors)
        {
            reasons.ForEach(r => Add(prefix + field, r));
        }
        return this;
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    /// <summary>A page of a list: <c>skip</c> 0 or more, <c>take</c> between 1 and <paramref name="maxTake"/>.</summary>
    public ValidationErrors Page(int skip, int take, int maxTake)
    {
        if (skip < 0)
        {
            Add("skip", PlatformMessages.ZeroOrMore);
        }
        if (take < 1 || take > maxTake)
        {
            Add("take", PlatformMessages.Between(1, maxTake));
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
                Add(field, PlatformMessages.Required);
            }
            return null;
        }
        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            Add(field, PlatformMessages.TooLong(maxLength, trimmed.Length));
        }
        else if (trimmed.Any(char.IsControl))
        {
            Add(field, PlatformMessages.ControlCharacters);
        }
        return trimmed;
    }

    /// <summary>The reasons per field, in the current UI culture (the request's or the page's).</summary>
    public Dictionary<string, string[]> ToDictionary() => Texts(CultureInfo.CurrentUICulture);

    public Dictionary<string, string[]> Texts(CultureInfo culture) =>
        _errors.ToDictionary(e => e.Key, e => e.Value.Select(m => m.Text(culture)).ToArray(), StringComparer.Ordinal);

    /// <summary>The codes per field, in the same order as the texts: what a client may rely on.</summary>
    public Dictionary<string, string[]> Codes() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.Select(m => m.Code).ToArray(), StringComparer.Ordinal);
}
