namespace GreenGrid.Bench;

/// <summary>
/// Warms a server process up until its JIT has finished. Tiered compilation starts every method
/// unoptimised and recompiles the hot ones on a background thread; on two cores that thread was
/// still busy 20 seconds into a load, taking a quarter of the machine from whatever was measured
/// then (a fixed warm-up of 5,000 requests measured the trivial endpoint at half its real speed).
/// So the rounds go on until a round of load costs that thread almost nothing.
/// </summary>
internal static class WarmUp
{
    /// <summary>Rounds in a row whose JIT time must stay under <see cref="QuietShare"/> of their length.</summary>
    private const int QuietRounds = 2;

    private const double QuietShare = 0.01;

    /// <summary>Runs rounds of load until the server's JIT is quiet (or <paramref name="maxRounds"/>); says how it went.</summary>
    public static async Task<string> UntilJitIsQuiet(int serverProcessId, Func<Task> round, int maxRounds = 40)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var quiet = 0;
        for (var rounds = 1; rounds <= maxRounds; rounds++)
        {
            var jitBefore = TieredCompilationCpu(serverProcessId);
            var roundStarted = System.Diagnostics.Stopwatch.StartNew();
            await round();
            if (jitBefore is null || TieredCompilationCpu(serverProcessId) is not { } jitAfter)
            {
                // Not Linux, or no such thread: the best that can be done is a long warm-up.
                if (rounds == maxRounds / 2)
                {
                    return $"warm-up: {rounds} rounds, {started.Elapsed.TotalSeconds:F0} s (the JIT thread could not be watched)";
                }
                continue;
            }
            quiet = (jitAfter - jitBefore.Value).TotalSeconds < QuietShare * roundStarted.Elapsed.TotalSeconds ? quiet + 1 : 0;
            if (quiet == QuietRounds)
            {
                return $"warm-up: {rounds} rounds, {started.Elapsed.TotalSeconds:F0} s, until the server's JIT was quiet";
            }
        }
        return $"warm-up: {maxRounds} rounds, {started.Elapsed.TotalSeconds:F0} s, and the server's JIT was still busy";
    }

    /// <summary>CPU time of the runtime's tiered-compilation thread; null where it cannot be read.</summary>
    private static TimeSpan? TieredCompilationCpu(int processId) => ProcessCpu.OfThread(processId, ".NET Tiered");
}
