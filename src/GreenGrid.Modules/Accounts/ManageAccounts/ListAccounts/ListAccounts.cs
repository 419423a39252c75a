using GreenGrid.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Accounts.ManageAccounts.ListAccounts;

/// <summary>The accounts an administrator manages (<see cref="AccountScope"/>), by user name.</summary>
internal sealed class ListAccounts(AppDb db, AccountScope scope, TimeProvider time)
{
    public static void Map(RouteGroupBuilder accounts) =>
        accounts.MapGet("/", List).WithSummary("The accounts inside the caller's jurisdictions.");

    private static async Task<Ok<AccountView[]>> List(ListAccounts list, CancellationToken ct) =>
        TypedResults.Ok((await list.Handle(ct)).ToArray());

    public async Task<List<AccountView>> Handle(CancellationToken ct = default)
    {
        var accounts = await db.Users.AsNoTracking().OrderBy(a => a.UserName).ToListAsync(ct);
        var views = new List<AccountView>();
        foreach (var account in accounts)
        {
            if (await scope.Of(account, ct) is { } jurisdictions)
            {
                views.Add(AccountView.Of(account, jurisdictions, time.GetUtcNow()));
            }
        }
        return views;
    }
}
