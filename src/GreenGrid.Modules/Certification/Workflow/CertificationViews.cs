using GreenGrid.Certification.Engine;
using GreenGrid.Places;

namespace GreenGrid.Certification.Workflow;

/// <summary>
/// One reason in a form ready to be put in words: a person (masked name) with the event and its date
/// or the day management ends, a missing control, or a child place that is not free.
/// </summary>
public sealed record ReasonView(string Code, long? ResidentId, string? Person, string? Type, DateOnly? Date, DateOnly? Until, string? Control, long? PlaceId, string? PlaceZh, string? PlaceEn);

public sealed record AttestationView(long Id, string Control, DateOnly AttestedOn, DateOnly? WithdrawnOn, string? Note);

public sealed record ApplicationView(
    long Id, long PlaceId, PlaceKind PlaceKind, string PlaceZh, string PlaceEn, ApplicationStatus Status, DateOnly AppliedOn, DateOnly FreeSince,
    DateOnly? NoticeUntil, DateOnly? CertifiedOn, string? Note, string? RejectReason, long? BatchId, int? BatchNumber, DateOnly? RevokedOn, string? RevokedReason,
    long? RevokedByEventId, string ReviewedBy, List<string> Attestations);

public sealed record LevelTotal(string Level, int Certified, int Free, int Total, double Percent);

public sealed record BatchEntry(int Seq, long PlaceId, PlaceKind Kind, string NameZh, string NameEn, DateOnly CertifiedOn, ApplicationStatus Status);

public sealed record BatchView(long Id, int Number, long ScopeId, string ScopeZh, string ScopeEn, DateOnly PublishedOn, List<LevelTotal> Totals, List<BatchEntry> Entries);

internal static class Words
{
    public static string Status(bool free) => free ? "epidemicFree" : "notEpidemicFree";

    public static string Type(EventType t) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(t.ToString());

    public static string Code(ReasonCode c) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(c.ToString());

    public static string Level(AreaKind k) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(k.ToString());

    /// <summary>王小明 → 王某: enough for a worker to know whom a reason means, not a name for everyone.</summary>
    public static string MaskName(string name) => name.Length == 0 ? name : char.IsAsciiLetter(name[0]) ? name[0] + "." : name[0] + "某";
}
