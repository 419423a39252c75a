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

    private static Label ControlLabel(Control control) => new($"Cert.Control.{ControlNames.Name(control)}", ControlNames.Name(control));
    private static Label Status(ApplicationStatus status) => new($"Cert.App.{status}", System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString()));
}
