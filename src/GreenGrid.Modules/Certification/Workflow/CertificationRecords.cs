using GreenGrid.Certification.Engine;
using GreenGrid.Places;

namespace GreenGrid.Certification.Workflow;

/// <summary>
/// A version of the standard as data (table <c>certification_standards</c>): the one in force on a
/// day is the latest whose <see cref="EffectiveFrom"/> is on or before it. The Wuhan 2020 standard is seeded.
/// </summary>
public sealed class StandardVersion
{
    public long Id { get; set; }
    public required string Version { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public int QuietDays { get; set; }
    public int ObservationDays { get; set; }
    public bool CountAsymptomatic { get; set; }

    /// <summary>The required controls, comma-separated camelCase names (publicity,closedManagement,…).</summary>
    public required string RequiredControls { get; set; }

    public CertificationStandard ToStandard() => new(Version, QuietDays, ObservationDays, CountAsymptomatic,
        RequiredControls.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ControlNames.Parse).ToArray());
}

/// <summary>One of the six controls (六个到位) attested for a compound by its community, with the day it is in place; withdrawable.</summary>
public sealed class ControlAttestation
{
    public long Id { get; set; }
    public long CompoundId { get; set; }
    public string CompoundPath { get; set; } = "";
    public Control Control { get; set; }
    public DateOnly AttestedOn { get; set; }
    public DateOnly? WithdrawnOn { get; set; }
    public string? Note { get; set; }
    public DateTime AttestedAt { get; set; }
    public long AttestedById { get; set; }
    public DateTime? WithdrawnAt { get; set; }
    public long? WithdrawnById { get; set; }
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
/// whole life of one certification in one row (each step also in the audit log).
/// </summary>
public sealed class CertificationApplication
{
    public long Id { get; set; }
    public long PlaceId { get; set; }
    public string PlacePath { get; set; } = "";
    public PlaceKind PlaceKind { get; set; }
    public ApplicationStatus Status { get; set; }
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
    public DateTime? ReviewedAt { get; set; }
    public long? ReviewedById { get; set; }
    public string? RejectReason { get; set; }

    /// <summary>The day it was approved: certified from this day.</summary>
    public DateOnly? CertifiedOn { get; set; }
    public long? BatchId { get; set; }

    /// <summary>The place's number in its batch's list.</summary>
    public int? BatchSeq { get; set; }
    public DateOnly? RevokedOn { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
    public long? RevokedByEventId { get; set; }
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

    /// <summary>JSON of the totals per level (certified, free, total) on the day of publication.</summary>
    public string Totals { get; set; } = "[]";
}

/// <summary>An alert for the reviewers: a certified place was revoked (or a pending one stopped being eligible).</summary>
public sealed class CertificationAlert
{
    public long Id { get; set; }
    public long PlaceId { get; set; }
    public string PlacePath { get; set; } = "";
    public long ApplicationId { get; set; }
    public long? CaseEventId { get; set; }
    public DateTime RaisedAt { get; set; }
    public DateOnly RaisedOn { get; set; }
    public required string Message { get; set; }
}

/// <summary>
/// What a certified place may relax, and after how many days certified (table
/// <c>certification_reopening_rules</c>; default: movement inside the compound after 7 days).
/// </summary>
public sealed class ReopeningRule
{
    public long Id { get; set; }

    /// <summary>A code the UI translates: movementInsideCompound, shopsInsideCompound, …</summary>
    public required string Relaxation { get; set; }

    /// <summary>The level the rule applies to (a compound, a community…); null for every level.</summary>
    public PlaceKind? AppliesTo { get; set; }
    public int AfterDays { get; set; }
}

/// <summary>The camelCase names of the controls, as the API and the scenario use them.</summary>
public static class ControlNames
{
    public static string Name(Control c) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(c.ToString());

    public static Control Parse(string name) => TryParse(name, out var c) ? c : throw new FormatException($"unknown control '{name}'");

    public static bool TryParse(string? name, out Control control) =>
        Enum.TryParse(name, ignoreCase: true, out control) && Enum.IsDefined(control) && !int.TryParse(name, out _);
}
