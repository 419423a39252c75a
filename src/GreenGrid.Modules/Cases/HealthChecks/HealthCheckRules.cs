using System.Text.Json;
using GreenGrid.Platform.Errors;

namespace GreenGrid.Cases.HealthChecks;

/// <summary>The checks of one health check's own fields.</summary>
public static class HealthCheckRules
{
    public const decimal MinTemperature = 34.0m;
    public const decimal MaxTemperature = 43.0m;

    /// <summary>37.3 °C: the threshold of a fever patient (发热病人) in the 2020 protocols.</summary>
    public const decimal FeverThreshold = 37.3m;

    /// <summary>A paper sheet may be entered a few days late, not later.</summary>
    public const int MaxDaysBack = 7;

    public const int MaxBulk = 2000;

    public static bool IsFever(decimal temperature) => temperature >= FeverThreshold;

    /// <summary>The temperature, checked (null with an error added when it is missing or makes no sense).</summary>
    public static decimal? Temperature(ValidationErrors errors, string field, decimal? value)
    {
        if (value is not { } t)
        {
            errors.Add(field, "is required (°C, e.g. 36.6)");
            return null;
        }
        if (t < MinTemperature || t > MaxTemperature)
        {
            errors.Add(field, $"{t} °C is not a body temperature: it must be between {MinTemperature:0.0} and {MaxTemperature:0.0} °C");
            return null;
        }
        if (decimal.Round(t, 1) != t)
        {
            errors.Add(field, $"{t} has more than one decimal; thermometers show one (e.g. {decimal.Round(t, 1):0.0})");
            return null;
        }
        return t;
    }

    public static DateOnly? Day(ValidationErrors errors, string field, DateOnly? day, DateOnly today)
    {
        var d = day ?? today;
        if (d > today)
        {
            errors.Add(field, $"{d:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd})");
            return null;
        }
        if (d < today.AddDays(-MaxDaysBack))
        {
            errors.Add(field, $"{d:yyyy-MM-dd} is more than {MaxDaysBack} days ago; a check is entered within a week");
            return null;
        }
        return d;
    }

    /// <summary>The symptoms as stored: camelCase names, commas between, empty for none.</summary>
    public static string? Symptoms(ValidationErrors errors, string field, Symptom[]? symptoms)
    {
        var list = (symptoms ?? []).Distinct().ToList();
        if (list.Contains(Symptom.None) && list.Count > 1)
        {
            errors.Add(field, "\"none\" cannot be given together with symptoms");
            return null;
        }
        if (list.Any(s => !Enum.IsDefined(s)))
        {
            errors.Add(field, "holds an unknown symptom");
            return null;
        }
        return string.Join(",", list.Where(s => s != Symptom.None).Order().Select(s => JsonNamingPolicy.CamelCase.ConvertName(s.ToString())));
    }

    public static Symptom[] Parse(string stored) =>
        stored.Length == 0 ? [] : [.. stored.Split(',').Select(s => Enum.Parse<Symptom>(s, ignoreCase: true))];
}
