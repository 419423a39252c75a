using GreenGrid.Register;
using GreenGrid.Accounts.ManageAccounts.CreateAccount;
using GreenGrid.Accounts.ManageAccounts.DisableAccount;
using GreenGrid.Accounts.ManageAccounts.ListAccounts;
using GreenGrid.Accounts.ManageAccounts.UpdateAccount;
using GreenGrid.Components.Shared;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Accounts.Pages;

/// <summary>An account as the accounts page lists it: its jurisdictions by name, a resident's household by building and room.</summary>
public sealed record AccountRow(AccountView Account, List<PlaceChoice> Jurisdictions, string? Household);

/// <summary>
/// What the accounts page reads and does, each in a scope of its own acting as the page's caller.
/// The administration's use cases (ManageAccounts) decide what the administrator may see and change, and audit.
/// </summary>
internal static class AccountsPageData
{
    public const int SearchLimit = 12;

    public static async Task<List<AccountRow>> Load(IServiceScopeFactory scopes, CurrentPrincipal current, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateScopeAs(current);
        var services = scope.ServiceProvider;
        var accounts = await services.GetRequiredService<ListAccounts>().Handle(ct);
        return await Rows(services, accounts, ct);
    }

    public static async Task<AccountRow?> Row(IServiceScopeFactory scopes, CurrentPrincipal current, AccountView account, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateScopeAs(current);
        return (await Rows(scope.ServiceProvider, [account], ct)).FirstOrDefault();
    }

    public static async Task<(AccountView? Created, ValidationErrors Errors)> Create(
        IServiceScopeFactory scopes, CurrentPrincipal current, CreateAccountRequest request, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateScopeAs(current);
        return await scope.ServiceProvider.GetRequiredService<CreateAccount>().Handle(request, ct);
    }

    /// <returns>null when the account is no longer the administrator's to change.</returns>
    public static async Task<(AccountView? Updated, ValidationErrors Errors)?> Update(
        IServiceScopeFactory scopes, CurrentPrincipal current, long id, UpdateAccountRequest request, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateScopeAs(current);
        return await scope.ServiceProvider.GetRequiredService<UpdateAccount>().Handle(id, request, ct);
    }

    public static async Task<AccountView?> SetDisabled(IServiceScopeFactory scopes, CurrentPrincipal current, long id, bool disabled, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateScopeAs(current);
        return await scope.ServiceProvider.GetRequiredService<DisableAccount>().Handle(id, disabled, ct);
    }

    /// <summary>
    /// Places the administrator may hand out, by the start of a code or a part of a name: only
    /// inside the administrator's own jurisdictions, down to compounds (buildings are no one's jurisdiction).
    /// </summary>
    public static async Task<List<PlaceChoice>> SearchPlaces(IServiceScopeFactory scopes, CurrentPrincipal current, string? text, CancellationToken ct = default)
    {
        var term = text?.Trim() ?? "";
        if (term.Length == 0 || term.Length > 100)
        {
            return [];
        }
        await using var scope = scopes.CreateScopeAs(current);
        var services = scope.ServiceProvider;
        var visible = await services.GetRequiredService<Caller>().Visible(services.GetRequiredService<AppDb>().Places().AsNoTracking(), ct);
        var lower = term.ToLowerInvariant();
        var found = await visible
            .Where(p => p.RetiredAt == null && p.Kind != PlaceKind.Building)
            .Where(p => p.Code.StartsWith(term) || p.NameZh.Contains(term) || p.NameEn.ToLower().Contains(lower))
            .OrderBy(p => p.Path.Length).ThenBy(p => p.Code)
            .Take(SearchLimit)
            .ToListAsync(ct);
        return found.Select(p => PlaceChoice.Of(p)).ToList();
    }

    private static async Task<List<AccountRow>> Rows(IServiceProvider services, IReadOnlyList<AccountView> accounts, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDb>();
        var placeIds = accounts.SelectMany(a => a.JurisdictionIds).Distinct().ToArray();
        var places = await db.Places().AsNoTracking().Where(p => placeIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => PlaceChoice.Of(p), ct);
        var householdIds = accounts.Where(a => a.HouseholdId is not null).Select(a => a.HouseholdId!.Value).Distinct().ToArray();
        // A resident's household by building and room: where it is, not who lives there.
        var households = await (
                from h in RegisterReads.Households(db)
                join b in db.Places() on h.BuildingId equals b.Id
                where householdIds.Contains(h.Id)
                select new { h.Id, h.Room, b.NameZh, b.NameEn })
            .ToDictionaryAsync(h => h.Id, ct);
        return accounts.Select(a => new AccountRow(
                a,
                a.JurisdictionIds.Where(places.ContainsKey).Select(id => places[id]).ToList(),
                a.HouseholdId is { } hid && households.TryGetValue(hid, out var h) ? $"{(Labels.IsChinese ? h.NameZh : h.NameEn)} {h.Room}" : null))
            .ToList();
    }
}
