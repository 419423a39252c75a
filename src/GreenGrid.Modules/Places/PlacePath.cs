namespace GreenGrid.Places;

/// <summary>
/// Materialised paths of the place tree. A subtree is the half-open range
/// [<c>/1/7/</c>, <c>/1/70</c>): '0' is the character right after '/', so every path that starts
/// with the prefix sorts inside the range, and an ordinary index answers it on both providers
/// (the column uses binary collation on PostgreSQL, see PlaceDbConfig).
/// </summary>
public static class PlacePath
{
    public const int MaxLength = 160;

    public static string Root(long id) => $"/{id}/";

    public static string Child(string parentPath, long id) => $"{parentPath}{id}/";

    /// <summary>The exclusive upper bound of the subtree whose paths start with <paramref name="path"/>.</summary>
    public static string UpperBound(string path) => string.Concat(path.AsSpan(0, path.Length - 1), "0");

    public static IReadOnlyList<long> Ids(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToArray();
}
