using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Accounts.ManageAccounts.ReadAccount;

/// <summary>One account an administrator manages; any other does not exist.</summary>
internal sealed class ReadAccount(AppDb db, AccountScope scope, TimeProvider time)
{
    public static void Map(RouteGroupBuilder accounts) =>
        accounts.MapGet("/{id:long}", Get).WithSummary("One account.");

    private static async Task<Results<Ok<AccountView>, ProblemHttpResult>> Get(long id, ReadAccount read, CancellationToken ct) =>
        await read.Handle(id, ct) is { } account ? TypedResults.Ok(account) : Problems.NotFound(AccountMessages.NotFound(id));

    public async Task<AccountView?> Handle(long id, CancellationToken ct = default)
    {
        var account = await db.Users.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        return account is not null && await scope.Of(account, ct) is { } jurisdictions ? AccountView.Of(account, jurisdictions, time.GetUtcNow()) : null;
    }
}
