using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Health;
using GreenGrid.Platform.Limits;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GreenGrid.Tests.Platform;

/// <summary>
/// The group commit's bounded queue, on the class itself: its writer is held at its first request
/// (the database "hangs"), so the queue fills deterministically, without timing.
/// </summary>
public sealed class GroupCommitQueueTests
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(7);

    [Fact]
    public async Task A_full_queue_refuses_at_once_with_busy_and_a_stuck_writer_makes_the_app_not_ready()
    {
        var clock = new FakeTimeProvider();
        using var database = new HangingDatabase();
        var limits = Options.Create(new LimitsOptions { GroupCommit = { QueueLimit = 2, RetryAfter = RetryAfter } });
        var commits = new GroupCommit(database, NullLogger<GroupCommit>.Instance, clock, limits);
        var health = new GroupCommitCheck(commits, Options.Create(new HealthOptions { GroupCommitMaxWait = TimeSpan.FromSeconds(30) }));

        var first = commits.Insert([new object()]);
        Assert.True(database.Entered.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), "the writer should take the first request");
        var queued = new[] { commits.Insert([new object()]), commits.Insert([new object()]) };
        Assert.Equal(2, commits.Queued);
        Assert.Equal(HealthStatus.Healthy, (await Check(health)).Status);

        // Thrown by Insert itself, before any task exists: the caller is answered at once.
        ServerBusyException? busy = null;
        try
        {
            _ = commits.Insert([new object()]);
        }
        catch (ServerBusyException e)
        {
            busy = e;
        }
        Assert.NotNull(busy);
        Assert.Equal(GroupCommit.QueueLimitName, busy.Limit);
        Assert.Equal(RetryAfter, busy.RetryAfter);
        Assert.Equal(2, commits.Queued); // nothing of the refused request was queued

        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HealthStatus.Unhealthy, (await Check(health)).Status);

        // The database "fails": every queued request is answered (with its failure), none hangs.
        database.Release();
        foreach (var request in queued.Prepend(first))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => request);
        }
        Assert.Equal(TimeSpan.Zero, commits.LongestWait);
        await commits.DisposeAsync();
    }

    [Fact]
    public async Task Busy_is_answered_503_with_retry_after_and_a_problem_naming_the_limit()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Headers.Accept = "application/json";
        context.Response.Body = new MemoryStream();
        var handler = new ServerBusyExceptionHandler(services.GetRequiredService<IProblemDetailsService>());

        Assert.True(await handler.TryHandleAsync(context, new ServerBusyException(GroupCommit.QueueLimitName, RetryAfter), TestContext.Current.CancellationToken));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("7", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        using var problem = await System.Text.Json.JsonDocument.ParseAsync(context.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(GroupCommit.QueueLimitName, problem.RootElement.GetProperty("limit").GetString());
    }

    private static Task<HealthCheckResult> Check(GroupCommitCheck check) =>
        check.CheckHealthAsync(new HealthCheckContext { Registration = new HealthCheckRegistration("group commit", check, null, null) }, TestContext.Current.CancellationToken);

    /// <summary>A scope factory whose database the writer waits for until released, and then finds broken.</summary>
    private sealed class HangingDatabase : IServiceScopeFactory, IDisposable
    {
        private readonly ManualResetEventSlim _released = new();

        public ManualResetEventSlim Entered { get; } = new();

        public void Release() => _released.Set();

        public IServiceScope CreateScope()
        {
            Entered.Set();
            _released.Wait();
            throw new InvalidOperationException("the database is gone");
        }

        public void Dispose()
        {
            _released.Set();
            _released.Dispose();
            Entered.Dispose();
        }
    }
}
