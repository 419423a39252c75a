using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace GreenGrid.Platform.Data;

/// <summary>
/// A table as a bulk writer (PostgreSQL's binary COPY, SQLite's prepared INSERT bound by position)
/// writes it: the table's name and the columns of the properties the writer binds, in the writer's
/// order, read from the EF model. A writer names properties (<c>nameof(Resident.Name)</c>) and never
/// spells a table or a column, so the EF configuration stays the one definition of both. A column the
/// table requires (not null, no default, not generated) that the writer does not bind is refused at
/// once, by name, instead of by the database in the middle of a load.
/// </summary>
public sealed class BulkTable
{
    public string Name { get; }

    /// <summary>The column names, in the order of the properties given.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The columns, quoted and comma-separated, for an INSERT's or a COPY's column list.</summary>
    public string ColumnList { get; }

    private BulkTable(string name, IReadOnlyList<string> columns)
    {
        Name = name;
        Columns = columns;
        ColumnList = string.Join(", ", columns.Select(c => $"\"{c}\""));
    }

    /// <summary>The table of <typeparamref name="TEntity"/>, with the columns of <paramref name="properties"/> in that order.</summary>
    public static BulkTable Of<TEntity>(params string[] properties)
    {
        var entity = Model.Value.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the EF model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = properties.Select(name =>
            (entity.FindProperty(name) ?? throw new InvalidOperationException($"{typeof(TEntity).Name}.{name} is not a mapped property."))
            .GetColumnName(table)!).ToArray();
        var unbound = entity.GetProperties()
            .Where(p => !p.IsNullable && p.ValueGenerated == ValueGenerated.Never && p.GetDefaultValueSql(table) is null && p.GetDefaultValue(table) is null)
            .Select(p => p.GetColumnName(table)!)
            .Except(columns)
            .ToList();
        if (unbound.Count > 0)
        {
            throw new InvalidOperationException($"The bulk writer of {entity.GetTableName()} does not write its required columns: {string.Join(", ", unbound)}.");
        }
        return new BulkTable(entity.GetTableName()!, columns);
    }

    /// <summary>
    /// The model of the app's tables. Table and column names are the same on both providers (each
    /// module's EF configuration names them), so one model built without a database serves both.
    /// </summary>
    private static readonly Lazy<IModel> Model = new(() =>
    {
        using var db = new AppDb(new DbContextOptionsBuilder<AppDb>().UseSqlite("Data Source=:memory:").Options);
        return db.Model;
    });
}
