using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace GreenGrid.Platform.Data;

/// <summary>
/// Inserts new entities with one <c>INSERT … RETURNING</c> statement per row, written from
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

    /// <summary>
    /// Inserts the rows in order and sets their keys. Where the provider can send a batch
    /// (PostgreSQL), all the rows go in one round trip; otherwise (SQLite, in process) one by one.
    /// </summary>
    public async Task Insert(IReadOnlyList<object> rows, CancellationToken ct = default)
    {
        var connection = transaction.Connection!;
        try
        {
            if (rows.Count > 1 && connection.CanCreateBatch)
            {
                await InsertBatch(connection, rows, ct);
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

    private Statement StatementOf(object entity) => Statements.GetOrAdd((db.Model, entity.GetType()), key => Build(db, key.Item2));

    // Fresh parameters from the columns' type mappings, exactly as SaveChanges binds them (value
    // converters, provider types, sizes taken from the value). Commands are not prepared: a
    // prepared Npgsql command keeps its first parameter objects, and an INSERT parses quickly.
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

    private async Task InsertBatch(DbConnection connection, IReadOnlyList<object> rows, CancellationToken ct)
    {
        await using var factory = connection.CreateCommand(); // the type mappings make parameters through a command
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        var statements = new Statement[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            statements[r] = StatementOf(rows[r]);
            var command = batch.CreateBatchCommand();
            command.CommandText = statements[r].Sql;
            Bind(command.Parameters, factory, statements[r], rows[r]);
            batch.BatchCommands.Add(command);
        }
        await using var reader = await batch.ExecuteReaderAsync(ct);
        for (var r = 0; r < rows.Count; r++)
        {
            if ((r > 0 && !await reader.NextResultAsync(ct)) || !await reader.ReadAsync(ct))
            {
                throw new InvalidOperationException($"the batch returned no key for row {r}");
            }
            SetKey(statements[r], rows[r], reader.GetValue(0));
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
