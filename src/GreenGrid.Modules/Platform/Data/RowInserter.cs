using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace GreenGrid.Platform.Data;

/// <summary>
/// Inserts new entities with one <c>INSERT … RETURNING</c> command per entity type, written from
/// the EF model (table, columns, the providers' own type mappings and value converters), without
/// the change tracker. The group commit's hot rows (gate scans, case events) are flat rows with a
/// generated key; EF's SaveChanges spent more CPU on their bookkeeping than the database on
/// storing them (docs/adr/0011-hot-write-paths.md).
/// <para>
/// Only for entity types whose every property is a plain column and whose only generated value is
/// the key; others are refused when first used. Database errors come out as
/// <see cref="DbUpdateException"/>, as from SaveChanges.
/// </para>
/// </summary>
public sealed class RowInserter(DbContext db, DbTransaction transaction) : IAsyncDisposable
{
    private sealed record Statement(string Sql, IProperty[] Columns, RelationalTypeMapping[] Mappings, PropertyInfo Key);

    private static readonly ConcurrentDictionary<(IModel, Type), Statement> Statements = new();

    private readonly Dictionary<Type, DbCommand> _commands = [];

    public async Task Insert(object entity, CancellationToken ct = default)
    {
        var statement = Statements.GetOrAdd((db.Model, entity.GetType()), key => Build(db, key.Item2));
        var first = !_commands.TryGetValue(entity.GetType(), out var existing);
        var command = existing!;
        if (first)
        {
            command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statement.Sql;
            _commands[entity.GetType()] = command;
        }
        // Fresh parameters from the columns' type mappings, exactly as SaveChanges binds them (value
        // converters, provider types, sizes taken from the value). The command is not prepared: a
        // prepared Npgsql command keeps its first parameter objects, and an INSERT parses quickly.
        command.Parameters.Clear();
        for (var i = 0; i < statement.Columns.Length; i++)
        {
            var column = statement.Columns[i];
            command.Parameters.Add(statement.Mappings[i].CreateParameter(command, "@p" + i, column.GetGetter().GetClrValue(entity), column.IsNullable));
        }
        try
        {
            var id = await command.ExecuteScalarAsync(ct);
            statement.Key.SetValue(entity, Convert.ChangeType(id, statement.Key.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (DbException e)
        {
            throw new DbUpdateException($"inserting a {entity.GetType().Name} failed: {e.Message}", e);
        }
    }

    private static Statement Build(DbContext db, Type type)
    {
        var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not an entity of {db.GetType().Name}");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindPrimaryKey()?.Properties is [var k] && k.ValueGenerated == ValueGenerated.OnAdd && k.PropertyInfo is { } info
            ? (Property: k, Info: info)
            : throw new NotSupportedException($"{type.Name}: RowInserter needs a single generated key");
        var columns = entity.GetProperties().Where(p => p != key.Property).ToArray();
        if (columns.FirstOrDefault(p => p.IsShadowProperty() || p.ValueGenerated != ValueGenerated.Never || p.GetComputedColumnSql() is not null) is { } odd)
        {
            throw new NotSupportedException($"{type.Name}.{odd.Name}: RowInserter writes only plain columns");
        }
        var sql = db.GetService<ISqlGenerationHelper>();
        string Column(IProperty p) => sql.DelimitIdentifier(p.GetColumnName(table)!);
        var text = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(Column))}) "
            + $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))}) RETURNING {Column(key.Property)}";
        return new Statement(text, columns, columns.Select(p => (RelationalTypeMapping)p.GetRelationalTypeMapping()).ToArray(), key.Info);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }
    }
}
