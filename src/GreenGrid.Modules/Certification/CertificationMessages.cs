using GreenGrid.Certification.Engine;
using GreenGrid.Certification.Workflow;
using GreenGrid.Places;
using GreenGrid.Platform.Errors;

namespace GreenGrid.Certification;

/// <summary>The messages of certification (texts in Resources/Messages.resx under <c>Certification.</c>).</summary>
internal static class CertificationMessages
{
    public static Message BatchNotFound(object id) => new("Certification.BatchNotFound", id);
    public static Message AttestationNotFound(object id) => new("Certification.AttestationNotFound", id);
    public static Message ApplicationNotFound(object id) => new("Certification.ApplicationNotFound", id);
    public static Message KindNotCertified(PlaceKind kind) => new("Certification.KindNotCertified", PlaceMessages.Kind(kind));
    public static Message AlreadyPendingOrInForce => new("Certification.AlreadyPendingOrInForce");
    public static Message AlreadyWithdrawn(DateOnly? on) => new("Certification.AlreadyWithdrawn", on);
    public static Message BeforeAttested(DateOnly attestedOn) => new("Certification.BeforeAttested", attestedOn);
    public static Message FromAfterTo => new("Certification.FromAfterTo");
    public static Message CurveTooLong => new("Certification.CurveTooLong");
    public static Message NoJurisdiction => new("Certification.NoJurisdiction");
    public static Message NothingToPublish => new("Certification.NothingToPublish");
    public static Message OnNotice(DateOnly until, DateOnly from) => new("Certification.OnNotice", until, from);
    public static Message NotPending(ApplicationStatus status) => new("Certification.NotPending", Status(status));
    public static Message AttestCompounds => new("Certification.AttestCompounds");
    public static Message ControlOneOf => new("Certification.ControlOneOf", Enum.GetValues<Control>().Select(ControlLabel).ToList());
    public static Message AttestDateRequired => new("Certification.AttestDateRequired");
    public static Message AlreadyAttested(Control control) => new("Certification.AlreadyAttested", ControlLabel(control));
    public static Message StatusOneOf => new("Certification.StatusOneOf", Enum.GetValues<ApplicationStatus>().Select(Status).ToList());

    // Why a place is not epidemic-free (the reasons of a 409 and of a revocation).
    public static Message ScenarioRequired => new("Certification.ScenarioRequired");
    public static Message NotEligibleTitle => new("Certification.NotEligibleTitle");
    public static Message NotEpidemicFree => new("Certification.NotEpidemicFree");
    public static Message RecentCase(string? person, long? resident, DateOnly? date) => new("Certification.RecentCase", Person(person), resident, date);
    public static Message UnderManagement(string? person, long? resident, string? type, DateOnly? until) => until is null
        ? new("Certification.UnderManagementOpen", Person(person), resident, TypeLabel(type))
        : new("Certification.UnderManagement", Person(person), resident, TypeLabel(type), until);
    public static Message ControlMissing(string? control) => new("Certification.ControlMissing", new Label($"Cert.Control.{control}", control ?? ""));
    public static Message ChildNotFree(string? placeZh, string? placeEn, long? place) => new("Certification.ChildNotFree", new Bilingual(placeZh ?? placeEn ?? "", placeEn ?? placeZh ?? ""), place);
    public static Message AResident => new("Certification.AResident");

    /// <summary>A reason of <see cref="ReasonView"/> as a sentence.</summary>
    public static Message Sentence(ReasonView r) => r.Code switch
    {
        "recentCase" => RecentCase(r.Person, r.ResidentId, r.Date),
        "underManagement" => UnderManagement(r.Person, r.ResidentId, r.Type, r.Until),
        "controlMissing" => ControlMissing(r.Control),
        _ => ChildNotFree(r.PlaceZh, r.PlaceEn, r.PlaceId),
    };

    private static object Person(string? person) => person is null ? AResident : person;
    private static Label TypeLabel(string? type) => new($"Cert.Type.{type}", type ?? "");

    private static Label ControlLabel(Control control) => new($"Cert.Control.{ControlNames.Name(control)}", ControlNames.Name(control));
    private static Label Status(ApplicationStatus status) => new($"Cert.App.{status}", System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString()));
}
