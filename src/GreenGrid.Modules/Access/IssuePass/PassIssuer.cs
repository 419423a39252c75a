using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using GreenGrid.Register;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Access.IssuePass;

/// <summary>
/// A pass to issue. A resident's pass names the resident (<see cref="HolderResidentId"/>): their
/// household shares its quota and its management suspends it; its place defaults to the
/// community of their home. Other holders are named (<see cref="HolderName"/>) with a place.
/// </summary>
public sealed record IssuePassRequest(
    HolderKind? HolderKind, long? HolderResidentId, string? HolderName, long? PlaceId, string? Purpose, DateOnly? ValidFrom, DateOnly? ValidUntil, int? QuotaRuleId);

/// <summary>
/// Issues a pass inside the caller's jurisdictions, with its signed token, audited in the same
/// transaction. A resident's pass is for someone on the register whom the caller may see.
/// </summary>
internal sealed class PassIssuer(AppDb db, Caller caller, PlaceQueries places, PassKeys keys, AuditLog audit, CityClock clock)
{
    /// <summary>Default validity of a pass: two weeks, the length of an observation period.</summary>
    public const int DefaultValidityDays = 14;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/passes", (IssuePassRequest request, PassIssuer issuer, CancellationToken ct) => issuer.Issue(request, ct))
            .WithSummary("Issue a pass (resident, worker, volunteer, courier, medical transport) with its signed token (audited).");

    public async Task<Results<Created<PassView>, ValidationProblem, ProblemHttpResult>> Issue(IssuePassRequest request, CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        var errors = new ValidationErrors();
        var today = clock.Today;
        if (request.HolderKind is not { } kind)
        {
            return Problems.Invalid("holderKind", AccessMessages.HolderKindRequired);
        }
        string? name;
        long? householdId = null;
        Place? home = null;
        if (request.HolderResidentId is { } residentId)
        {
            if (await Holder(residentId, ct) is not var (resident, building) || resident.MergedIntoId is not null || resident.Status != ResidentStatus.Present)
            {
                return Problems.Invalid("holderResidentId", AccessMessages.HolderNotOnRegister(residentId));
            }
            name = resident.Name;
            householdId = kind == HolderKind.Resident ? resident.HouseholdId : null;
            home = building;
        }
        else
        {
            if (kind == HolderKind.Resident)
            {
                errors.Add("holderResidentId", AccessMessages.HolderResidentRequired);
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
                errors.Add("placeId", PlaceMessages.NotFound(placeId));
            }
            else if (place.Kind is not (PlaceKind.Compound or PlaceKind.Community))
            {
                errors.Add("placeId", AccessMessages.PassPlaceKind(placeId, place.Kind));
            }
            else if (kind == HolderKind.Resident && home is not null && !home.Path.StartsWith(place.Path, StringComparison.Ordinal))
            {
                errors.Add("placeId", AccessMessages.PassWhereTheyLive);
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
            errors.Add("placeId", AccessMessages.PassPlaceRequired);
        }
        var from = request.ValidFrom ?? today;
        var until = request.ValidUntil ?? from.AddDays(DefaultValidityDays - 1);
        if (from < today)
        {
            errors.Add("validFrom", AccessMessages.ValidFromToday(today));
        }
        if (until < from)
        {
            errors.Add("validUntil", AccessMessages.ValidUntilBeforeFrom);
        }
        else if (until.DayNumber - from.DayNumber >= PassFieldRules.MaxValidityDays)
        {
            errors.Add("validUntil", AccessMessages.ValidityTooLong(PassFieldRules.MaxValidityDays));
        }
        var quota = request.QuotaRuleId ?? (kind == HolderKind.Resident ? QuotaRule.ResidentDefaultId : QuotaRule.UnlimitedId);
        if (QuotaRules.Find(quota) is null)
        {
            errors.Add("quotaRuleId", AccessMessages.QuotaRuleUnknown(quota, string.Join(", ", QuotaRules.All.Select(r => $"{r.Id} {r.Code}"))));
        }
        if (!errors.IsEmpty || place is null)
        {
            return Problems.Invalid(errors.IsEmpty ? errors.Add("placeId", AccessMessages.NoCommunityAboveHome) : errors);
        }
        // The key first (made on first use, by its own connection), then the pass and its token in one transaction.
        var pass = new Pass
        {
            HolderKind = kind, HolderResidentId = request.HolderResidentId, HolderName = name!, HouseholdId = householdId, PlaceId = place.Id, Purpose = purpose,
            ValidFrom = from, ValidUntil = until, QuotaRuleId = quota, IssuedAt = clock.UtcNow, IssuedById = account.Id, KeyId = await keys.SigningKeyId(ct),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Passes().Add(pass);
        await db.SaveChangesAsync(ct);
        // The token carries the pass's id, which the database has just assigned.
        var (token, keyId) = await keys.Sign(k => Claims(pass, k), ct);
        pass.Sign(token, keyId);
        await audit.Add(AuditAction.Create, "pass", [pass.Id], place.Path, $"{kind} pass for {name}, {from:yyyy-MM-dd}..{until:yyyy-MM-dd}", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/passes/{pass.Id}", PassViews.Of(pass, place, suspended: false, today));
    }

    public static PassClaims Claims(Pass p, int keyId) =>
        new(keyId, p.Id, p.HolderKind, p.PlaceId, p.HouseholdId, p.ValidFrom, p.ValidUntil, p.QuotaRuleId);

    /// <summary>
    /// The register's record of a pass holder with their building, when that building lies in the
    /// caller's jurisdictions (as the register's own pages decide it); else null.
    /// </summary>
    private async Task<(RegisteredPerson Resident, Place Building)?> Holder(long residentId, CancellationToken ct)
    {
        var found = await RegisterReads.Records(db).Where(r => r.Id == residentId)
            .Join(RegisterReads.Households(db), r => r.HouseholdId, h => h.Id, (r, h) => new { Resident = r, h.BuildingId })
            .FirstOrDefaultAsync(ct);
        return found is not null && await places.Find(found.BuildingId, ct) is { Kind: PlaceKind.Building } building ? (found.Resident, building) : null;
    }
}
