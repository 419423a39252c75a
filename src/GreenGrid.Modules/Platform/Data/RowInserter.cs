using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace GreenGrid.Platform.Data;

/// <summary>
/// Inserts new entities with plain <c>INSERT … RETURNING</c> statements (per row, or per group of
/// rows on PostgreSQL), written from
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
    private sealed record Statement(string Sql, string ArraySql, IProperty[] Columns, RelationalTypeMapping[] Mappings, Type[] ArrayElementTypes, PropertyInfo Key);

    private static readonly ConcurrentDictionary<(IModel, Type), Statement> Statements = new();

    private readonly Dictionary<Type, DbCommand> _commands = [];

    /// <summary>
    /// Inserts the rows in order and sets their keys. On PostgreSQL the rows of each entity type go
    /// in ONE statement that takes every column as an array (<c>INSERT … SELECT * FROM unnest(…)</c>):
    /// the database plans and executes one statement for the group instead of one per row, which
    /// was most of its work per gate scan. SQLite, in process, takes them one by one.
    /// </summary>
    public async Task Insert(IReadOnlyList<object> rows, CancellationToken ct = default)
    {
        try
        {
            if (rows.Count > 1 && db.Database.ProviderName == PostgresProvider)
            {
                foreach (var rowsOfType in rows.GroupBy(row => row.GetType()))
                {
                    await InsertAsArrays([.. rowsOfType], ct);
                }
                return;
            }
            foreach (var row in rows)
            {
                await InsertOne(row, ct);
            }
        }
        catch (DbException e)
        {
            throw new DbUpdateException($"inserting {rows.Count} rows failed: {e.Message}", e);
        }
    }

    private const string PostgresProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    private Statement StatementOf(object entity) => Statements.GetOrAdd((db.Model, entity.GetType()), key => Build(db, key.Item2));

    // Fresh parameters from the columns' type mappings, exactly as SaveChanges binds them (value
    // converters, provider types, sizes taken from the value).
    private static void Bind(DbParameterCollection parameters, DbCommand factory, Statement statement, object entity)
    {
        for (var i = 0; i < statement.Columns.Length; i++)
        {
            var column = statement.Columns[i];
            parameters.Add(statement.Mappings[i].CreateParameter(factory, "@p" + i, column.GetGetter().GetClrValue(entity), column.IsNullable));
        }
    }

    private static void SetKey(Statement statement, object entity, object? id) =>
        statement.Key.SetValue(entity, Convert.ChangeType(id, statement.Key.PropertyType, System.Globalization.CultureInfo.InvariantCulture));

    private async Task InsertOne(object entity, CancellationToken ct)
    {
        var statement = StatementOf(entity);
        if (!_commands.TryGetValue(entity.GetType(), out var command))
        {
            command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statement.Sql;
            _commands[entity.GetType()] = command;
        }
        command.Parameters.Clear();
        Bind(command.Parameters, command, statement, entity);
        SetKey(statement, entity, await command.ExecuteScalarAsync(ct));
    }

    // One statement for rows of one type: column i is the array parameter @a{i}, in row order.
    // PostgreSQL inserts the rows of a single unnest scan in the order it yields them and returns
    // their keys in that order (the keys of one statement come from the sequence in row order).
    private async Task InsertAsArrays(object[] rows, CancellationToken ct)
    {
        var statement = StatementOf(rows[0]);
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = statement.ArraySql;
        for (var i = 0; i < statement.Columns.Length; i++)
        {
            var column = statement.Columns[i];
            var converter = statement.Mappings[i].Converter;
            var values = Array.CreateInstance(statement.ArrayElementTypes[i], rows.Length);
            for (var r = 0; r < rows.Length; r++)
            {
                var value = column.GetGetter().GetClrValue(rows[r]);
                values.SetValue(value is null || converter is null ? value : converter.ConvertToProvider(value), r);
            }
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@a" + i;
            parameter.Value = values;
            command.Parameters.Add(parameter);
        }
        await using var reader = await command.ExecuteReaderAsync(ct);
        for (var r = 0; r < rows.Length; r++)
        {
            if (!await reader.ReadAsync(ct))
            {
                throw new InvalidOperationException($"the insert returned {r} keys for {rows.Length} rows");
            }
            SetKey(statement, rows[r], reader.GetValue(0));
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
        var mappings = columns.Select(p => (RelationalTypeMapping)p.GetRelationalTypeMapping()).ToArray();
        // The array form casts each parameter to the column's own type, so that no inference of the driver decides it.
        var arrays = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(Column))}) "
            + $"SELECT * FROM unnest({string.Join(", ", columns.Select((p, i) => $"@a{i}::{p.GetColumnType(table)}[]"))}) RETURNING {Column(key.Property)}";
        // An array of the provider's type (after any value converter), nullable where the column is.
        var elementTypes = columns.Select((p, i) =>
        {
            var type = mappings[i].Converter?.ProviderClrType ?? p.ClrType;
            type = Nullable.GetUnderlyingType(type) ?? type;
            return p.IsNullable && type.IsValueType ? typeof(Nullable<>).MakeGenericType(type) : type;
        }).ToArray();
        return new Statement(text, arrays, columns, mappings, elementTypes, key.Info);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }
    }
}
