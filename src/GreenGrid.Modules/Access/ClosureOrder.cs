namespace GreenGrid.Access;

/// <summary>
/// A closure order (封闭管理令) of a compound: which gates are open, the hours, and the rules in force
/// from a moment on. Orders are never changed: a new order replaces the one in force from its
/// <see cref="EffectiveFrom"/>, so the history stays; every order is audited when issued.
/// A compound without an order is closed to one gate (its first) around the clock, with the defaults below.
/// </summary>
public sealed class ClosureOrder
{
    public long Id { get; set; }
    public long CompoundId { get; set; }

    /// <summary>The open gates' ids, comma-separated (by default one).</summary>
    public string OpenGateIds { get; set; } = "";

    /// <summary>Opening hours in the city's time; both null means around the clock.</summary>
    public TimeOnly? OpensAt { get; set; }
    public TimeOnly? ClosesAt { get; set; }

    /// <summary>Whether holders without a pass of this place may come in (封闭: no).</summary>
    public bool OutsidersAllowed { get; set; }

    public bool MaskRequired { get; set; } = true;

    /// <summary>A temperature at or above this denies passage and raises a fever alert.</summary>
    public decimal FeverThreshold { get; set; } = PassRules.DefaultFeverThreshold;

    public string? Note { get; set; }
    public DateTime EffectiveFrom { get; set; }
    public DateTime IssuedAt { get; set; }
    public long IssuedById { get; set; }

    public IReadOnlyList<long> OpenGates() =>
        OpenGateIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToArray();

    /// <summary>Whether the order has taken effect by <paramref name="utc"/> (the latest such order is the one in force).</summary>
    public bool EffectiveBy(DateTime utc) => EffectiveFrom <= utc;

    /// <summary>
    /// A new order issued at <paramref name="now"/>. It never takes effect in the past: an order
    /// meant from a moment already gone is in force from <paramref name="now"/>, so the history of
    /// the orders before it stays as it was.
    /// </summary>
    public static ClosureOrder Issue(
        long compoundId, IEnumerable<long> openGateIds, TimeOnly? opensAt, TimeOnly? closesAt, bool outsidersAllowed, bool maskRequired, decimal feverThreshold,
        DateTime effectiveFrom, DateTime now, long issuedById, string? note) => new()
    {
        CompoundId = compoundId, OpenGateIds = string.Join(",", openGateIds), OpensAt = opensAt, ClosesAt = closesAt,
        OutsidersAllowed = outsidersAllowed, MaskRequired = maskRequired, FeverThreshold = feverThreshold,
        EffectiveFrom = effectiveFrom < now ? now : effectiveFrom, IssuedAt = now, IssuedById = issuedById, Note = note,
    };
}

/// <summary>
/// How often a pass may be used to go out, as data (issue: "one person per household per day, at
/// most 2 hours outside, within the community"). The token carries the rule's id; the offline bundle
/// carries the rules.
/// </summary>
public sealed class QuotaRule
{
    public const int ResidentDefaultId = 1;
    public const int UnlimitedId = 2;

    public int Id { get; set; }
    public required string Code { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }

    /// <summary>Exits allowed per household per city day (all its passes together); null: no limit.</summary>
    public int? ExitsPerHouseholdPerDay { get; set; }

    /// <summary>Exits allowed per pass per city day; null: no limit.</summary>
    public int? ExitsPerPassPerDay { get; set; }

    /// <summary>Minutes a holder may stay out; a later return is let in but flagged <c>outTooLong</c>. Null: no limit.</summary>
    public int? MaxMinutesOutside { get; set; }

    public static readonly QuotaRule[] Defaults =
    [
        new() { Id = ResidentDefaultId, Code = "resident", NameZh = "每户每天一人外出两小时", NameEn = "One person per household per day, two hours",
            ExitsPerHouseholdPerDay = 1, ExitsPerPassPerDay = 1, MaxMinutesOutside = 120 },
        new() { Id = UnlimitedId, Code = "duty", NameZh = "工作通行不限次", NameEn = "On duty, no limit" },
    ];
}
