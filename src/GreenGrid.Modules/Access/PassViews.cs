using GreenGrid.Cases;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Access;

public enum PassStatus
{
    Active,
    NotYetValid,
    Expired,
    Revoked,
    Suspended,
}

public sealed record PassView(
    long Id, HolderKind HolderKind, long? HolderResidentId, string HolderName, long? HouseholdId, long PlaceId, string PlaceNameZh, string PlaceNameEn,
    string? Purpose, DateOnly ValidFrom, DateOnly ValidUntil, int QuotaRuleId, string Token, DateTime IssuedAt, DateTime? RevokedAt, string? RevokeReason, PassStatus Status);

/// <summary>
/// What the pass use cases share: which passes the caller may see (a pass of a place in their
/// jurisdiction, or for a resident their own household's) and how a pass is shown, with its status
/// of today (a resident's pass is suspended while the household is under management).
/// </summary>
internal sealed class PassViews(AppDb db, Caller caller, CaseStatuses cases, CityClock clock)
{
    /// <summary>The pass (untracked) and its place, when the caller may see it; else null.</summary>
    public async Task<(Pass Pass, Place Place)?> Visible(long id, CancellationToken ct)
    {
        var pass = await db.Passes().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (pass is null || await caller.Account(ct) is not { } account)
        {
            return null;
        }
        var place = await db.Places().AsNoTracking().FirstAsync(p => p.Id == pass.PlaceId, ct);
        var own = account.Role == Role.Resident && pass.HouseholdId is not null && account.HouseholdId == pass.HouseholdId;
        var covered = account.Role != Role.Resident && account.Covers(place);
        return own || covered ? (pass, place) : null;
    }

    /// <summary>One pass, when the caller may see it.</summary>
    public async Task<PassView?> Find(long id, CancellationToken ct = default) =>
        await Visible(id, ct) is var (pass, _) ? (await Of([pass], ct))[0] : null;

    /// <summary>The passes as shown, in the order given: one query for their places, one for the households under management.</summary>
    public async Task<List<PassView>> Of(List<Pass> passes, CancellationToken ct)
    {
        var today = clock.Today;
        var households = passes.Where(p => p.HouseholdId is not null).Select(p => p.HouseholdId!.Value).Distinct().ToList();
        var managed = households.Count == 0 ? [] : await cases.HouseholdsUnderManagement(households, today, ct);
        var placeIds = passes.Select(p => p.PlaceId).Distinct().ToList();
        var placesById = await db.Places().AsNoTracking().Where(p => placeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return passes.Select(p => Of(p, placesById[p.PlaceId], p.HouseholdId is { } h && managed.Contains(h), today)).ToList();
    }

    public static PassView Of(Pass p, Place place, bool suspended, DateOnly today) => new(
        p.Id, p.HolderKind, p.HolderResidentId, p.HolderName, p.HouseholdId, p.PlaceId, place.NameZh, place.NameEn, p.Purpose, p.ValidFrom, p.ValidUntil,
        p.QuotaRuleId, p.Token, p.IssuedAt, p.RevokedAt, p.RevokeReason,
        p.RevokedAt is not null ? PassStatus.Revoked
        : today > p.ValidUntil ? PassStatus.Expired
        : today < p.ValidFrom ? PassStatus.NotYetValid
        : suspended ? PassStatus.Suspended
        : PassStatus.Active);
}
