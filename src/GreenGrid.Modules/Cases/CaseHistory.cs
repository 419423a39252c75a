using GreenGrid.Platform;
using GreenGrid.Platform.Errors;
namespace GreenGrid.Cases;

/// <summary>What a person is counted as on a day: one category each, the most serious first.</summary>
[ModuleContract]
public enum CaseCategory
{
    None,
    Died,
    Confirmed,
    Asymptomatic,
    Suspected,
    Fever,
    CloseContact,
    Recovered,
}

public enum Infection
{
    None,
    Confirmed,
    Asymptomatic,
    Recovered,
}

/// <summary>Where a person is kept while under management.</summary>
[ModuleContract]
public enum CasePlacement
{
    None,
    HomeObservation,
    CentralIsolation,
    Facility,
}

/// <summary>
/// A person's epidemic status on one day, derived from their events by <see cref="CaseHistory"/>.
/// Nothing here is stored: it can be rebuilt from the events for any day.
/// </summary>
[ModuleContract]
public sealed record CaseState
{
    public static readonly CaseState Nothing = new();

    public Infection Infection { get; init; }
    public DateOnly? InfectedSince { get; init; }
    /// <summary>The first day the person was reported confirmed, for the cumulative count.</summary>
    public DateOnly? FirstConfirmed { get; init; }
    public DateOnly? RecoveredOn { get; init; }
    public DateOnly? DiedOn { get; init; }
    public DateOnly? SuspectedSince { get; init; }
    public DateOnly? FeverSince { get; init; }
    /// <summary>Set while the person is a close contact not yet released (observation may still have run out).</summary>
    public DateOnly? ContactSince { get; init; }
    public DateOnly? LastExposure { get; init; }
    public long? SourceCaseId { get; init; }
    public CasePlacement Placement { get; init; }
    public DateOnly? PlacedSince { get; init; }
    public string? Facility { get; init; }

    /// <summary>The day a close contact's observation ends (they are no longer under management on it).</summary>
    public DateOnly? ObservationEnds(int observationDays) => ContactSince is null ? null : LastExposure?.AddDays(observationDays);

    public bool IsContactUnderManagement(DateOnly day, int observationDays) =>
        ContactSince is not null && day < ObservationEnds(observationDays);

    /// <summary>The category the person is counted in on <paramref name="day"/>, the most serious one.</summary>
    public CaseCategory Category(DateOnly day, int observationDays) =>
        DiedOn is not null ? CaseCategory.Died
        : Infection == Infection.Confirmed ? CaseCategory.Confirmed
        : Infection == Infection.Asymptomatic ? CaseCategory.Asymptomatic
        : SuspectedSince is not null ? CaseCategory.Suspected
        : FeverSince is not null ? CaseCategory.Fever
        : IsContactUnderManagement(day, observationDays) ? CaseCategory.CloseContact
        : Infection == Infection.Recovered ? CaseCategory.Recovered
        : CaseCategory.None;
}

/// <summary>A transition that makes no sense: which event, and why.</summary>
public sealed record CaseConflict(CaseEvent Event, Message Reason);

/// <summary>
/// The rules of a person's case history: which events are in force, the state they give on a
/// day, and which transitions make sense. Pure code: the API, the pages, the counts, the
/// certification and the gates all derive a person's status here and nowhere else.
/// </summary>
[ModuleContract]
public static class CaseHistory
{
    /// <summary>The reporting types: each starts a category and counts as "new" on its day.</summary>
    public static readonly IReadOnlyList<CaseEventType> Reports =
        [CaseEventType.Confirmed, CaseEventType.Asymptomatic, CaseEventType.Suspected, CaseEventType.Fever, CaseEventType.CloseContact];

    /// <summary>The events that count, in the order they took effect: superseded and retraction events left out.</summary>
    public static List<CaseEvent> InForce(IEnumerable<CaseEvent> events)
    {
        var all = events as IReadOnlyCollection<CaseEvent> ?? events.ToList();
        var superseded = new HashSet<long>(all.Where(e => e.SupersedesId is not null).Select(e => e.SupersedesId!.Value));
        return all.Where(e => e.Type != CaseEventType.Retracted && !superseded.Contains(e.Id))
            .OrderBy(e => e.EffectiveDate).ThenBy(e => e.Id == 0 ? long.MaxValue : e.Id).ToList(); // an unsaved event comes last on its day
    }

    /// <summary>The state on <paramref name="day"/> from events in force (see <see cref="InForce"/>), those after the day ignored.</summary>
    public static CaseState StateAsOf(IEnumerable<CaseEvent> inForce, DateOnly day, int observationDays)
    {
        var state = CaseState.Nothing;
        foreach (var e in inForce)
        {
            if (e.EffectiveDate > day)
            {
                break;
            }
            state = Apply(state, e, observationDays).State;
        }
        return state;
    }

    /// <summary>
    /// Whether the history stays sensible with <paramref name="candidate"/> added (and the event it
    /// supersedes taken out): every event in force, in order, must fit the state before it. A
    /// back-dated event can break a later one; the conflict names the event that no longer fits.
    /// </summary>
    public static CaseConflict? Check(IEnumerable<CaseEvent> existing, CaseEvent candidate, int observationDays)
    {
        var state = CaseState.Nothing;
        foreach (var e in InForce(existing.Append(candidate)))
        {
            var (next, problem) = Apply(state, e, observationDays);
            if (problem is not null)
            {
                return new CaseConflict(e, problem);
            }
            state = next;
        }
        return null;
    }

