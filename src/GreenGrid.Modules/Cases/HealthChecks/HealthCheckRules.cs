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
            errors.Add(field, CaseMessages.TemperatureRequired);
            return null;
        }
        if (t < MinTemperature || t > MaxTemperature)
        {
            errors.Add(field, CaseMessages.NotABodyTemperature(t, MinTemperature, MaxTemperature));
            return null;
        }
        if (decimal.Round(t, 1) != t)
        {
            errors.Add(field, CaseMessages.OneDecimal(t, decimal.Round(t, 1)));
            return null;
        }
        return t;
    }

    public static DateOnly? Day(ValidationErrors errors, string field, DateOnly? day, DateOnly today)
    {
        var d = day ?? today;
        if (d > today)
        {
            errors.Add(field, PlatformMessages.InFuture(d, today));
            return null;
        }
        if (d < today.AddDays(-MaxDaysBack))
        {
            errors.Add(field, CaseMessages.CheckTooOld(d, MaxDaysBack));
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
            errors.Add(field, CaseMessages.NoneWithSymptoms);
            return null;
        }
        if (list.Any(s => !Enum.IsDefined(s)))
        {
            errors.Add(field, CaseMessages.UnknownSymptom);
            return null;
        }
        return string.Join(",", list.Where(s => s != Symptom.None).Order().Select(s => JsonNamingPolicy.CamelCase.ConvertName(s.ToString())));
    }

    public static Symptom[] Parse(string stored) =>
        stored.Length == 0 ? [] : [.. stored.Split(',').Select(s => Enum.Parse<Symptom>(s, ignoreCase: true))];
}
