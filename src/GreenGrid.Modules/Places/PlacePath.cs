using GreenGrid.Platform;
using System.Linq.Expressions;

namespace GreenGrid.Places;

/// <summary>
/// Materialised paths of the place tree. A subtree is the half-open range
/// [<c>/1/7/</c>, <c>/1/70</c>): '0' is the character right after '/', so every path that starts
/// with the prefix sorts inside the range, and an ordinary index answers it on both providers
/// (the column uses binary collation on PostgreSQL, see PlaceDbConfig).
/// </summary>
[ModuleContract]
public static class PlacePath
{
    public const int MaxLength = 160;

    public static string Root(long id) => $"/{id}/";

    public static string Child(string parentPath, long id) => $"{parentPath}{id}/";

    /// <summary>The exclusive upper bound of the subtree whose paths start with <paramref name="path"/>.</summary>
    public static string UpperBound(string path) => string.Concat(path.AsSpan(0, path.Length - 1), "0");

    /// <summary>The places in the subtree of <paramref name="path"/>, the place itself included.</summary>
    public static Expression<Func<Place, bool>> Within(string path) => WithinAny<Place>(p => p.Path, [path]);

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

    public static IReadOnlyList<long> Ids(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToArray();
}
