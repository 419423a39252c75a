using GreenGrid.Components.Shared;

namespace GreenGrid.Register.Pages;

/// <summary>What the register's pages read from a command's answer beyond the kit's <see cref="CommandOutcome{T}"/>.</summary>
internal static class RegisterOutcome
{
    /// <summary>The people already registered, when the answer is "may already be on the register".</summary>
    public static IReadOnlyList<DuplicateView> Duplicates<T>(this CommandOutcome<T> outcome) where T : class =>
        outcome.Extensions.TryGetValue("duplicates", out var found) && found is IEnumerable<DuplicateView> list ? [.. list] : [];
}
