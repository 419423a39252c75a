using System.Linq.Expressions;

namespace GreenGrid.Platform.Data;

/// <summary>
/// Materialised paths of a tree (<c>/1/7/42/</c>) as index ranges: the subtree of a path is the
/// half-open range [<c>/1/7/</c>, <c>/1/70</c>): '0' is the character right after '/', so every path
/// that starts with the prefix sorts inside the range, and an ordinary index answers it on both
/// providers (the column uses binary collation on PostgreSQL). The place tree uses them
/// (Places' PlacePath), and so do jurisdiction checks of rows that carry a place's path.
/// </summary>
public static class TreePaths
{
    /// <summary>The exclusive upper bound of the subtree whose paths start with <paramref name="path"/>.</summary>
    public static string UpperBound(string path) => string.Concat(path.AsSpan(0, path.Length - 1), "0");

    /// <summary>Whether <paramref name="path"/> lies in the subtree of <paramref name="subtree"/> (the subtree's root included).</summary>
    public static bool IsWithin(string path, string subtree) => path.StartsWith(subtree, StringComparison.Ordinal);

    /// <summary>
    /// Rows whose path (read by <paramref name="pathOf"/>) lies in any of the subtrees, as one index
    /// range per subtree: <c>path &gt;= s AND path &lt; UpperBound(s)</c>, OR-ed. No subtree, no row.
    /// </summary>
    public static Expression<Func<T, bool>> WithinAny<T>(Expression<Func<T, string?>> pathOf, IReadOnlyList<string> subtrees)
    {
        var compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
        var zero = Expression.Constant(0);
        Expression body = Expression.Constant(false);
        foreach (var low in subtrees)
        {
            var inside = Expression.AndAlso(
                Expression.GreaterThanOrEqual(Expression.Call(compare, pathOf.Body, Expression.Constant(low)), zero),
                Expression.LessThan(Expression.Call(compare, pathOf.Body, Expression.Constant(UpperBound(low))), zero));
            body = Expression.OrElse(body, inside);
        }
        return Expression.Lambda<Func<T, bool>>(body, pathOf.Parameters);
    }
}
