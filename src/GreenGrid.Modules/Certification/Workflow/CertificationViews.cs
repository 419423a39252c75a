using GreenGrid.Certification.Engine;
using GreenGrid.Places;

namespace GreenGrid.Certification.Workflow;

/// <summary>
/// One reason in a form ready to be put in words: a person (masked name) with the event and its date
/// or the day management ends, a missing control, or a child place that is not free.
/// </summary>
public sealed record ReasonView(string Code, long? ResidentId, string? Person, string? Type, DateOnly? Date, DateOnly? Until, string? Control, long? PlaceId, string? PlaceZh, string? PlaceEn);

public sealed record ChildStatus(long Id, PlaceKind Kind, string NameZh, string NameEn, string Status, DateOnly? FreeSince, DateOnly? FreeFrom, ApplicationStatus? Certification);

public sealed record AttestationView(long Id, string Control, DateOnly AttestedOn, DateOnly? WithdrawnOn, string? Note);

/// <summary>What the certified place may relax (a reopening rule), from which day, and whether it may on the day asked about.</summary>
public sealed record ReopeningView(string Relaxation, int AfterDays, DateOnly From, bool InForce);

/// <summary>A place's certification on a day: status, why, when it can become free, its children, controls, its application, what it may relax.</summary>
public sealed record CertificationView(
    long PlaceId, PlaceKind Kind, string NameZh, string NameEn, DateOnly AsOf, string Standard, string Status, DateOnly? FreeSince, DateOnly? FreeFrom,
    List<ReasonView> Reasons, bool Eligible, ApplicationView? Certification, List<ChildStatus> Children, List<AttestationView> Controls, List<ReopeningView> Reopening);

public sealed record ApplicationView(
    long Id, long PlaceId, PlaceKind PlaceKind, string PlaceZh, string PlaceEn, ApplicationStatus Status, DateOnly AppliedOn, DateOnly FreeSince,
    DateOnly? NoticeUntil, DateOnly? CertifiedOn, string? Note, string? RejectReason, long? BatchId, int? BatchNumber, DateOnly? RevokedOn, string? RevokedReason,
    long? RevokedByEventId, string ReviewedBy, List<string> Attestations);

public sealed record LevelTotal(string Level, int Certified, int Free, int Total, double Percent);

public sealed record BatchEntry(int Seq, long PlaceId, PlaceKind Kind, string NameZh, string NameEn, DateOnly CertifiedOn, ApplicationStatus Status);

public sealed record BatchView(long Id, int Number, long ScopeId, string ScopeZh, string ScopeEn, DateOnly PublishedOn, List<LevelTotal> Totals, List<BatchEntry> Entries);

public sealed record BatchSummary(long Id, int Number, long ScopeId, string ScopeZh, string ScopeEn, DateOnly PublishedOn, int Places, List<LevelTotal> Totals);

/// <summary>The batches the caller can see, when the next is due, and how many approved places wait for it.</summary>
public sealed record BatchList(List<BatchSummary> Batches, DateOnly NextDue, int Waiting);

public sealed record AlertView(long Id, long PlaceId, PlaceKind Kind, string NameZh, string NameEn, long ApplicationId, long? CaseEventId, string? EventType, DateOnly? EventDate, DateOnly RaisedOn, string Message);

public sealed record CurvePoint(DateOnly Day, double Compounds, double Communities, double Subdistricts);

public sealed record CurveView(long PlaceId, DateOnly From, DateOnly To, int CompoundTotal, int CommunityTotal, int SubdistrictTotal, List<CurvePoint> Days);

/// <summary>A node of the status map (a treemap): leaves are compounds, each worth 1.</summary>
public sealed record MapNode(long Id, PlaceKind Kind, string NameZh, string NameEn, bool Free, bool Certified, int Compounds, List<MapNode> Children);

public sealed record ControlInput(string? Control, DateOnly? Date, string? Note);

public sealed record WithdrawInput(DateOnly? Date);

public sealed record ApplyInput(string? Note);

public sealed record RejectInput(string? Reason);

internal static class Words
{
    public static string Status(bool free) => free ? "epidemicFree" : "notEpidemicFree";

    public static string Type(EventType t) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(t.ToString());

    public static string Code(ReasonCode c) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(c.ToString());

    public static string Level(AreaKind k) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(k.ToString());

    /// <summary>王小明 → 王某: enough for a worker to know whom a reason means, not a name for everyone.</summary>
    public static string MaskName(string name) => name.Length == 0 ? name : char.IsAsciiLetter(name[0]) ? name[0] + "." : name[0] + "某";
}
