using System.Diagnostics;

namespace GreenGrid.Bench;

/// <summary>Samples the process's working set every 100 ms while a case runs: streaming must keep it flat.</summary>
internal sealed class PeakMemory : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public PeakMemory() => _timer = new Timer(_ => Sample(), null, 0, 100);

    public long Megabytes
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peak) / (1024 * 1024);
        }
    }

    private void Sample()
    {
        using var process = Process.GetCurrentProcess();
        var current = process.WorkingSet64;
        long seen;
        while (current > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, current, seen) != seen)
        {
        }
    }

    public void Dispose() => _timer.Dispose();
}
