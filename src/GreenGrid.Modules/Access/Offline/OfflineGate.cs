namespace GreenGrid.Access.Offline;

public sealed record BundleKey(int Id, string PublicKey);

public sealed record HouseholdUse(long HouseholdId, int Exits);

public sealed record PassUse(long PassId, int Exits, DateTime? OutSince);

/// <summary>
/// What a gate needs to decide alone while the network is down: the public keys (never a private
/// one), the rules, the households whose passes are suspended, the revoked passes, and how the
/// day's quotas stand at <see cref="IssuedAt"/>. It is valid for the city day <see cref="Day"/>.
/// </summary>
public sealed record GateBundle(
    long GateId, long CompoundId, long[] PlaceIds, string TimeZone, DateTime IssuedAt, DateOnly Day, int ClockSkewMinutes,
    BundleKey[] Keys, QuotaRule[] QuotaRules, ClosureRules Rules, long[] SuspendedHouseholds, long[] RevokedPasses, HouseholdUse[] Households, PassUse[] Passes);

/// <summary>
/// The gate's own decider for when it is offline: the bundle plus what it has seen since, run
/// through the same <see cref="PassRules.Decide"/> as the server. Not thread-safe (one gate, one
/// queue of people).
/// </summary>
public sealed class OfflineGate
{
    private readonly GateBundle _bundle;
    private readonly PublicKeyRing _ring;
    private readonly TimeZoneInfo _zone;
    private readonly HashSet<long> _suspended;
    private readonly HashSet<long> _revoked;
    private readonly Dictionary<long, int> _householdExits;
    private readonly Dictionary<long, (int Exits, DateTime? OutSince)> _passes;
    private readonly Dictionary<int, QuotaRule> _rules;
    private readonly GateContext _context;

    public OfflineGate(GateBundle bundle)
    {
        _bundle = bundle;
        _ring = new PublicKeyRing(bundle.Keys.Select(k => (k.Id, Convert.FromBase64String(k.PublicKey))));
        _zone = TimeZoneInfo.FindSystemTimeZoneById(bundle.TimeZone);
        _suspended = [.. bundle.SuspendedHouseholds];
        _revoked = [.. bundle.RevokedPasses];
        _householdExits = bundle.Households.ToDictionary(h => h.HouseholdId, h => h.Exits);
        _passes = bundle.Passes.ToDictionary(p => p.PassId, p => (p.Exits, p.OutSince));
        _rules = bundle.QuotaRules.ToDictionary(r => r.Id);
        _context = new GateContext(bundle.GateId, bundle.CompoundId, bundle.PlaceIds, bundle.Rules);
    }

    public GateBundle Bundle => _bundle;

    /// <summary>Decides a scan at <paramref name="atUtc"/> (the gate's clock) and remembers an allowed passage for the next decisions.</summary>
    public (GateDecision Decision, long? PassId) Decide(string? token, Direction direction, decimal? temperature, bool? mask, DateTime atUtc)
    {
        var check = _ring.Verify(token);
        var local = TimeZoneInfo.ConvertTimeFromUtc(atUtc, _zone);
        var day = DateOnly.FromDateTime(local);
        var state = PassState.Fresh;
        QuotaRule? rule = null;
        if (check.Claims is { } claims)
        {
            var pass = _passes.GetValueOrDefault(claims.PassId);
            var sameDay = day == _bundle.Day;
            state = new PassState(
                _revoked.Contains(claims.PassId),
                claims.HouseholdId is { } h && _suspended.Contains(h),
                sameDay && claims.HouseholdId is { } hh ? _householdExits.GetValueOrDefault(hh) : 0,
                sameDay ? pass.Exits : 0,
                pass.OutSince);
            rule = _rules.GetValueOrDefault(claims.QuotaRuleId);
        }
        var decision = PassRules.Decide(check, _context, new ScanFacts(direction, temperature, mask, atUtc, local), state, rule, TimeSpan.FromMinutes(_bundle.ClockSkewMinutes));
        if (decision.Decision == Decision.Allow && check.Claims is { } allowed)
        {
            var (exits, _) = _passes.GetValueOrDefault(allowed.PassId);
            if (direction == Direction.Out)
            {
                _passes[allowed.PassId] = (exits + 1, atUtc);
                if (allowed.HouseholdId is { } household)
                {
                    _householdExits[household] = _householdExits.GetValueOrDefault(household) + 1;
                }
            }
            else
            {
                _passes[allowed.PassId] = (exits, null);
            }
        }
        return (decision, check.Claims?.PassId);
    }
}