    /// <summary>The state after one event, or the reason it does not fit the state before it.</summary>
    public static (CaseState State, Message? Problem) Apply(CaseState s, CaseEvent e, int observationDays)
    {
        var day = e.EffectiveDate;
        if (s.DiedOn is { } died)
        {
            return (s, CaseMessages.PersonDied(died));
        }
        Message? active = s.Infection switch
        {
            Infection.Confirmed => CaseMessages.AlreadyConfirmed(s.InfectedSince),
            Infection.Asymptomatic => CaseMessages.AlreadyAsymptomatic(s.InfectedSince),
            _ => null,
        };
        switch (e.Type)
        {
            case CaseEventType.Confirmed:
                return s.Infection == Infection.Confirmed
                    ? (s, active)
                    : (Infected(s, Infection.Confirmed, day) with { FirstConfirmed = s.FirstConfirmed ?? day }, null);
            case CaseEventType.Asymptomatic:
                return active is not null
                    ? (s, active)
                    : (Infected(s, Infection.Asymptomatic, day), null);
            case CaseEventType.Suspected:
                if (active is not null)
                {
                    return (s, active);
                }
                return s.SuspectedSince is { } since
                    ? (s, CaseMessages.AlreadySuspected(since))
                    : (s with { SuspectedSince = day, FeverSince = null }, null);
            case CaseEventType.Fever:
                if (active is not null)
                {
                    return (s, active);
                }
                if (s.SuspectedSince is { } suspected)
                {
                    return (s, CaseMessages.AlreadySuspected(suspected));
                }
                return s.FeverSince is { } fever
                    ? (s, CaseMessages.AlreadyFever(fever))
                    : (s with { FeverSince = day }, null);
            case CaseEventType.CloseContact:
                if (active is not null)
                {
                    return (s, active);
                }
                // A new exposure while under observation extends it; after it ran out, observation starts again.
                var stillObserved = s.IsContactUnderManagement(day, observationDays);
                var exposure = stillObserved && s.LastExposure > e.LastExposure ? s.LastExposure : e.LastExposure;
                return (s with
                {
                    ContactSince = stillObserved ? s.ContactSince : day,
                    LastExposure = exposure,
                    SourceCaseId = e.SourceCaseId ?? (stillObserved ? s.SourceCaseId : null),
                }, null);
            case CaseEventType.Discarded:
                return s.SuspectedSince is null && s.FeverSince is null
                    ? (s, CaseMessages.NothingToDiscard)
                    : (s with { SuspectedSince = null, FeverSince = null }, null);
            case CaseEventType.HomeObservation:
            case CaseEventType.CentralIsolation:
                var placement = e.Type == CaseEventType.HomeObservation ? CasePlacement.HomeObservation : CasePlacement.CentralIsolation;
                return s.Placement == placement
                    ? (s, CaseMessages.AlreadyPlaced(placement, s.PlacedSince))
                    : (s with { Placement = placement, PlacedSince = day, Facility = null }, null);
            case CaseEventType.TransferredToFacility:
                return (s with { Placement = CasePlacement.Facility, PlacedSince = day, Facility = e.Facility }, null);
            case CaseEventType.Released:
                if (s.SuspectedSince is null && s.FeverSince is null && s.ContactSince is null && s.Placement == CasePlacement.None)
                {
                    return (s, CaseMessages.NothingToRelease);
                }
                return (s with { SuspectedSince = null, FeverSince = null, ContactSince = null, Placement = CasePlacement.None, PlacedSince = null, Facility = null }, null);
            case CaseEventType.Recovered:
                if (s.Infection == Infection.Recovered)
                {
                    return (s, CaseMessages.AlreadyRecovered(s.RecoveredOn));
                }
                return active is null
                    ? (s, CaseMessages.CannotRecover)
                    : (s with { Infection = Infection.Recovered, RecoveredOn = day, Placement = CasePlacement.None, PlacedSince = null, Facility = null }, null);
            case CaseEventType.Died:
                return (s with { DiedOn = day, SuspectedSince = null, FeverSince = null, ContactSince = null, Placement = CasePlacement.None, PlacedSince = null, Facility = null }, null);
            default:
                return (s, CaseMessages.NotAHistoryEvent(e.Type));
        }
    }

    /// <summary>The types that make sense next for a person in <paramref name="s"/> on <paramref name="day"/>, for the event form.</summary>
    public static IReadOnlyList<CaseEventType> Possible(CaseState s, DateOnly day, int observationDays) =>
        Enum.GetValues<CaseEventType>()
            .Where(t => t != CaseEventType.Retracted)
            .Where(t => Apply(s, new CaseEvent { Type = t, EffectiveDate = day, LastExposure = day, Facility = "-" }, observationDays).Problem is null)
            .ToList();

    private static CaseState Infected(CaseState s, Infection infection, DateOnly day) =>
        s with { Infection = infection, InfectedSince = day, RecoveredOn = null, SuspectedSince = null, FeverSince = null, ContactSince = null };
}
