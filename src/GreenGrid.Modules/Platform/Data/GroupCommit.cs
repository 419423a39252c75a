using System.Threading.Channels;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Limits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GreenGrid.Platform.Data;

/// <summary>
/// One writer for the hot insert paths (gate scans, case events, audit entries of reads), committing the inserts of
/// several requests in ONE transaction or statement (group commit, docs/adr/0011-hot-write-paths.md;
/// its own writer thread and connection: docs/adr/0014-writer-thread-and-honest-warm-up.md).
/// <para>
/// Why: with 32 requests each committing its own insert, SQLite lets one writer in at a time and
/// the others wait in <c>busy_timeout</c>, which sleeps (1, 2, 5 … 100 ms) between tries, and every
/// commit pays its own fsync (synchronous=FULL). Here the requests do their reads in parallel as
/// before and hand only their new rows to this queue; one loop takes whatever has queued up while
/// the previous commit was on disk, inserts it all in one transaction and fsyncs once.
/// </para>
/// <para>
/// Durability is unchanged: <see cref="Insert"/> completes only after the transaction holding the
/// rows has committed, so "acknowledged" still means "committed". There is no waiting for a batch
/// to fill: an idle queue commits a lone request at once. Each request's rows are all-or-nothing:
/// when a group fails (say, one request's duplicate key), every request of the group is written
/// again on its own, so only the faulty one sees the <see cref="DbUpdateException"/>.
/// </para>
/// <para>
/// The queue is bounded (<c>Limits:GroupCommit:QueueLimit</c>): when that many requests already wait,
/// <see cref="Insert"/> refuses at once with a <see cref="ServerBusyException"/> (503 with Retry-After)
/// instead of letting the queue, the memory and every caller's wait grow without end while the
/// database is slow or gone (docs/adr/0018-operations.md). The readiness check watches
/// <see cref="LongestWait"/>.
/// </para>
/// </summary>
public sealed class GroupCommit : IAsyncDisposable
{
    /// <summary>At most this many requests per transaction (a batch of case events counts as one).</summary>
    public const int MaxRequestsPerCommit = 256;

    /// <summary>A group stops taking requests once it holds this many rows (batches of case events are large).</summary>
    public const int MaxRowsPerCommit = 5_000;

    /// <summary>The writer thread's name (Linux shows its first 15 characters, the bench reads its CPU by them).</summary>
    public const string ThreadName = "GreenGrid group commit";

    /// <summary>How a full queue's refusal names its limit.</summary>
    public const string QueueLimitName = "group-commit-queue";

    private sealed record Work(IReadOnlyList<object> Rows, TaskCompletionSource Done, long QueuedAt);

    // How well requests are grouped, for operators (dotnet-counters monitor --counters GreenGrid.GroupCommit).
    private static readonly System.Diagnostics.Metrics.Meter Meter = new("GreenGrid.GroupCommit");
    private static readonly System.Diagnostics.Metrics.Histogram<int> GroupSize = Meter.CreateHistogram<int>("greengrid.group_commit.requests", description: "requests committed in one transaction");
    private static readonly System.Diagnostics.Metrics.Histogram<double> CommitTime = Meter.CreateHistogram<double>("greengrid.group_commit.duration", "ms", "time to write and commit one group");
    private static readonly System.Diagnostics.Metrics.Counter<long> Committed = Meter.CreateCounter<long>("greengrid.group_commit.rows", description: "rows committed by the group commit, by entity (Scan: online gate scans; CaseEvent)");
    private static readonly System.Diagnostics.Metrics.Counter<long> Failed = Meter.CreateCounter<long>("greengrid.group_commit.failed", description: "requests whose rows the group commit could not commit (their callers got the error)");

    private readonly Channel<Work> _queue;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<GroupCommit> _log;
    private readonly TimeProvider _time;
    private readonly GroupCommitLimits _limits;
    private readonly Thread _writer;
    private Writer? _current;
    private long _writingSince; // when the oldest request of the group being written was queued; 0 between groups
    private volatile bool _closing;

    public GroupCommit(IServiceScopeFactory scopes, ILogger<GroupCommit> log, TimeProvider time, IOptions<LimitsOptions> limits)
    {
        _scopes = scopes;
        _log = log;
        _time = time;
        _limits = limits.Value.GroupCommit;
        // FullMode Wait: TryWrite answers false on a full queue (the caller is refused, nothing is dropped).
        _queue = Channel.CreateBounded<Work>(new BoundedChannelOptions(Math.Max(1, _limits.QueueLimit))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        // The writer is the one serial step of every hot write: on a thread of its own it runs the
        // moment work arrives. As a thread-pool task it waited in the pool's queue behind the very
        // requests that were waiting for it (a fifth of the CPU stood idle under load).
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = ThreadName };
        using (ExecutionContext.SuppressFlow()) // nothing of the request that happened to create it
        {
            _writer.Start();
        }
    }

