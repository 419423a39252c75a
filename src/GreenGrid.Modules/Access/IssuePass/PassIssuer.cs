using GreenGrid.Cases;
using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using GreenGrid.Register;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace GreenGrid.Access.IssuePass;

/// <summary>
/// A pass to issue. A resident's pass names the resident (<see cref="HolderResidentId"/>): their
/// household shares its quota and its management suspends it; its place defaults to the
/// community of their home. Other holders are named (<see cref="HolderName"/>) with a place.
/// </summary>
public sealed record IssuePassRequest(
    HolderKind? HolderKind, long? HolderResidentId, string? HolderName, long? PlaceId, string? Purpose, DateOnly? ValidFrom, DateOnly? ValidUntil, int? QuotaRuleId);

public sealed record RevokePassRequest(string? Reason);

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
/// Issues, lists and revokes passes inside the caller's jurisdictions (a resident: their own
/// household's passes only). Issuing and revoking are audited in the same transaction.
/// </summary>
public sealed class PassIssuer(AppDb db, Caller caller, RegisterAccess register, PlaceQueries places, PassKeys keys, CaseStatuses cases, AuditLog audit, CityClock clock, ScanPass.PassLedger ledger)
{
    /// <summary>Default validity of a pass: two weeks, the length of an observation period.</summary>
    public const int DefaultValidityDays = 14;

