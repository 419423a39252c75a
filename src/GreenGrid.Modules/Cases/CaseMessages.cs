using GreenGrid.Platform.Errors;

namespace GreenGrid.Cases;

/// <summary>The messages of cases, sweeps and health checks (texts in Resources/Messages.resx under <c>Cases.</c>).</summary>
internal static class CaseMessages
{
    public static Message SweepNotFound(object id) => new("Cases.SweepNotFound", id);
    public static Message SweepBuildingNotFound(long sweep, long building) => new("Cases.SweepBuildingNotFound", sweep, building);
    public static Message ReconciliationNotFound(object id) => new("Cases.ReconciliationNotFound", id);

    // The rules of one event (CaseEventRules) and of a person's history (CaseHistory).
    public static Message BeforeBirthDate(DateOnly date, DateOnly birthDate) => new("Cases.BeforeBirthDate", date, birthDate);
    public static Message LastExposureRequired => new("Cases.LastExposureRequired");
    public static Message LastExposureAfterEffective(DateOnly reported) => new("Cases.LastExposureAfterEffective", reported);
    public static Message OnlyContactExposure => new("Cases.OnlyContactExposure");
    public static Message OnlyContactSource => new("Cases.OnlyContactSource");
    public static Message OnlyTransferFacility => new("Cases.OnlyTransferFacility");
    public static Message RetractNeedsSupersedes => new("Cases.RetractNeedsSupersedes");
    public static Message DoesNotFit(CaseEventType type, DateOnly on, Message reason) => new("Cases.DoesNotFit", Event(type), on, reason);
    public static Message LaterEventImpossible(long id, CaseEventType type, DateOnly on, Message reason) => new("Cases.LaterEventImpossible", id, Event(type), on, reason);
    public static Message PersonDied(DateOnly on) => new("Cases.PersonDied", on);
    public static Message AlreadyConfirmed(DateOnly? since) => new("Cases.AlreadyConfirmed", since);
    public static Message AlreadyAsymptomatic(DateOnly? since) => new("Cases.AlreadyAsymptomatic", since);
    public static Message AlreadySuspected(DateOnly since) => new("Cases.AlreadySuspected", since);
    public static Message AlreadyFever(DateOnly since) => new("Cases.AlreadyFever", since);
    public static Message NothingToDiscard => new("Cases.NothingToDiscard");
    public static Message AlreadyPlaced(CasePlacement placement, DateOnly? since) => new("Cases.AlreadyPlaced", Placement(placement), since);
    public static Message NothingToRelease => new("Cases.NothingToRelease");
    public static Message AlreadyRecovered(DateOnly? on) => new("Cases.AlreadyRecovered", on);
    public static Message CannotRecover => new("Cases.CannotRecover");
    public static Message NotAHistoryEvent(CaseEventType type) => new("Cases.NotAHistoryEvent", type.ToString());

    // Recording events.
    public static Message KeyUsedForOtherPerson => new("Cases.KeyUsedForOtherPerson");
    public static Message EventsEmpty => new("Cases.EventsEmpty");
    public static Message EventsTooMany(int max, int got) => new("Cases.EventsTooMany", max, got);
    public static Message KeyTwiceInBatch => new("Cases.KeyTwiceInBatch");
    public static Message NotThisPersonsEvent(long id) => new("Cases.NotThisPersonsEvent", id);
    public static Message IsARetraction(long id) => new("Cases.IsARetraction", id);
    public static Message AlreadyCorrected(long id, long by) => new("Cases.AlreadyCorrected", id, by);
    public static Message OwnSource => new("Cases.OwnSource");

    // Sweeps.
    public static Message VisitKeyUsed => new("Cases.VisitKeyUsed");
    public static Message HouseholdNotInSweep(long household) => new("Cases.HouseholdNotInSweep", household);
    public static Message OutsideSweep(DateOnly day, DateOnly from, DateOnly to) => new("Cases.OutsideSweep", day, from, to);
    public static Message FindingsRequired => new("Cases.FindingsRequired");
    public static Message OnlyFindingsHaveFindings(string outcome) => new("Cases.OnlyFindingsHaveFindings", outcome);
    public static Message TooManyFindings(int max) => new("Cases.TooManyFindings", max);
    public static Message NotInHousehold(long resident, long household) => new("Cases.NotInHousehold", resident, household);
    public static Message SweepFindingTypes => new("Cases.SweepFindingTypes");
    public static Message ToBeforeFrom(DateOnly from) => new("Cases.ToBeforeFrom", from);
    public static Message SweepTooLong(int days) => new("Cases.SweepTooLong", days);
    public static Message SweepPlaceTooLow => new("Cases.SweepPlaceTooLow");
    public static Message NotABuildingUnder(long building, long place) => new("Cases.NotABuildingUnder", building, place);
    public static Message SweepHasNoBuilding => new("Cases.SweepHasNoBuilding");

    // Health checks.
    public static Message TemperatureRequired => new("Cases.TemperatureRequired");
    public static Message NotABodyTemperature(decimal t, decimal min, decimal max) => new("Cases.NotABodyTemperature", t, min, max);
    public static Message OneDecimal(decimal t, decimal rounded) => new("Cases.OneDecimal", t, rounded);
    public static Message CheckTooOld(DateOnly day, int days) => new("Cases.CheckTooOld", day, days);
    public static Message NoneWithSymptoms => new("Cases.NoneWithSymptoms");
    public static Message UnknownSymptom => new("Cases.UnknownSymptom");
    public static Message CheckKeyUsed => new("Cases.CheckKeyUsed");
    public static Message BeforeBirth(DateOnly? day) => new("Cases.BeforeBirth", day);
    public static Message ChecksEmpty => new("Cases.ChecksEmpty");
    public static Message ChecksTooMany(int max, int got) => new("Cases.ChecksTooMany", max, got);
    public static Message NotInBuilding(long resident) => new("Cases.NotInBuilding", resident);
    public static Message ListedTwice(long resident, int first) => new("Cases.ListedTwice", resident, first);
    public static Message KeyTwiceInSheet => new("Cases.KeyTwiceInSheet");
    public static Message BornAfter(long resident, DateOnly? day) => new("Cases.BornAfter", resident, day);
    public static Message DateLike => new("Cases.DateLike");

    // Reconciliation lists.
    public static Message ListFileRequired => new("Cases.ListFileRequired");
    public static Message ListTooLargeOrUnreadable(int megabytes) => new("Cases.ListTooLargeOrUnreadable", megabytes);
    public static Message ListTooLarge(int megabytes) => new("Cases.ListTooLarge", megabytes);
    public static Message FileEmpty => new("Cases.FileEmpty");
    public static Message ListIsExcel => new("Cases.ListIsExcel");
    public static Message ListTooManyRows(int max) => new("Cases.ListTooManyRows", max);
    public static Message ListHeaderOnly => new("Cases.ListHeaderOnly");
    public static Message AsOfDateLike => new("Cases.AsOfDateLike");

    private static Label Event(CaseEventType type) => new($"Cases.Type.{type}", type switch
    {
        CaseEventType.CloseContact => "close contact",
        CaseEventType.HomeObservation => "home observation",
        CaseEventType.CentralIsolation => "central isolation",
        CaseEventType.TransferredToFacility => "transfer to a facility",
        _ => type.ToString().ToLowerInvariant(),
    });

    private static Label Placement(CasePlacement placement) => new($"Cases.Placement.{placement}", placement switch
    {
        CasePlacement.HomeObservation => "home observation",
        CasePlacement.CentralIsolation => "central isolation",
        _ => "care in a facility",
    });
}
