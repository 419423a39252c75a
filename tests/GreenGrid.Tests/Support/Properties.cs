using FsCheck;
using FsCheck.Fluent;

namespace GreenGrid.Tests.Support;

/// <summary>
/// What the FsCheck properties share. Their cases come from the test's own generator driven by a
/// seed (<see cref="Seeds"/>), so they are as varied as the loops over fixed seeds they replace;
/// FsCheck adds the shrinking: a failing case is reduced (people, events, items taken out one by
/// one) to a small counterexample before it is reported.
/// </summary>
internal static class Properties
{
    /// <summary>
    /// FsCheck's starting point (seed, gamma): every run tries the same cases, as the fixed seeds did.
    /// Leave it out of a property's attribute to try new cases; a failure prints the pair that replays it.
    /// </summary>
    public const string Replay = "20200228,20200301";

    /// <summary>Seeds for a generator written with <see cref="Random"/>.</summary>
    public static Gen<int> Seeds => Gen.Choose(0, int.MaxValue - 1);

    /// <summary>Shorter lists, shortest first: each half alone, then the list without one of its items (last first).</summary>
    public static IEnumerable<List<T>> Smaller<T>(IReadOnlyList<T> items)
    {
        if (items.Count > 1)
        {
            yield return [.. items.Take(items.Count / 2)];
            yield return [.. items.Skip(items.Count / 2)];
        }
        for (var i = items.Count - 1; i >= 0; i--)
        {
            yield return [.. items.Take(i), .. items.Skip(i + 1)];
        }
    }

    /// <summary>The list with one of its items replaced by one of that item's shrinks, for each item and shrink.</summary>
    public static IEnumerable<List<T>> Each<T>(IReadOnlyList<T> items, Func<T, IEnumerable<T>> shrink)
    {
        for (var i = 0; i < items.Count; i++)
        {
            foreach (var smaller in shrink(items[i]))
            {
                var copy = items.ToList();
                copy[i] = smaller;
                yield return copy;
            }
        }
    }
}
