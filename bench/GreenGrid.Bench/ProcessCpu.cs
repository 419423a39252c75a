using System.Globalization;

namespace GreenGrid.Bench;

/// <summary>
/// CPU time of processes and threads, read from /proc (Linux; null elsewhere). Throughput on a
/// shared two-core machine moves by a fifth from run to run with what the neighbours do; the CPU
/// a request costs each process moves much less, and it says where a request's time goes.
/// </summary>
internal static class ProcessCpu
{
    /// <summary>User + system CPU of a whole process.</summary>
    public static TimeSpan? OfProcess(int processId) => Read($"/proc/{processId}/stat");

    /// <summary>CPU of the first thread of a process whose name starts so (e.g. ".NET Tiered", the JIT's thread).</summary>
    public static TimeSpan? OfThread(int processId, string namePrefix)
    {
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{processId}/task"))
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).StartsWith(namePrefix, StringComparison.Ordinal))
                {
                    return Read(Path.Combine(task, "stat"));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }

    /// <summary>CPU of every PostgreSQL process on the machine (the backends and the server's own); the bench's server is the only one in use.</summary>
    public static TimeSpan? OfPostgres()
    {
        if (!Directory.Exists("/proc"))
        {
            return null;
        }
        var total = TimeSpan.Zero;
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (int.TryParse(Path.GetFileName(process), out _)
                    && File.ReadAllText(Path.Combine(process, "comm")).StartsWith("postgres", StringComparison.Ordinal)
                    && Read(Path.Combine(process, "stat")) is { } cpu)
                {
                    total += cpu;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A backend that ended while it was being read.
            }
        }
        return total;
    }

    private static TimeSpan? Read(string statFile)
    {
        try
        {
            // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th, in clock ticks (100 a second).
            var stat = File.ReadAllText(statFile);
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return TimeSpan.FromSeconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>
/// CPU spent by the server, its group commit's writer thread (part of the server's), the database
/// (PostgreSQL's processes; SQLite runs inside the server) and this load generator: a reading, or what was spent between two.
/// </summary>
internal readonly record struct CpuSnapshot(TimeSpan? Server, TimeSpan? Writer, TimeSpan? Database, TimeSpan LoadGenerator)
{
    /// <summary>The server's writer thread's name as /proc shows it: at most 15 characters.</summary>
    private static readonly string WriterThread = GreenGrid.Platform.Data.GroupCommit.ThreadName[..15];

    public static CpuSnapshot Take(int serverProcessId, bool postgres) => new(
        ProcessCpu.OfProcess(serverProcessId), ProcessCpu.OfThread(serverProcessId, WriterThread),
        postgres ? ProcessCpu.OfPostgres() : TimeSpan.Zero, System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime);

    /// <summary>What was spent between two snapshots; a part is null where either could not be read.</summary>
    public static CpuSnapshot operator -(CpuSnapshot after, CpuSnapshot before) =>
        new(after.Server - before.Server, after.Writer - before.Writer, after.Database - before.Database, after.LoadGenerator - before.LoadGenerator);

    public static CpuSnapshot operator +(CpuSnapshot a, CpuSnapshot b) =>
        new(a.Server + b.Server, a.Writer + b.Writer, a.Database + b.Database, a.LoadGenerator + b.LoadGenerator);

    /// <summary>Microseconds of CPU per request, each part and in all (the writer is counted in the server's).</summary>
    public CpuPerRequest PerRequest(int requests)
    {
        double? Per(TimeSpan? spent) => spent is { } t ? t.TotalMicroseconds / requests : null;
        var (server, writer, database, load) = (Per(Server), Per(Writer), Per(Database), Per(LoadGenerator)!.Value);
        return new CpuPerRequest(server, writer, database, load, server is { } s && database is { } d ? s + d + load : null);
    }
}

internal readonly record struct CpuPerRequest(double? Server, double? Writer, double? Database, double LoadGenerator, double? Total);
