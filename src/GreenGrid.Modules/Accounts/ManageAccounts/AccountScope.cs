using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Register;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Accounts.ManageAccounts;

/// <summary>
/// What the administration's use cases share: which accounts an administrator manages (an account is theirs when
/// every place it covers, or a resident's household, lies inside their own jurisdictions) and what they may give
/// (only places they cover themselves).
/// </summary>
internal sealed class AccountScope(AppDb db, Caller caller)
{
    /// <summary>The account's jurisdiction ids when the caller may manage it, else null.</summary>
    public async Task<long[]?> Of(Account account, CancellationToken ct)
    {
        if (await caller.Account(ct) is not { } me || !me.Has(Permissions.AccountsManage))
        {
            return null;
        }
        var places = await db.Places().AsNoTracking()
            .Where(p => db.AccountJurisdictions.Any(j => j.AccountId == account.Id && j.PlaceId == p.Id)).ToListAsync(ct);
        if (account.HouseholdId is { } householdId)
        {
            var building = await db.Places().AsNoTracking()
                .FirstOrDefaultAsync(p => RegisterReads.Households(db).Any(h => h.Id == householdId && h.BuildingId == p.Id), ct);
            return building is not null && me.Covers(building) ? places.Select(p => p.Id).ToArray() : null;
        }
        return places.Count > 0 && places.All(me.Covers) ? places.Select(p => p.Id).ToArray() : null;
    }

    /// <summary>
    /// The role, jurisdictions and household asked for, checked: places and households outside the caller's reach
    /// do not exist; a resident has a household and no jurisdiction, everyone else at least one place and no household.
    /// </summary>
    public async Task<(Role Role, List<Place> Jurisdictions, long? HouseholdId)> Assignment(
        ValidationErrors errors, Role? role, long[]? jurisdictionIds, long? householdId, CancellationToken ct)
    {
        var me = await caller.Account(ct);
        if (role is null)
        {
            errors.Add("role", AccountMessages.RoleRequired);
            return (default, [], null);
        }
        var ids = (jurisdictionIds ?? []).Distinct().ToArray();
        var places = await db.Places().AsNoTracking().Where(p => ids.Contains(p.Id) && p.RetiredAt == null).ToListAsync(ct);
        foreach (var id in ids.Where(id => places.All(p => p.Id != id) || !me!.Covers(places.First(p => p.Id == id))))
        {
            // A place outside the administrator's reach is answered as if it did not exist.
            errors.Add("jurisdictionIds", Places.PlaceMessages.NotFound(id));
        }
        if (role == Role.Resident)
        {
            if (ids.Length > 0)
            {
                errors.Add("jurisdictionIds", AccountMessages.ResidentHasNoJurisdiction);
            }
            if (householdId is not { } hid)
            {
                errors.Add("householdId", AccountMessages.HouseholdRequired);
            }
            else
            {
                var building = await db.Places().AsNoTracking().FirstOrDefaultAsync(p => RegisterReads.Households(db).Any(h => h.Id == hid && h.BuildingId == p.Id), ct);
                if (building is null || !me!.Covers(building))
                {
                    errors.Add("householdId", Register.RegisterMessages.HouseholdNotFound(hid));
                }
            }
        }
        else
        {
            if (ids.Length == 0)
            {
                errors.Add("jurisdictionIds", AccountMessages.JurisdictionRequired);
            }
            if (householdId is not null)
            {
                errors.Add("householdId", AccountMessages.OnlyResidentHousehold);
            }
        }
        return (role.Value, places, role == Role.Resident ? householdId : null);
    }
}
