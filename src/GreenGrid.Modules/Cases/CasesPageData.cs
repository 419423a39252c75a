using GreenGrid.Platform.Security;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Cases;

/// <summary>Runs a page's read or write in a scope of its own, acting as the page's caller (see PlacePageData.Load for why).</summary>
internal static class CasesPageData
{
    public static async Task<T> Run<T>(IServiceScopeFactory scopes, CurrentPrincipal current, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateScopeAs(current);
        return await work(scope.ServiceProvider);
    }

    /// <summary>The reasons of a refused request, one line per field, for an alert.</summary>
    public static List<string> Reasons(object? result) => result switch
    {
        Microsoft.AspNetCore.Http.HttpResults.ValidationProblem v => [.. v.ProblemDetails.Errors.SelectMany(e => e.Value.Select(r => $"{e.Key}: {r}"))],
        Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult p => p.ProblemDetails is Microsoft.AspNetCore.Http.HttpValidationProblemDetails d
            ? [.. d.Errors.SelectMany(e => e.Value.Select(r => $"{e.Key}: {r}"))] : [p.ProblemDetails.Detail ?? p.ProblemDetails.Title ?? "refused"],
        _ => [],
    };
}
