using GreenGrid.Certification.ReadCertification;
using GreenGrid.Certification.Workflow;
using GreenGrid.Components.Shared;
using GreenGrid.Resources;
using Microsoft.Extensions.Localization;

namespace GreenGrid.Certification.Pages;

/// <summary>The certification's statuses and reasons in the reader's language.</summary>
internal static class CertWords
{
    public static string Day(DateOnly? d) => d?.ToString("yyyy-MM-dd") ?? "—";

    public static string Control(this IStringLocalizer<UiText> t, string control) => t[$"Cert.Control.{control}"];

    public static string Reason(this IStringLocalizer<UiText> t, ReasonView r) => r.Code switch
    {
        "recentCase" => t["Cert.Reason.RecentCase", r.Person ?? "?", Day(r.Date), Day(r.Until)],
        "underManagement" when r.Until is not null => t["Cert.Reason.UnderManagement", r.Person ?? "?", t[$"Cert.Type.{r.Type}"], Day(r.Until)],
        "underManagement" => t["Cert.Reason.UnderManagementOpen", r.Person ?? "?", t[$"Cert.Type.{r.Type}"]],
        "controlMissing" => t["Cert.Reason.ControlMissing", t.Control(r.Control ?? "")],
        _ => t["Cert.Reason.ChildNotFree", Labels.IsChinese ? r.PlaceZh ?? "" : r.PlaceEn ?? ""],
    };

    /// <summary>"Not epidemic-free: 王某 confirmed on 2020-03-02 (until 2020-03-16); disinfection not attested".</summary>
    public static string Sentence(this IStringLocalizer<UiText> t, CertificationView v) => v.Status == "epidemicFree"
        ? t["Cert.FreeSince", Day(v.FreeSince)]
        : t["Cert.NotFree"] + (v.Reasons.Count == 0 ? "" : (Labels.IsChinese ? "：" : ": ") + string.Join(Labels.IsChinese ? "；" : "; ", v.Reasons.Take(8).Select(t.Reason))
            + (v.Reasons.Count > 8 ? t["Cert.AndMore", v.Reasons.Count - 8] : ""));

    public static string Status(this IStringLocalizer<UiText> t, ApplicationStatus s) => t[$"Cert.App.{s}"];

    public static string Name(string zh, string en) => Labels.IsChinese ? zh : en;
}
