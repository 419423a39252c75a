namespace GreenGrid.Access;

/// <summary>The rules of a compound's closure order as a gate applies them (the server's cache and the offline bundle).</summary>
public sealed record ClosureRules(IReadOnlyList<long> OpenGateIds, TimeOnly? OpensAt, TimeOnly? ClosesAt, bool OutsidersAllowed, bool MaskRequired, decimal FeverThreshold)
{
    /// <summary>No order yet: one gate (the compound's first) open around the clock, outsiders turned away, masks required.</summary>
    public static ClosureRules Default(long? firstGateId) =>
        new(firstGateId is { } id ? [id] : [], null, null, OutsidersAllowed: false, MaskRequired: true, PassRules.DefaultFeverThreshold);

    public static ClosureRules Of(ClosureOrder o) => new(o.OpenGates(), o.OpensAt, o.ClosesAt, o.OutsidersAllowed, o.MaskRequired, o.FeverThreshold);
}

/// <summary>The gate where the scan happens: its compound's path ids (the compound itself included) and the rules in force.</summary>
public sealed record GateContext(long GateId, long CompoundId, IReadOnlyList<long> PlaceIds, ClosureRules Rules);

/// <summary>What the decider knows of the pass besides the token: its standing and how it was used the same day.</summary>
public sealed record PassState(bool Revoked, bool Suspended, int HouseholdExitsToday, int PassExitsToday, DateTime? OutSince)
{
    public static readonly PassState Fresh = new(false, false, 0, 0, null);
}

/// <summary>One scan to decide: <paramref name="At"/> is the UTC instant the decision is made for, <paramref name="LocalAt"/> the same in city time.</summary>
public sealed record ScanFacts(Direction Direction, decimal? Temperature, bool? Mask, DateTime At, DateTime LocalAt);

public readonly record struct GateDecision(Decision Decision, ScanReason Reason)
{
    public static GateDecision Deny(ScanReason reason) => new(Decision.Deny, reason);

    public static GateDecision Allow(ScanReason reason = ScanReason.Ok) => new(Decision.Allow, reason);
}

/// <summary>
/// The one decision function of a gate, used by the server and by the offline verifier so that
/// both answer the same for the same facts (docs/adr/0009-closed-management.md). The order of
/// the checks is the order of the reasons a guard would give: gate closed, fever, no valid
/// pass, wrong place, not valid today, revoked, no mask, then the quota of an exit. Coming home
/// is never refused for being out too long or for a household under management: it is let in
/// and flagged with that reason.
/// </summary>
public static class PassRules
{
    public const decimal DefaultFeverThreshold = 37.3m;
    public static readonly TimeSpan DefaultClockSkew = TimeSpan.FromMinutes(5);

    public static GateDecision Decide(TokenCheck token, GateContext gate, ScanFacts scan, PassState state, QuotaRule? rule, TimeSpan skew)
    {
        var rules = gate.Rules;
        if (!rules.OpenGateIds.Contains(gate.GateId) || !WithinHours(rules, TimeOnly.FromDateTime(scan.LocalAt)))
        {
            return GateDecision.Deny(ScanReason.GateClosed);
        }
        if (scan.Temperature is { } t && t >= rules.FeverThreshold)
        {
            return GateDecision.Deny(ScanReason.Fever);
        }
        if (token.Claims is not { } pass)
        {
            return token.Failure == ScanReason.Outsider && rules.OutsidersAllowed ? MaskOr(rules, scan, GateDecision.Allow()) : GateDecision.Deny(token.Failure);
        }
        if (!gate.PlaceIds.Contains(pass.PlaceId))
        {
            return GateDecision.Deny(ScanReason.WrongPlace);
        }
        if (scan.LocalAt + skew < pass.ValidFrom.ToDateTime(TimeOnly.MinValue))
        {
            return GateDecision.Deny(ScanReason.NotYetValid);
        }
        if (scan.LocalAt - skew >= pass.ValidUntil.AddDays(1).ToDateTime(TimeOnly.MinValue))
        {
            return GateDecision.Deny(ScanReason.Expired);
        }
        if (state.Revoked)
        {
            return GateDecision.Deny(ScanReason.Revoked);
        }
        if (rules.MaskRequired && scan.Mask == false)
        {
            return GateDecision.Deny(ScanReason.NoMask);
        }
        if (scan.Direction == Direction.Out)
        {
            if (state.Suspended)
            {
                return GateDecision.Deny(ScanReason.Suspended);
            }
            if (rule is not null && ((pass.HouseholdId is not null && state.HouseholdExitsToday >= rule.ExitsPerHouseholdPerDay)
                || state.PassExitsToday >= rule.ExitsPerPassPerDay))
            {
                return GateDecision.Deny(ScanReason.QuotaUsed);
            }
            return GateDecision.Allow();
        }
        if (state.Suspended)
        {
            return GateDecision.Allow(ScanReason.Suspended);
        }
        if (rule?.MaxMinutesOutside is { } minutes && state.OutSince is { } since && scan.At - since > TimeSpan.FromMinutes(minutes))
        {
            return GateDecision.Allow(ScanReason.OutTooLong);
        }
        return GateDecision.Allow();
    }

    private static GateDecision MaskOr(ClosureRules rules, ScanFacts scan, GateDecision otherwise) =>
        rules.MaskRequired && scan.Mask == false ? GateDecision.Deny(ScanReason.NoMask) : otherwise;

    public static bool WithinHours(ClosureRules rules, TimeOnly time) => (rules.OpensAt, rules.ClosesAt) switch
    {
        ({ } opens, { } closes) when opens <= closes => time >= opens && time < closes,
        ({ } opens, { } closes) => time >= opens || time < closes, // overnight
        ({ } opens, null) => time >= opens,
        (null, { } closes) => time < closes,
        _ => true,
    };
}
