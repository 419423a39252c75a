using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GreenGrid.Tests.Support;

/// <summary>
/// The database commands sent while serving requests that carry the <see cref="Header"/> (its value
/// names the recording): every AppDb of the test app reports to it. Requests without the header,
/// and work outside a request (hosted services, the demo load), are not recorded.
/// </summary>
public sealed class CommandLog(IHttpContextAccessor http) : DbCommandInterceptor
{
    public const string Header = "X-Test-Command-Log";

    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _recordings = new();

    /// <summary>The commands (SQL) sent for the requests recorded under <paramref name="name"/>, in order.</summary>
    public IReadOnlyList<string> Of(string name) => _recordings.TryGetValue(name, out var commands) ? [.. commands] : [];

    private void Record(DbCommand command)
    {
        if (http.HttpContext?.Request.Headers[Header].ToString() is { Length: > 0 } name)
        {
            _recordings.GetOrAdd(name, _ => new ConcurrentQueue<string>()).Enqueue(command.CommandText);
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }
}
