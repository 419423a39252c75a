using System.Text.Json;

namespace GreenGrid.Cases.Counts;

/// <summary>
/// The numbers of the place page and of /cases. Each one counts people, never events, and each one
/// opens to the list of exactly those people: both come from <see cref="CaseMeasures.Of"/>.
/// </summary>
public enum CaseMeasure
{
    /// <summary>Current category (<see cref="CaseState.Category"/>): one per person, the most serious.</summary>
    Confirmed,
    Asymptomatic,
    Suspected,
    Fever,
    /// <summary>A close contact whose observation has not ended on the day.</summary>
    CloseContact,
    /// <summary>An event of the type in force with its effective date on the day (a reclassification to confirmed included).</summary>
    NewConfirmed,
    NewAsymptomatic,
    NewSuspected,
    NewFever,
    NewCloseContact,
    /// <summary>Ever reported confirmed on or before the day.</summary>
    CumulativeConfirmed,
    /// <summary>Recovered (治愈出院) and, on the day, neither infected again nor dead.</summary>
    Recovered,
    Died,
}

/// <summary>What one person counts as on one day: a bit per <see cref="CaseMeasure"/>, and their last new confirmed day.</summary>
public readonly record struct PersonMeasures(int Mask, int LastConfirmedDay)
{
    /// <summary>No last confirmed day (as a day number, so that a maximum is a plain comparison).</summary>
    public const int NoDay = int.MinValue;

    public static readonly PersonMeasures Nothing = new(0, NoDay);

    public bool Has(CaseMeasure measure) => (Mask & CaseMeasures.Bit(measure)) != 0;

    public DateOnly? LastConfirmed => LastConfirmedDay == NoDay ? null : DateOnly.FromDayNumber(LastConfirmedDay);
}

/// <summary>
/// The one definition of what a person counts as on a day, from their events in force (see
/// <see cref="CaseHistory.InForce"/>): the state comes from <see cref="CaseHistory.Apply"/> and the
/// current category from <see cref="CaseState.Category"/>, as everywhere else.
/// </summary>
public static class CaseMeasures
{
    public static readonly CaseMeasure[] All = Enum.GetValues<CaseMeasure>();

    /// <summary>The current categories: a person is in at most one of them.</summary>
    public static readonly CaseMeasure[] Current = [CaseMeasure.Confirmed, CaseMeasure.Asymptomatic, CaseMeasure.Suspected, CaseMeasure.Fever, CaseMeasure.CloseContact];

    /// <summary>"New on the day" of each reporting type, in the order of <see cref="CaseHistory.Reports"/>.</summary>
    public static readonly CaseMeasure[] New = [CaseMeasure.NewConfirmed, CaseMeasure.NewAsymptomatic, CaseMeasure.NewSuspected, CaseMeasure.NewFever, CaseMeasure.NewCloseContact];

    public static int Bit(CaseMeasure measure) => 1 << (int)measure;

    /// <summary>The measure counting new reports of <paramref name="type"/>, or null when it is not a reporting type.</summary>
    public static CaseMeasure? NewOf(CaseEventType type) => type switch
    {
        CaseEventType.Confirmed => CaseMeasure.NewConfirmed,
        CaseEventType.Asymptomatic => CaseMeasure.NewAsymptomatic,
        CaseEventType.Suspected => CaseMeasure.NewSuspected,
        CaseEventType.Fever => CaseMeasure.NewFever,
        CaseEventType.CloseContact => CaseMeasure.NewCloseContact,
        _ => null,
    };

    /// <summary>A measure as the API names it (camelCase, "newConfirmed").</summary>
    public static string Name(CaseMeasure measure) => JsonNamingPolicy.CamelCase.ConvertName(measure.ToString());

    /// <summary>A measure from its API name, in any case; null when there is none of that name.</summary>
    public static CaseMeasure? Parse(string? name) =>
        Enum.TryParse<CaseMeasure>(name, ignoreCase: true, out var measure) && Enum.IsDefined(measure) && !int.TryParse(name, out _) ? measure : null;

    /// <summary>
    /// What a person counts as on <paramref name="day"/>, from their events in force in effective-date
    /// order (<see cref="CaseHistory.InForce"/>); events after the day are ignored.
    /// </summary>
    public static PersonMeasures Of(IReadOnlyList<CaseEvent> inForce, DateOnly day, int observationDays) => Of(inForce, day, observationDays, out _);

    /// <inheritdoc cref="Of(IReadOnlyList{CaseEvent}, DateOnly, int)"/>
    public static PersonMeasures Of(IReadOnlyList<CaseEvent> inForce, DateOnly day, int observationDays, out CaseState state)
    {
        state = CaseState.Nothing;
        var mask = 0;
        var last = PersonMeasures.NoDay;
        for (var i = 0; i < inForce.Count; i++)
        {
            var e = inForce[i];
            if (e.EffectiveDate > day)
            {
                break;
            }
            state = CaseHistory.Apply(state, e, observationDays).State;
            if (e.Type == CaseEventType.Confirmed)
            {
                last = e.EffectiveDate.DayNumber;
            }
            if (e.EffectiveDate == day && NewOf(e.Type) is { } fresh)
            {
                mask |= Bit(fresh);
            }
        }
        mask |= state.Category(day, observationDays) switch
        {
            CaseCategory.Confirmed => Bit(CaseMeasure.Confirmed),
            CaseCategory.Asymptomatic => Bit(CaseMeasure.Asymptomatic),
            CaseCategory.Suspected => Bit(CaseMeasure.Suspected),
            CaseCategory.Fever => Bit(CaseMeasure.Fever),
            CaseCategory.CloseContact => Bit(CaseMeasure.CloseContact),
            CaseCategory.Died => Bit(CaseMeasure.Died),
            _ => 0,
        };
        if (state.FirstConfirmed is not null)
        {
            mask |= Bit(CaseMeasure.CumulativeConfirmed);
        }
        if (state.Infection == Infection.Recovered && state.DiedOn is null)
        {
            mask |= Bit(CaseMeasure.Recovered);
        }
        return new PersonMeasures(mask, last);
    }

    /// <summary>
    /// The day a person's entry in the list of <paramref name="measure"/> started: the category's
    /// "since" for a current one, the day itself for a new one, the first confirmation, the recovery, the death.
    /// </summary>
    public static DateOnly? Since(CaseMeasure measure, CaseState state, DateOnly day) => measure switch
    {
        CaseMeasure.Confirmed or CaseMeasure.Asymptomatic => state.InfectedSince,
        CaseMeasure.Suspected => state.SuspectedSince,
        CaseMeasure.Fever => state.FeverSince,
        CaseMeasure.CloseContact => state.ContactSince,
        CaseMeasure.CumulativeConfirmed => state.FirstConfirmed,
        CaseMeasure.Recovered => state.RecoveredOn,
        CaseMeasure.Died => state.DiedOn,
        _ => day,
    };
}