    /// <summary>
    /// Inserts the rows (new entities, in the order given) and returns once they are committed;
    /// their generated ids are set then. Throws the <see cref="DbUpdateException"/> of these rows alone.
    /// The wait is not cancellable: once queued the rows are written (every caller is idempotent).
    /// Throws <see cref="ServerBusyException"/>, having queued nothing, when the queue is full.
    /// </summary>
    public Task Insert(IReadOnlyList<object> rows)
    {
        // RunContinuationsAsynchronously: the requests resume on the thread pool, not on the writer thread.
        var work = new Work(rows, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), _time.GetTimestamp());
        if (!_queue.Writer.TryWrite(work))
        {
            throw _closing
                ? new InvalidOperationException("the write queue is closed (the server is stopping)")
                : new ServerBusyException(QueueLimitName, _limits.RetryAfter);
        }
        return work.Done.Task;
    }

    /// <summary>Requests queued and not yet taken by the writer.</summary>
    public int Queued => _queue.Reader.Count;

    /// <summary>Whether the writer thread still runs (it ends only when the app stops).</summary>
    public bool IsWriting => _writer.IsAlive;

    /// <summary>
    /// How long the oldest request not yet answered has waited: the one being written, or the head of
    /// the queue. Zero when idle. Grows without bound only when the writer is stuck (the database hangs).
    /// </summary>
    public TimeSpan LongestWait
    {
        get
        {
            var oldest = Interlocked.Read(ref _writingSince);
            if (oldest == 0 && _queue.Reader.TryPeek(out var head))
            {
                oldest = head.QueuedAt;
            }
            return oldest == 0 ? TimeSpan.Zero : _time.GetElapsedTime(oldest);
        }
    }

    private void WriteLoop()
    {
        var reader = _queue.Reader;
        var group = new List<Work>(MaxRequestsPerCommit);
        while (WaitForWork(reader))
        {
            // Everything that queued up while the last commit was being written goes in this one.
            var rows = 0;
            while (group.Count < MaxRequestsPerCommit && rows < MaxRowsPerCommit && reader.TryRead(out var work))
            {
                group.Add(work);
                rows += work.Rows.Count;
            }
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            Interlocked.Exchange(ref _writingSince, group.Count > 0 ? group[0].QueuedAt : 0);
            try
            {
                Write(group);
            }
            catch (Exception e)
            {
                // Write completes every request; this is only a guard so that the loop never dies.
                _log.LogError(e, "group commit failed unexpectedly");
                foreach (var w in group)
                {
                    w.Done.TrySetException(e);
                }
            }
            Interlocked.Exchange(ref _writingSince, 0);
            GroupSize.Record(group.Count);
            CommitTime.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            group.Clear();
        }
        _current?.Dispose();
        _current = null;
    }

    // Blocks the writer thread (its own, not the pool's) until work is queued; false once the queue is closed and empty.
    private static bool WaitForWork(ChannelReader<Work> reader)
    {
        var wait = reader.WaitToReadAsync();
        return wait.IsCompleted ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }

    private void Write(List<Work> group)
    {
        try
        {
            Commit(group);
            foreach (var work in group)
            {
                Count(work);
                work.Done.TrySetResult();
            }
            return;
        }
        catch (Exception e) when (group.Count == 1)
        {
            Failed.Add(1);
            group[0].Done.TrySetException(e);
            return;
        }
        catch (Exception e)
        {
            // Nothing of the group was committed.
            _log.LogDebug(e, "a group of {Count} failed; writing each request on its own", group.Count);
        }
        foreach (var work in group)
        {
            try
            {
                Commit([work]); // one request's rows: one transaction of their own
                Count(work);
                work.Done.TrySetResult();
            }
            catch (Exception e)
            {
                Failed.Add(1);
                work.Done.TrySetException(e);
            }
        }
    }

    private static void Count(Work work)
    {
        // A request's rows are of one entity (a scan, a batch of case events); the tag names it.
        if (work.Rows.Count > 0)
        {
            Committed.Add(work.Rows.Count, new KeyValuePair<string, object?>("entity", work.Rows[0].GetType().Name));
        }
    }

    /// <summary>
    /// The writer's own context, its connection held open from one group to the next (no pool
    /// lease, no connection setup, statements kept prepared). Dropped after any failure: the next
    /// group starts on a fresh one, whatever state the failure left the connection in.
    /// </summary>
    private sealed class Writer(IServiceScope scope, AppDb db) : IDisposable
    {
        public AppDb Db => db;

        public RowInserter Inserter { get; } = new(db);

        public static Writer Open(IServiceScopeFactory scopes)
        {
            var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            db.Database.OpenConnection();
            return new Writer(scope, db);
        }

        public void Dispose()
        {
            Inserter.Dispose();
            db.Database.CloseConnection();
            scope.Dispose();
        }
    }

    /// <summary>
    /// Inserts the rows of these requests all-or-nothing: as one statement where the inserter can
    /// (PostgreSQL, one entity type), else in one transaction (plain inserts, not SaveChanges: see <see cref="RowInserter"/>).
    /// </summary>
    private void Commit(List<Work> group)
    {
        var writer = _current ??= Writer.Open(_scopes);
        try
        {
            object[] rows = [.. group.SelectMany(work => work.Rows)];
            if (writer.Inserter.IsOneStatement(rows))
            {
                writer.Inserter.Insert(rows, transaction: null); // commits as it completes: one round trip
                return;
            }
            using var transaction = writer.Db.Database.BeginTransaction();
            writer.Inserter.Insert(rows, transaction.GetDbTransaction());
            transaction.Commit();
        }
        catch
        {
            _current = null;
            writer.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Let what is queued be written before the host stops.
        _closing = true;
        _queue.Writer.TryComplete();
        await Task.Run(_writer.Join);
    }
}
