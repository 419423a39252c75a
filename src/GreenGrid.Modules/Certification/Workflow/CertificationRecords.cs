using System.Text.Json;
using GreenGrid.Certification.Engine;
using GreenGrid.Places;

namespace GreenGrid.Certification.Workflow;

/// <summary>
/// A version of the standard as data (table <c>certification_standards</c>): the one in force on a
/// day is the latest whose <see cref="EffectiveFrom"/> is on or before it. The Wuhan 2020 standard is seeded.
/// A version is added, never edited: a changed standard is a new version.
/// </summary>
public sealed class StandardVersion
{
    public long Id { get; init; }
    public required string Version { get; init; }
    public DateOnly EffectiveFrom { get; init; }
    public int QuietDays { get; init; }
    public int ObservationDays { get; init; }
    public bool CountAsymptomatic { get; init; }

    /// <summary>The required controls, comma-separated camelCase names (publicity,closedManagement,…).</summary>
    public required string RequiredControls { get; init; }

    public CertificationStandard ToStandard() => new(Version, QuietDays, ObservationDays, CountAsymptomatic,
        RequiredControls.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ControlNames.Parse).ToArray());
}

/// <summary>
/// One of the six controls (六个到位) attested for a compound by its community, with the day it is in place;
/// withdrawable once, through <see cref="Withdraw"/>.
/// </summary>
public sealed class ControlAttestation
{
    public long Id { get; set; }
    public long CompoundId { get; set; }
    public string CompoundPath { get; set; } = "";
    public Control Control { get; set; }
    public DateOnly AttestedOn { get; set; }
    public DateOnly? WithdrawnOn { get; private set; }
    public string? Note { get; set; }
    public DateTime AttestedAt { get; set; }
    public long AttestedById { get; set; }
    public DateTime? WithdrawnAt { get; private set; }
    public long? WithdrawnById { get; private set; }

    /// <summary>The control is no longer in place from <paramref name="on"/>: once, and not before it was attested.</summary>
    public void Withdraw(DateOnly on, DateTime at, long byId)
    {
        if (WithdrawnOn is not null)
        {
            throw new InvalidOperationException($"attestation {Id} was already withdrawn on {WithdrawnOn:yyyy-MM-dd}");
        }
        if (on < AttestedOn)
        {
            throw new InvalidOperationException($"attestation {Id} cannot be withdrawn before it was attested");
        }
        WithdrawnOn = on;
        WithdrawnAt = at;
        WithdrawnById = byId;
    }
}

public enum ApplicationStatus
{
    /// <summary>Waiting for the reviewing level (and, for a sub-district or district, the public notice to end).</summary>
    Pending,
    /// <summary>Certified epidemic-free (无疫情) since the approval; published in the next batch.</summary>
    Approved,
    Rejected,
    /// <summary>Was certified; a new case or person under management (or a withdrawn control) pulled it back.</summary>
    Revoked,
}

/// <summary>
/// An application to certify a place epidemic-free, its review, its batch and its revocation: the
/// whole life of one certification in one row (each step also in the audit log). It moves only through
/// its methods: pending → <see cref="Approve">approved</see> or <see cref="Reject">rejected</see>;
/// approved → <see cref="AddToBatch">in a batch</see> and <see cref="Revoke">revoked</see>. A row may be
/// created already further on (an imported or seeded history): those fields take an initial value.
/// </summary>
public sealed class CertificationApplication
{
    // Settable once when the row is created, then changed only by the methods below (EF reads and writes the fields).
    private ApplicationStatus _status;
    private DateOnly? _certifiedOn;
    private long? _batchId;
    private int? _batchSeq;
    private DateOnly? _revokedOn;
    private string? _revokedReason;

    public long Id { get; set; }
    public long PlaceId { get; set; }
    public string PlacePath { get; set; } = "";
    public PlaceKind PlaceKind { get; set; }
    public ApplicationStatus Status { get => _status; init => _status = value; }
    public required string StandardVersion { get; set; }
    public DateOnly AppliedOn { get; set; }
    public DateTime AppliedAt { get; set; }
    public long AppliedById { get; set; }

    /// <summary>The first day of the place's free run when it applied.</summary>
    public DateOnly FreeSince { get; set; }

    /// <summary>The compounds' attestations the application rests on, as "compoundId:control:date" lines.</summary>
    public string Attestations { get; set; } = "";
    public string? Note { get; set; }

    /// <summary>For a sub-district or district: the last day of the public notice (公示); it cannot be approved before the next day.</summary>
    public DateOnly? NoticeUntil { get; set; }
    public DateTime? ReviewedAt { get; private set; }
    public long? ReviewedById { get; private set; }
    public string? RejectReason { get; private set; }

    /// <summary>The day it was approved: certified from this day.</summary>
    public DateOnly? CertifiedOn { get => _certifiedOn; init => _certifiedOn = value; }
    public long? BatchId { get => _batchId; init => _batchId = value; }

    /// <summary>The place's number in its batch's list.</summary>
    public int? BatchSeq { get => _batchSeq; init => _batchSeq = value; }
    public DateOnly? RevokedOn { get => _revokedOn; init => _revokedOn = value; }
    public DateTime? RevokedAt { get; private set; }
    public string? RevokedReason { get => _revokedReason; init => _revokedReason = value; }
    public long? RevokedByEventId { get; private set; }

