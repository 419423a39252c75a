namespace GreenGrid.Cases.HealthChecks;

/// <summary>
/// One daily health check (每日健康监测) of a resident: temperature, symptoms, by whom and when.
/// Checks are never changed: a later check of the same day is added, and the latest of the day is
/// the one that counts (coverage, fever flag). A check is not a case event: a high temperature is
/// flagged and offered for a fever report, which a worker records through the case recorder.
/// </summary>
public sealed class HealthCheck
{
    public long Id { get; init; }
    public long ResidentId { get; init; }

    /// <summary>The building the resident lived in when checked (coverage is per building per day).</summary>
    public long BuildingId { get; init; }

    /// <summary>The day of the check in the city's time zone.</summary>
    public DateOnly Day { get; init; }

    /// <summary>Body temperature in °C, one decimal.</summary>
    public decimal Temperature { get; init; }

    /// <summary>Symptoms as camelCase names separated by commas; empty for none.</summary>
    public string Symptoms { get; init; } = "";

    /// <summary>Temperature at or above <see cref="HealthCheckRules.FeverThreshold"/>.</summary>
    public bool Feverish { get; init; }

    public long RecordedById { get; init; }
    public DateTime RecordedAt { get; init; }

    /// <summary>The client's key (unique per account): a retry answers with the check recorded the first time.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>A check taken now; whether it is a fever follows from the temperature, never from the caller.</summary>
    public static HealthCheck Take(long residentId, long buildingId, DateOnly day, decimal temperature, string symptoms, long accountId, DateTime at, string? idempotencyKey) => new()
    {
        ResidentId = residentId, BuildingId = buildingId, Day = day, Temperature = temperature, Symptoms = symptoms,
        Feverish = HealthCheckRules.IsFever(temperature), RecordedById = accountId, RecordedAt = at, IdempotencyKey = idempotencyKey,
    };
}

/// <summary>Symptoms a grid worker asks about. <see cref="None"/> says it explicitly (an empty list means the same).</summary>
public enum Symptom
{
    None,
    Fever,
    Cough,
    Fatigue,
    BreathingDifficulty,
    Diarrhoea,
    LossOfTasteOrSmell,
}
