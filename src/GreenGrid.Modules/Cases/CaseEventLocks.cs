namespace GreenGrid.Cases;

/// <summary>
/// Serialises the check-then-write of events of one person inside this process, so that two
/// requests at once cannot both pass the transition check against the same old history.
/// Striped: people share a lock by id, batches take their stripes in ascending order.
/// </summary>
public sealed class CaseEventLocks
{
    private const int Stripes = 64;
    private readonly SemaphoreSlim[] _locks = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> Acquire(IEnumerable<long> residentIds, CancellationToken ct)
    {
        var stripes = residentIds.Select(id => (int)(id % Stripes)).Distinct().Order().ToArray();
        var taken = new List<SemaphoreSlim>(stripes.Length);
        try
        {
            foreach (var stripe in stripes)
            {
                await _locks[stripe].WaitAsync(ct);
                taken.Add(_locks[stripe]);
            }
        }
        catch
        {
            Release(taken);
            throw;
        }
        return new Held(taken);
    }

    private static void Release(List<SemaphoreSlim> taken)
    {
        foreach (var l in taken)
        {
            l.Release();
        }
    }

    private sealed class Held(List<SemaphoreSlim> taken) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (!_done)
            {
                _done = true;
                Release(taken);
            }
        }
    }
}