    /// <summary>Certified epidemic-free from <paramref name="on"/>; only a pending application is approved.</summary>
    public void Approve(DateOnly on, DateTime at, long reviewerId)
    {
        Expect(ApplicationStatus.Pending, "approved");
        _status = ApplicationStatus.Approved;
        _certifiedOn = on;
        ReviewedAt = at;
        ReviewedById = reviewerId;
    }

    /// <summary>Refused with a reason; only a pending application is rejected.</summary>
    public void Reject(string reason, DateTime at, long reviewerId)
    {
        Expect(ApplicationStatus.Pending, "rejected");
        _status = ApplicationStatus.Rejected;
        RejectReason = reason;
        ReviewedAt = at;
        ReviewedById = reviewerId;
    }

    /// <summary>Listed in a batch at number <paramref name="seq"/>; only an approved application not in a batch yet.</summary>
    public void AddToBatch(long batchId, int seq)
    {
        Expect(ApplicationStatus.Approved, "published");
        if (_batchId is not null)
        {
            throw new InvalidOperationException($"application {Id} is already in batch {_batchId}");
        }
        _batchId = batchId;
        _batchSeq = seq;
    }

    /// <summary>
    /// Pulled back from <paramref name="on"/> (a reason longer than the column is cut), by a case event when
    /// one caused it; only a certification in force is revoked. Raise its <see cref="CertificationAlert.RevocationOf">alert</see>.
    /// </summary>
    public void Revoke(DateOnly on, DateTime at, string reason, long? causeEventId)
    {
        Expect(ApplicationStatus.Approved, "revoked");
        _status = ApplicationStatus.Revoked;
        _revokedOn = on;
        RevokedAt = at;
        _revokedReason = reason.Length > CertificationRules.RevokedReasonMaxLength ? reason[..(CertificationRules.RevokedReasonMaxLength - 1)] + "…" : reason;
        RevokedByEventId = causeEventId;
    }

    private void Expect(ApplicationStatus status, string step)
    {
        if (_status != status)
        {
            throw new InvalidOperationException($"application {Id} is {_status}, not {status}: it cannot be {step}");
        }
    }
}

/// <summary>A published list of newly certified places (第N批无疫情小区), numbered per scope, with the totals per level on the day.</summary>
public sealed class CertificationBatch
{
    public long Id { get; set; }

    /// <summary>The jurisdiction the batch was published for (the HQ's place): its places and totals.</summary>
    public long ScopeId { get; set; }
    public string ScopePath { get; set; } = "";
    public int Number { get; set; }
    public DateOnly PublishedOn { get; set; }
    public DateTime PublishedAt { get; set; }
    public long PublishedById { get; set; }

    /// <summary>JSON of the totals per level (certified, free, total) on the day of publication; see <see cref="RecordTotals"/>.</summary>
    public string Totals { get; private set; } = "[]";

    /// <summary>The totals per level as published.</summary>
    public List<LevelTotal> TotalsPerLevel() => JsonSerializer.Deserialize<List<LevelTotal>>(Totals, JsonSerializerOptions.Web) ?? [];

    /// <summary>The totals on the day of publication, counted once its places are listed.</summary>
    public void RecordTotals(IReadOnlyList<LevelTotal> totals) => Totals = JsonSerializer.Serialize(totals, JsonSerializerOptions.Web);
}

/// <summary>An alert for the reviewers: a certified place was revoked (or a pending one stopped being eligible). Never changes once raised.</summary>
public sealed class CertificationAlert
{
    public long Id { get; set; }
    public long PlaceId { get; init; }
    public string PlacePath { get; init; } = "";
    public long ApplicationId { get; init; }
    public long? CaseEventId { get; init; }
    public DateTime RaisedAt { get; init; }
    public DateOnly RaisedOn { get; init; }
    public required string Message { get; init; }

    /// <summary>The alert of a revocation that was just made (<see cref="CertificationApplication.Revoke"/>): when, why and by which event.</summary>
    public static CertificationAlert RevocationOf(CertificationApplication revoked) => new()
    {
        PlaceId = revoked.PlaceId, PlacePath = revoked.PlacePath, ApplicationId = revoked.Id, CaseEventId = revoked.RevokedByEventId,
        RaisedAt = revoked.RevokedAt ?? throw new InvalidOperationException($"application {revoked.Id} is not revoked"), RaisedOn = revoked.RevokedOn!.Value,
        Message = $"certification revoked: {revoked.RevokedReason}",
    };
}

/// <summary>
/// What a certified place may relax, and after how many days certified (table
/// <c>certification_reopening_rules</c>; default: movement inside the compound after 7 days). Configuration
/// data: the workflow reads it, never changes it.
/// </summary>
public sealed class ReopeningRule
{
    public long Id { get; init; }

    /// <summary>A code the UI translates: movementInsideCompound, shopsInsideCompound, …</summary>
    public required string Relaxation { get; init; }

    /// <summary>The level the rule applies to (a compound, a community…); null for every level.</summary>
    public PlaceKind? AppliesTo { get; init; }
    public int AfterDays { get; init; }
}

/// <summary>The camelCase names of the controls, as the API and the scenario use them.</summary>
public static class ControlNames
{
    public static string Name(Control c) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(c.ToString());

    public static Control Parse(string name) => TryParse(name, out var c) ? c : throw new FormatException($"unknown control '{name}'");

    public static bool TryParse(string? name, out Control control) =>
        Enum.TryParse(name, ignoreCase: true, out control) && Enum.IsDefined(control) && !int.TryParse(name, out _);
}
