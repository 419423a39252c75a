using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Accounts.Pages;

/// <summary>A demo account as the sign-in page lists it: who, in which role, where (null: a resident's own household).</summary>
internal sealed record DemoAccountRow(string UserName, Role Role, string? Where)
{
    /// <summary>
    /// The demo accounts, when the demo city created them: their passwords are published, so they
    /// exist only in a demo, and a real installation has none and shows no table.
    /// </summary>
    public static async Task<List<DemoAccountRow>> Load(AppDb db, bool chinese, CancellationToken ct) =>
        await db.Users.AsNoTracking()
            .Where(a => a.IsDemo && !a.IsDisabled)
            .OrderBy(a => a.Id)
            .Select(a => new DemoAccountRow(
                a.UserName!,
                a.Role,
                db.Places().Where(p => db.AccountJurisdictions.Any(j => j.AccountId == a.Id && j.PlaceId == p.Id))
                    .OrderBy(p => p.Path)
                    .Select(p => chinese ? p.NameZh : p.NameEn)
                    .FirstOrDefault()))
            .ToListAsync(ct);
}
