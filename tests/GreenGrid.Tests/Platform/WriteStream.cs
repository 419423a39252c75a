using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GreenGrid.Tests.Support;

namespace GreenGrid.Tests.Platform;

/// <summary>
/// A stream of the two hot writes, as devices and community workers send them: gate scans (each with
/// its own scan id) and case events (each person's history in order, each with its idempotency key).
/// A refused or failed request is sent again with the same key, as a client would. Every request
/// is stamped on a logical clock when it is sent and when it is answered, so a test can tell what
/// was acknowledged before a moment and what was sent after it.
/// </summary>
internal sealed class WriteStream(HttpClient guard, long gateId, string? token, HttpClient worker, IReadOnlyList<long> residentIds, DateTime scannedAt)
{
    /// <summary>A history each person can take, every date before the test clock's day (2020-02-28).</summary>
    private static readonly object[] Script =
    [
        new { type = "closeContact", effectiveDate = "2020-02-01", lastExposure = "2020-01-31" },
        new { type = "released", effectiveDate = "2020-02-10" },
        new { type = "fever", effectiveDate = "2020-02-11" },
        new { type = "discarded", effectiveDate = "2020-02-12" },
        new { type = "closeContact", effectiveDate = "2020-02-13", lastExposure = "2020-02-12" },
        new { type = "released", effectiveDate = "2020-02-20" },
        new { type = "suspected", effectiveDate = "2020-02-21" },
        new { type = "confirmed", effectiveDate = "2020-02-22" },
    ];

    /// <summary>A request's answer or failure that was not a success.</summary>
    public sealed record Failure(string Key, HttpStatusCode? Status, bool RetryAfter, string What);

    private long _clock;

    /// <summary>Now on the stream's logical clock.</summary>
    public long Mark() => Interlocked.Increment(ref _clock);

    /// <summary>Each acknowledged write: its key, the id the server answered, when it was sent and answered.</summary>
    public ConcurrentDictionary<string, (long Id, long Sent, long Answered)> Acknowledged { get; } = new();

    /// <summary>Every key ever sent, with when it was first sent.</summary>
    public ConcurrentDictionary<string, long> FirstSent { get; } = new();

    public ConcurrentQueue<Failure> Failures { get; } = new();

    /// <summary>How long one request may take before it counts as hung (and is sent again).</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a refused client waits before sending again.</summary>
    public TimeSpan Pause { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a person's next case event waits after the last one was acknowledged (spreads the histories over time).</summary>
    public TimeSpan HistoryGap { get; init; } = TimeSpan.Zero;

    public int ScanKeys => Acknowledged.Keys.Count(k => k.StartsWith("scan-", StringComparison.Ordinal));

    /// <summary>
    /// Sends until <paramref name="stop"/> is cancelled (scans) or the histories are done (case events),
    /// and then until every sent key is acknowledged.
    /// </summary>
    public async Task RunAsync(int scanSenders, CancellationToken stop, CancellationToken ct)
    {
        var scanNumber = 0;
        var scanners = Enumerable.Range(0, scanSenders).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var key = $"scan-{Interlocked.Increment(ref scanNumber):D6}";
                await Send(key, () => guard.PostAsJsonAsync($"/api/v1/gates/{gateId}/scans",
                    new { scanId = key, token, direction = "in", temperature = 36.5m, mask = true, scannedAt }, GreenGridApp.Json, ct),
                    json => json.GetProperty("id").GetInt64(), ct);
            }
        }, ct));
        var histories = residentIds.Select(residentId => Task.Run(async () =>
        {
            for (var step = 0; step < Script.Length; step++)
            {
                var key = $"r{residentId}-e{step}";
                var body = JsonSerializer.SerializeToElement(Script[step]).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
                body["idempotencyKey"] = key;
                await Send(key, () => worker.PostAsJsonAsync($"/api/v1/residents/{residentId}/case-events", body, ct),
                    json => json.GetProperty("event").GetProperty("id").GetInt64(), ct);
                await Task.Delay(HistoryGap, ct);
            }
        }, ct));
        await Task.WhenAll(scanners.Concat(histories));
    }

    public int CaseEventCount => Script.Length * residentIds.Count;

    private async Task Send(string key, Func<Task<HttpResponseMessage>> post, Func<JsonElement, long> id, CancellationToken ct)
    {
        while (true)
        {
            var sent = Mark();
            FirstSent.TryAdd(key, sent);
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
            patience.CancelAfter(Patience);
            try
            {
                using var response = await post().WaitAsync(patience.Token);
                if (response.IsSuccessStatusCode)
                {
                    var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                    var answered = Mark();
                    Acknowledged.AddOrUpdate(key, (id(json), sent, answered), (_, first) =>
                        first.Id == id(json) ? first : throw new InvalidOperationException($"{key} was answered with ids {first.Id} and {id(json)}"));
                    return;
                }
                Failures.Enqueue(new Failure(key, response.StatusCode, response.Headers.RetryAfter is not null, await response.Content.ReadAsStringAsync(ct)));
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                Failures.Enqueue(new Failure(key, null, false, $"no answer within {Patience.TotalSeconds} s"));
            }
            catch (HttpRequestException e)
            {
                Failures.Enqueue(new Failure(key, null, false, e.Message));
            }
            await Task.Delay(Pause, ct);
        }
    }
}
