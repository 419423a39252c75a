using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GreenGrid.Platform.Data;

/// <summary>
/// Marks a text column whose order must be byte order on every provider, so that prefix ranges
/// are index ranges. SQLite compares bytes already; PostgreSQL needs the "C" collation, which
/// SQLite does not know, so <see cref="AppDb"/> applies it per provider.
/// </summary>
public static class BinaryOrdering
{
    internal const string Annotation = "GreenGrid:BinaryOrdering";
    internal const string PostgresCollation = "C";

    public static PropertyBuilder<T> HasBinaryOrdering<T>(this PropertyBuilder<T> property) =>
        property.HasAnnotation(Annotation, true);

    internal static void ApplyForPostgres(ModelBuilder modelBuilder)
    {
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(t => t.GetProperties()))
        {
            if (property.FindAnnotation(Annotation)?.Value is true)
            {
                property.SetCollation(PostgresCollation);
            }
        }
    }
}