    public async Task<Results<Created<PassView>, ValidationProblem, ProblemHttpResult>> Issue(IssuePassRequest request, CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        var errors = new ValidationErrors();
        var today = clock.Today;
        if (request.HolderKind is not { } kind)
        {
            return Problems.Invalid("holderKind", "is required: resident, worker, volunteer, courier or medicalTransport");
        }
        string? name;
        long? householdId = null;
        Place? home = null;
        if (request.HolderResidentId is { } residentId)
        {
            if (await register.Resident(residentId, ct) is not var (resident, household, building) || resident.MergedIntoId is not null || resident.Status != ResidentStatus.Present)
            {
                return Problems.Invalid("holderResidentId", $"resident {residentId} does not exist or is not on the register");
            }
            name = resident.Name;
            householdId = kind == HolderKind.Resident ? household.Id : null;
            home = building;
        }
        else
        {
            if (kind == HolderKind.Resident)
            {
                errors.Add("holderResidentId", "is required for a resident's pass");
            }
            name = errors.Text("holderName", request.HolderName, PassFieldRules.HolderNameMaxLength);
        }
        var purpose = errors.Text("purpose", request.Purpose, PassFieldRules.PurposeMaxLength, required: false);
        Place? place = null;
        if (request.PlaceId is { } placeId)
        {
            place = await places.Find(placeId, ct);
            if (place is null || place.RetiredAt is not null)
            {
                errors.Add("placeId", $"place {placeId} does not exist");
            }
            else if (place.Kind is not (PlaceKind.Compound or PlaceKind.Community))
            {
                errors.Add("placeId", $"place {placeId} is a {PlaceRules.KindName(place.Kind)}; a pass is valid in a compound or a community");
            }
            else if (kind == HolderKind.Resident && home is not null && !home.Path.StartsWith(place.Path, StringComparison.Ordinal))
            {
                errors.Add("placeId", "a resident's pass is valid where they live: their compound or community");
            }
        }
        else if (home is not null && kind == HolderKind.Resident)
        {
            // Within the community (the default rule), or the compound when the caller's jurisdiction is only the compound.
            var ancestors = await places.Ancestors(home, ct);
            foreach (var candidate in ancestors.Where(a => a.Kind is PlaceKind.Community or PlaceKind.Compound).OrderBy(a => a.Kind == PlaceKind.Community ? 0 : 1))
            {
                if (place is null && await places.Find(candidate.Id, ct) is { } visible)
                {
                    place = visible;
                }
            }
        }
        else
        {
            errors.Add("placeId", "is required: the compound or community where the pass is valid");
        }
        var from = request.ValidFrom ?? today;
        var until = request.ValidUntil ?? from.AddDays(DefaultValidityDays - 1);
        if (from < today)
        {
            errors.Add("validFrom", $"must be today ({today:yyyy-MM-dd}) or later");
        }
        if (until < from)
        {
            errors.Add("validUntil", "must be on or after validFrom");
        }
        else if (until.DayNumber - from.DayNumber >= PassFieldRules.MaxValidityDays)
        {
            errors.Add("validUntil", $"a pass is valid for at most {PassFieldRules.MaxValidityDays} days");
        }
        var quota = request.QuotaRuleId ?? (kind == HolderKind.Resident ? QuotaRule.ResidentDefaultId : QuotaRule.UnlimitedId);
        if (QuotaRules.Find(quota) is null)
        {
            errors.Add("quotaRuleId", $"quota rule {quota} does not exist (rules: {string.Join(", ", QuotaRules.All.Select(r => $"{r.Id} {r.Code}"))})");
        }
        if (!errors.IsEmpty || place is null)
        {
            return Problems.Invalid(errors.IsEmpty ? errors.Add("placeId", "no community above the resident's home") : errors);
        }
        var pass = new Pass
        {
            HolderKind = kind, HolderResidentId = request.HolderResidentId, HolderName = name!, HouseholdId = householdId, PlaceId = place.Id, Purpose = purpose,
            ValidFrom = from, ValidUntil = until, QuotaRuleId = quota, IssuedAt = clock.UtcNow, IssuedById = account.Id,
        };
        // The key first (made on first use, by its own connection), then the pass and its token in one transaction.
        (_, pass.KeyId) = await keys.Sign(k => Claims(pass, k), ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Passes().Add(pass);
        await db.SaveChangesAsync(ct);
        (pass.Token, pass.KeyId) = await keys.Sign(k => Claims(pass, k), ct);
        await audit.Add(AuditAction.Create, "pass", [pass.Id], place.Path, $"{kind} pass for {name}, {from:yyyy-MM-dd}..{until:yyyy-MM-dd}", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/passes/{pass.Id}", View(pass, place, suspended: false, today));
    }

    public static PassClaims Claims(Pass p, int keyId) =>
        new(keyId, p.Id, p.HolderKind, p.PlaceId, p.HouseholdId, p.ValidFrom, p.ValidUntil, p.QuotaRuleId);

    /// <summary>One pass, when the caller may see it (its place in their jurisdiction, or a resident's own household's).</summary>
    public async Task<PassView?> Find(long id, CancellationToken ct = default)
    {
        return await Visible(id, ct) is var (pass, _) ? (await Views([pass], ct))[0] : null;
    }

    public async Task<Results<Ok<PassView>, ValidationProblem, ProblemHttpResult>> Revoke(long id, RevokePassRequest request, CancellationToken ct)
    {
        if (await Visible(id, ct) is not var (pass, place))
        {
            return Problems.NotFound("pass", id);
        }
        var errors = new ValidationErrors();
        var reason = errors.Text("reason", request.Reason, PassFieldRules.ReasonMaxLength);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        if (pass.RevokedAt is not null)
        {
            return Problems.Conflict("id", $"pass {id} was already revoked at {pass.RevokedAt:u}");
        }
        var tracked = await db.Passes().FirstAsync(p => p.Id == id, ct);
        tracked.RevokedAt = clock.UtcNow;
        tracked.RevokeReason = reason;
        tracked.RevokedById = (await caller.Account(ct))!.Id;
        await audit.Add(AuditAction.Update, "pass", [id], place.Path, $"revoked: {reason}", ct);
        await db.SaveChangesAsync(ct);
        // Immediate at every gate: the next scan of this pass reads the revocation.
        await ledger.Forget(tracked.Id, tracked.HouseholdId, ct);
        return TypedResults.Ok((await Views([tracked], ct))[0]);
    }

    /// <summary>The passes of a household the caller may see (null when they may not), newest first.</summary>
    public async Task<List<PassView>?> OfHousehold(long householdId, CancellationToken ct = default)
    {
        var account = await caller.Account(ct);
        var own = account is { Role: Role.Resident } && account.HouseholdId == householdId;
        if (!own && await register.Household(householdId, ct) is null)
        {
            return null;
        }
        var passes = await db.Passes().AsNoTracking().Where(p => p.HouseholdId == householdId).OrderByDescending(p => p.Id).ToListAsync(ct);
        return await Views(passes, ct);
    }

    /// <summary>The passes valid in a place (compound or community) or anywhere inside it, newest first (at most <paramref name="limit"/>).</summary>
    public async Task<List<PassView>?> OfPlace(long placeId, int limit = 500, CancellationToken ct = default)
    {
        if (await places.Find(placeId, ct) is not { } place)
        {
            return null;
        }
        var inside = db.Places().Where(PlacePath.Within(place.Path)).Select(p => p.Id);
        var passes = await db.Passes().AsNoTracking().Where(p => inside.Contains(p.PlaceId)).OrderByDescending(p => p.Id).Take(limit).ToListAsync(ct);
        return await Views(passes, ct);
    }

    /// <summary>The QR code of a token as SVG (scales to any size for printing).</summary>
    public static string QrSvg(string token)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(token, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8);
    }

    /// <summary>The QR code of a token as PNG.</summary>
    public static byte[] QrPng(string token, int pixelsPerModule = 8)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(token, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }

    private async Task<(Pass Pass, Place Place)?> Visible(long id, CancellationToken ct)
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

    private async Task<List<PassView>> Views(List<Pass> passes, CancellationToken ct)
    {
        var today = clock.Today;
        var households = passes.Where(p => p.HouseholdId is not null).Select(p => p.HouseholdId!.Value).Distinct().ToList();
        var managed = households.Count == 0 ? [] : await cases.HouseholdsUnderManagement(households, today, ct);
        var placeIds = passes.Select(p => p.PlaceId).Distinct().ToList();
        var placesById = await db.Places().AsNoTracking().Where(p => placeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return passes.Select(p => View(p, placesById[p.PlaceId], p.HouseholdId is { } h && managed.Contains(h), today)).ToList();
    }

    private static PassView View(Pass p, Place place, bool suspended, DateOnly today) => new(
        p.Id, p.HolderKind, p.HolderResidentId, p.HolderName, p.HouseholdId, p.PlaceId, place.NameZh, place.NameEn, p.Purpose, p.ValidFrom, p.ValidUntil,
        p.QuotaRuleId, p.Token, p.IssuedAt, p.RevokedAt, p.RevokeReason,
        p.RevokedAt is not null ? PassStatus.Revoked
        : today > p.ValidUntil ? PassStatus.Expired
        : today < p.ValidFrom ? PassStatus.NotYetValid
        : suspended ? PassStatus.Suspended
        : PassStatus.Active);
}
