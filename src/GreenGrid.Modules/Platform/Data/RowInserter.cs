using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace GreenGrid.Platform.Data;

/// <summary>
/// Inserts new entities with plain <c>INSERT … RETURNING</c> statements written from the EF model
/// (table, columns, the providers' own type mappings and value converters), without the change
/// tracker. The group commit's hot rows (gate scans, case events) are flat rows with a generated
/// key; EF's SaveChanges spent more CPU on their bookkeeping than the database on storing them
/// (docs/adr/0011-hot-write-paths.md).
/// <para>
/// Synchronous: it runs on the group commit's own writer thread. One inserter lives as long as
/// its context's open connection and serves one transaction after another. On SQLite its
/// statements stay prepared and only their parameter values change from row to row; on PostgreSQL
/// the rows of each entity type go in ONE statement that takes every column as an array
/// (<c>INSERT … SELECT * FROM unnest(…)</c>), so that the database plans and executes one
/// statement per group instead of one per row (which was most of its work per gate scan).
/// </para>
/// <para>
/// Only for entity types whose every property is a plain column and whose only generated value is
/// the key; others are refused when first used. Database errors come out as
/// <see cref="DbUpdateException"/>, as from SaveChanges.
/// </para>
/// </summary>
public sealed class RowInserter(DbContext db) : IDisposable
{
    private sealed record Statement(string Sql, string ArraySql, IProperty[] Columns, RelationalTypeMapping[] Mappings, Type[] ArrayElementTypes, PropertyInfo Key);

    private static readonly ConcurrentDictionary<(IModel, Type), Statement> Statements = new();

    private readonly bool _arrays = db.Database.IsNpgsql();

    // Per entity type, the prepared single-row statement (SQLite) with its parameters.
    private readonly Dictionary<Type, DbCommand> _commands = [];

    /// <summary>
    /// True when these rows go in one statement (PostgreSQL, one entity type): a statement is
    /// atomic, so they need no transaction around them, and commit in one round trip.
    /// </summary>
    public bool IsOneStatement(IReadOnlyList<object> rows) => _arrays && rows.All(row => row.GetType() == rows[0].GetType());

    /// <summary>
    /// Inserts the rows, in order, and sets their keys: within the transaction, or when it is null
    /// (only where <see cref="IsOneStatement"/>) as one statement that commits on its own.
    /// </summary>
    public void Insert(IReadOnlyList<object> rows, DbTransaction? transaction)
    {
        if (transaction is null && !IsOneStatement(rows))
        {
            throw new InvalidOperationException("rows that take several statements need a transaction");
        }
        try
        {
            if (_arrays)
            {
                foreach (var rowsOfType in rows.GroupBy(row => row.GetType()))
                {
                    InsertAsArrays([.. rowsOfType], transaction);
                }
                return;
            }
            foreach (var row in rows)
            {
                InsertOne(row, transaction);
            }
        }
        catch (DbException e)
        {
            throw new DbUpdateException($"inserting {rows.Count} rows failed: {e.Message}", e);
        }
    }

    private Statement StatementOf(object entity) => Statements.GetOrAdd((db.Model, entity.GetType()), key => Build(db, key.Item2));

    private static void SetKey(Statement statement, object entity, object? id) =>
        statement.Key.SetValue(entity, Convert.ChangeType(id, statement.Key.PropertyType, System.Globalization.CultureInfo.InvariantCulture));

    private static object? ProviderValue(Statement statement, int column, object entity)
    {
        var value = statement.Columns[column].GetGetter().GetClrValue(entity);
        return value is null || statement.Mappings[column].Converter is not { } converter ? value : converter.ConvertToProvider(value);
    }

    private void InsertOne(object entity, DbTransaction? transaction)
    {
        var statement = StatementOf(entity);
        if (!_commands.TryGetValue(entity.GetType(), out var command))
        {
            // Parameters made once by the columns' type mappings, as SaveChanges makes them; later rows only set the values.
            command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = statement.Sql;
            for (var i = 0; i < statement.Columns.Length; i++)
            {
                command.Parameters.Add(statement.Mappings[i].CreateParameter(command, "@p" + i, null, statement.Columns[i].IsNullable));
            }
            _commands[entity.GetType()] = command;
        }
        command.Transaction = transaction;
        for (var i = 0; i < statement.Columns.Length; i++)
        {
            command.Parameters[i].Value = ProviderValue(statement, i, entity) ?? DBNull.Value;
        }
        SetKey(statement, entity, command.ExecuteScalar());
    }

    // One statement for rows of one type: column i is the array parameter @a{i}, in row order.
    // PostgreSQL inserts the rows of a single unnest scan in the order it yields them and returns
    // their keys in that order (the keys of one statement come from the sequence in row order).
    private void InsertAsArrays(object[] rows, DbTransaction? transaction)
    {
        var statement = StatementOf(rows[0]);
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        command.CommandText = statement.ArraySql;
        for (var i = 0; i < statement.Columns.Length; i++)
        {
            var values = Array.CreateInstance(statement.ArrayElementTypes[i], rows.Length);
            for (var r = 0; r < rows.Length; r++)
            {
                values.SetValue(ProviderValue(statement, i, rows[r]), r);
            }
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@a" + i;
            parameter.Value = values;
            command.Parameters.Add(parameter);
        }
        using var reader = command.ExecuteReader();
        for (var r = 0; r < rows.Length; r++)
        {
            if (!reader.Read())
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
        var into = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(Column))}) ";
        var returning = $" RETURNING {Column(key.Property)}";
        var text = into + $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})" + returning;
        var mappings = columns.Select(p => (RelationalTypeMapping)p.GetRelationalTypeMapping()).ToArray();
        // The array form casts each parameter to the column's own type, so that no inference of the driver decides it.
        var arrays = into + $"SELECT * FROM unnest({string.Join(", ", columns.Select((p, i) => $"@a{i}::{p.GetColumnType(table)}[]"))})" + returning;
        // An array of the provider's type (after any value converter), nullable where the column is.
        var elementTypes = columns.Select((p, i) =>
        {
            var type = mappings[i].Converter?.ProviderClrType ?? p.ClrType;
            type = Nullable.GetUnderlyingType(type) ?? type;
            return p.IsNullable && type.IsValueType ? typeof(Nullable<>).MakeGenericType(type) : type;
        }).ToArray();
        return new Statement(text, arrays, columns, mappings, elementTypes, key.Info);
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
    }
}
