using GreenGrid.Platform;
using GreenGrid.Register;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Accounts;

/// <summary>
/// One account per role on the demo city, with a published password. They exist only when the
/// demo city was loaded, are marked <see cref="Account.IsDemo"/>, and are listed at every start.
/// </summary>
[ModuleContract]
public static class DemoAccounts
{
    public const string Password = "greengrid2020";

    private sealed record Seat(string UserName, string DisplayName, Role Role, Func<DemoPlaces, long?> Place, bool Household = false);

    /// <summary>The demo city's places that the accounts stand on.</summary>
    private sealed record DemoPlaces(Place City, Place District, Place Liangdao, Place Tanhualin, Place Neighbour, Place Compound, long Household);

    private static readonly Seat[] Seats =
    [
        new("admin", "系统管理员 Administrator", Role.Administrator, p => p.City.Id),
        new("hq.wuhan", "武汉市指挥部 Wuhan HQ", Role.Headquarters, p => p.City.Id),
        new("hq.wuchang", "武昌区指挥部 Wuchang HQ", Role.Headquarters, p => p.District.Id),
        new("office.liangdao", "粮道街道办 Liangdao office", Role.SubdistrictOffice, p => p.Liangdao.Id),
        new("worker.tanhualin", "昙华林社区 社区工作者", Role.CommunityWorker, p => p.Tanhualin.Id),
        new("worker.neighbour", "邻近社区 社区工作者", Role.CommunityWorker, p => p.Neighbour.Id),
        new("grid.tanhualin", "昙华林社区 网格员", Role.GridWorker, p => p.Tanhualin.Id),
        new("guard.tanhualin", "小区值守人员 Gate guard", Role.CheckpointGuard, p => p.Compound.Id),
        new("volunteer.tanhualin", "志愿者 Volunteer", Role.Volunteer, p => p.Tanhualin.Id),
        new("resident.tanhualin", "居民 Resident", Role.Resident, p => p.Household, Household: true),
    ];

    /// <summary>Creates the demo accounts on a freshly loaded demo city.</summary>
    public static async Task CreateAsync(IServiceProvider services, TimeProvider time, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var places = await Find(db, ct);
        foreach (var seat in Seats)
        {
            var target = seat.Place(places);
            var account = new Account
            {
                UserName = seat.UserName, DisplayName = seat.DisplayName, Role = seat.Role, IsDemo = true,
                HouseholdId = seat.Household ? target : null, CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            var result = await users.CreateAsync(account, Password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Demo account {seat.UserName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }
            if (!seat.Household && target is { } placeId)
            {
                db.AccountJurisdictions.Add(new AccountJurisdiction { AccountId = account.Id, PlaceId = placeId });
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Lines for the console: who to sign in as, and where each one stands.</summary>
    public static async Task<IReadOnlyList<string>> Describe(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        // Disabled ones (the outbreak history's recording account, demo.import) are nobody to sign in as.
        var accounts = await db.Users.AsNoTracking().Where(a => a.IsDemo && !a.IsDisabled).OrderBy(a => a.Id).ToListAsync(ct);
        var lines = new List<string>();
        foreach (var account in accounts)
        {
            var where = await db.Places().AsNoTracking()
                .Where(p => db.AccountJurisdictions.Any(j => j.AccountId == account.Id && j.PlaceId == p.Id))
                .Select(p => p.NameEn).FirstOrDefaultAsync(ct) ?? (account.HouseholdId is { } h ? $"household {h}" : "");
            lines.Add($"{account.UserName,-22} {account.Role,-18} {where}");
        }
        return lines;
    }

    private static async Task<DemoPlaces> Find(AppDb db, CancellationToken ct)
    {
        var city = await db.Places().AsNoTracking().Where(p => p.ParentId == null).OrderBy(p => p.Id).FirstAsync(ct);
        var district = await One(db, PlaceKind.District, "Wuchang District", ct);
        var liangdao = await One(db, PlaceKind.Subdistrict, "Liangdao Subdistrict", ct);
        var tanhualin = await One(db, PlaceKind.Community, "Tanhualin Community", ct);
        var neighbour = await db.Places().AsNoTracking()
            .Where(p => p.ParentId == liangdao.Id && p.Id != tanhualin.Id && p.Kind == PlaceKind.Community).OrderBy(p => p.Code).FirstAsync(ct);
        var compound = await db.Places().AsNoTracking()
            .Where(p => p.ParentId == tanhualin.Id && !p.IsScattered).OrderBy(p => p.Code).FirstAsync(ct);
        var household = await RegisterReads.Households(db)
            .Where(h => db.Places().Any(b => b.Id == h.BuildingId && b.ParentId == compound.Id)).OrderBy(h => h.Id).Select(h => h.Id).FirstAsync(ct);
        return new DemoPlaces(city, district, liangdao, tanhualin, neighbour, compound, household);
    }

    private static Task<Place> One(AppDb db, PlaceKind kind, string nameEn, CancellationToken ct) =>
        db.Places().AsNoTracking().FirstAsync(p => p.Kind == kind && p.NameEn == nameEn, ct);
}
