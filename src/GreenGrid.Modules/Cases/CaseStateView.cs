namespace GreenGrid.Cases;

/// <summary>A person's state on one day as the API and pages show it.</summary>
public sealed record CaseStateView(
    DateOnly AsOf, CaseCategory Category, Infection Infection, DateOnly? InfectedSince, DateOnly? FirstConfirmed, DateOnly? RecoveredOn, DateOnly? DiedOn,
    DateOnly? SuspectedSince, DateOnly? FeverSince, DateOnly? ContactSince, DateOnly? LastExposure, DateOnly? ObservationEnds, long? SourceCaseId,
    CasePlacement Placement, DateOnly? PlacedSince, string? Facility, bool UnderManagement, CaseEventType[] PossibleNext)
{
    public static CaseStateView Of(CaseState s, DateOnly day, int observationDays)
    {
        var category = s.Category(day, observationDays);
        var contact = s.IsContactUnderManagement(day, observationDays);
        return new CaseStateView(
            day, category, s.Infection, s.InfectedSince, s.FirstConfirmed, s.RecoveredOn, s.DiedOn,
            s.SuspectedSince, s.FeverSince, contact ? s.ContactSince : null, contact ? s.LastExposure : null, contact ? s.ObservationEnds(observationDays) : null, s.SourceCaseId,
            s.Placement, s.PlacedSince, s.Facility, IsUnderManagement(s, day, observationDays),
            [.. CaseHistory.Possible(s, day, observationDays)]);
    }

    /// <summary>
    /// A case, or a person under observation or management: what suspends a household's passes
    /// and blocks a compound's certification.
    /// </summary>
    public static bool IsUnderManagement(CaseState s, DateOnly day, int observationDays) =>
        s.Category(day, observationDays) is CaseCategory.Confirmed or CaseCategory.Asymptomatic or CaseCategory.Suspected or CaseCategory.Fever or CaseCategory.CloseContact
        || (s.DiedOn is null && s.Placement != CasePlacement.None);
}
