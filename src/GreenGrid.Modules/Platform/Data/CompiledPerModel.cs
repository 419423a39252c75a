using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace GreenGrid.Platform.Data;

/// <summary>
/// An EF compiled query, compiled once per model. A compiled query may only run against the model
/// it was compiled with, and SQLite and PostgreSQL build different models of <see cref="AppDb"/>
/// (the tests run both in one process); a hot path keeps its compiled query through this.
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : Delegate
{
    private readonly ConcurrentDictionary<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext db) => _byModel.GetOrAdd(db.Model, _ => compile());
}
