using GreenGrid.Platform;
using GreenGrid.Platform.Data;
using System.Linq.Expressions;

namespace GreenGrid.Places;

/// <summary>
/// Materialised paths of the place tree (<c>/1/7/42/</c>); a subtree is an index range of them
/// (<see cref="TreePaths"/>, the column uses binary collation on PostgreSQL, see PlaceDbConfig).
/// </summary>
[ModuleContract]
public static class PlacePath
{
    public const int MaxLength = 160;

    public static string Root(long id) => $"/{id}/";

    public static string Child(string parentPath, long id) => $"{parentPath}{id}/";

    /// <summary>The places in the subtree of <paramref name="path"/>, the place itself included.</summary>
    public static Expression<Func<Place, bool>> Within(string path) => WithinAny<Place>(p => p.Path, [path]);

    /// <summary>Rows whose path (read by <paramref name="pathOf"/>) lies in any of the subtrees, as one index range per subtree (<see cref="TreePaths.WithinAny"/>).</summary>
    public static Expression<Func<T, bool>> WithinAny<T>(Expression<Func<T, string?>> pathOf, IReadOnlyList<string> subtrees) => TreePaths.WithinAny(pathOf, subtrees);

    public static IReadOnlyList<long> Ids(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToArray();
}
