using GreenGrid.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenGrid.Accounts.ManageAccounts;

/// <summary>Administrators create accounts, give them a role and jurisdictions, and disable them.</summary>
internal static class ManageAccounts
{
    public static void Map(RouteGroupBuilder accounts)
    {
        accounts.MapGet("/", List).WithSummary("The accounts inside the caller's jurisdictions.");
        accounts.MapGet("/{id:long}", Get).WithSummary("One account.");
        accounts.MapPost("/", Create).WithSummary("Create an account with a role and jurisdictions (or a household for a resident).");
        accounts.MapPut("/{id:long}", Update).WithSummary("Change an account's name, role and jurisdictions.");
        accounts.MapPost("/{id:long}/disable", (long id, AccountDirectory directory, CancellationToken ct) => SetDisabled(id, true, directory, ct))
            .WithSummary("Disable an account: its sessions and tokens stop working at once.");
        accounts.MapPost("/{id:long}/enable", (long id, AccountDirectory directory, CancellationToken ct) => SetDisabled(id, false, directory, ct))
            .WithSummary("Enable a disabled account.");
    }

    private static async Task<Ok<AccountView[]>> List(AccountDirectory directory, CancellationToken ct) =>
        TypedResults.Ok((await directory.List(ct)).ToArray());

    private static async Task<Results<Ok<AccountView>, ProblemHttpResult>> Get(long id, AccountDirectory directory, CancellationToken ct) =>
        await directory.Find(id, ct) is { } account ? TypedResults.Ok(account) : Problems.NotFound("account", id);

    private static async Task<Results<Created<AccountView>, ValidationProblem>> Create(CreateAccountRequest request, AccountDirectory directory, CancellationToken ct)
    {
        var (created, errors) = await directory.Create(request, ct);
        return created is null ? Problems.Invalid(errors) : TypedResults.Created($"/api/v1/accounts/{created.Id}", created);
    }

    private static async Task<Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult>> Update(
        long id, UpdateAccountRequest request, AccountDirectory directory, CancellationToken ct) =>
        await directory.Update(id, request, ct) switch
        {
            null => Problems.NotFound("account", id),
            ({ } updated, _) => TypedResults.Ok(updated),
            (null, var errors) => Problems.Invalid(errors),
        };

    private static async Task<Results<Ok<AccountView>, ProblemHttpResult>> SetDisabled(long id, bool disabled, AccountDirectory directory, CancellationToken ct) =>
        await directory.SetDisabled(id, disabled, ct) is { } account ? TypedResults.Ok(account) : Problems.NotFound("account", id);
}
