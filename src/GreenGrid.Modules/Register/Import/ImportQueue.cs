using System.Collections.Concurrent;
using System.Security.Claims;
using System.Threading.Channels;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GreenGrid.Register.Import;

/// <summary>How far a running dry run has come (kept in memory: it changes thousands of times a second).</summary>
public sealed record ImportProgress(long Done, long Total, int Rows)
{
    public int Percent => Total <= 0 ? 0 : (int)Math.Min(100, Done * 100 / Total);
}

/// <summary>
/// The dry runs waiting and running. A check is queued by the request and run by <see cref="ImportWorker"/>
/// in the background, one at a time, so that a large file never holds up a request. Callers that
/// need the result (tests, the benchmark) await <see cref="Completion"/> instead of watching the clock.
/// </summary>
public sealed class ImportQueue
{
    private readonly Channel<(long ImportId, long AccountId)> _channel = Channel.CreateUnbounded<(long, long)>();
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _done = new();
    private readonly ConcurrentDictionary<long, ImportProgress> _progress = new();

    internal ChannelReader<(long ImportId, long AccountId)> Reader => _channel.Reader;

    internal void Enqueue(long importId, long accountId)
    {
        _done[importId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _progress[importId] = new ImportProgress(0, 0, 0);
        _channel.Writer.TryWrite((importId, accountId));
    }

    /// <summary>Completes when the queued check of the import has ended (whatever its outcome).</summary>
    public Task Completion(long importId) => _done.TryGetValue(importId, out var done) ? done.Task : Task.CompletedTask;

    public ImportProgress? Progress(long importId) => _progress.TryGetValue(importId, out var p) ? p : null;

    internal void Report(long importId, ImportProgress progress) => _progress[importId] = progress;

    internal void Finished(long importId)
    {
        _progress.TryRemove(importId, out _);
        if (_done.TryGetValue(importId, out var done))
        {
            done.TrySetResult();
        }
    }
}

/// <summary>Runs the queued dry runs, each in a scope of its own, as the account that asked for it.</summary>
internal sealed class ImportWorker(ImportQueue queue, IServiceScopeFactory scopes, ILogger<ImportWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ReleaseInterruptedAsync(stoppingToken);
        await foreach (var (importId, accountId) in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var current = scope.ServiceProvider.GetRequiredService<CurrentPrincipal>();
                current.Principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, accountId.ToString(System.Globalization.CultureInfo.InvariantCulture))], "import"));
                await scope.ServiceProvider.GetRequiredService<ImportChecker>().RunAsync(importId, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The check of import {ImportId} failed", importId);
            }
            finally
            {
                queue.Finished(importId);
            }
        }
    }

    /// <summary>A check that was running when the process stopped will not finish: mark it failed so that it can be checked again.</summary>
    private async Task ReleaseInterruptedAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            await db.RegisterImports().Where(i => i.Status == ImportStatus.Checking)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ImportStatus.Failed)
                    .SetProperty(i => i.Failure, "the check was interrupted when the server stopped; check the file again"), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Could not release the import checks interrupted by the last stop");
        }
    }
}
