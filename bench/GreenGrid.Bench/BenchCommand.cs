using GreenGrid.Demo;

namespace GreenGrid.Bench;

internal static class BenchCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var size = Enum.Parse<DemoSize>(Option(args, "--size") ?? "Small", ignoreCase: true);
        var seed = int.Parse(Option(args, "--seed") ?? "20200228", System.Globalization.CultureInfo.InvariantCulture);
        return args.FirstOrDefault() switch
        {
            "generate" => GenerateStats.Run(size, seed),
            "bulkload" => await BulkLoadBench.RunAsync(size, seed, Runs(args, size), Option(args, "--only")),
            "certify" => CertifyBench.Run(seed, int.Parse(Option(args, "--runs") ?? "21", System.Globalization.CultureInfo.InvariantCulture)),
            "cases-ingest" => await CaseIngestBench.RunAsync(
                int.Parse(Option(args, "--single") ?? "100000", System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(Option(args, "--batched") ?? "500000", System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(Option(args, "--clients") ?? "16", System.Globalization.CultureInfo.InvariantCulture)),
            "scans" => await ScanBench.RunAsync(int.Parse(Option(args, "--requests") ?? "4000", System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(Option(args, "--concurrency") ?? "32", System.Globalization.CultureInfo.InvariantCulture), Option(args, "--only"),
                int.Parse(Option(args, "--rounds") ?? "3", System.Globalization.CultureInfo.InvariantCulture)),
            "import" => await ImportBench.RunAsync(int.Parse(Option(args, "--rows") ?? "1000000", System.Globalization.CultureInfo.InvariantCulture)),
            "cases-counts" => await CaseCountsBench.RunAsync(seed,
                int.Parse(Option(args, "--people") ?? "200000", System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(Option(args, "--confirmed") ?? "50000", System.Globalization.CultureInfo.InvariantCulture)),
            "latency" => await LatencyBench.RunAsync(args),
            _ => Usage(),
        };
    }

    /// <summary>Runs per case: enough for a median where a run is short, one where it takes minutes.</summary>
    private static int Runs(string[] args, DemoSize size) =>
        Option(args, "--runs") is { } runs ? int.Parse(runs, System.Globalization.CultureInfo.InvariantCulture)
        : size switch { DemoSize.Tiny or DemoSize.Small => 5, DemoSize.Wuchang => 3, _ => 1 };

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: bulkload [--size Tiny|Small|Wuchang|Wuhan] [--seed N] [--runs N] [--only TEXT]\n       generate [--size ...] [--seed N]   (statistics of the generated city)\n       import [--rows N]   (register import of a generated CSV vs the bulk-load baseline; default 1,000,000)\n       cases-ingest [--single N] [--batched N] [--clients N]   (case events through the real server: single POSTs and batches, vs a trivial endpoint)\n       certify [--seed N] [--runs N]   (certification engine on a Wuhan-scale synthetic city vs one linear pass over its events)\n       cases-counts [--seed N] [--people N] [--confirmed N]   (case counts of a Wuhan-scale city in memory, recounts, and the counts API's read on SQLite/PostgreSQL)\n       scans [--requests N] [--concurrency N] [--rounds N] [--only sqlite|postgres]   (gate scans through the real HTTP server vs GET /api/v1/ping, in alternating rounds; SQLite, and PostgreSQL when GREENGRID_PG is set)\n       latency [--size Tiny|Small|Wuchang|Wuhan] [--requests N] [--budget SECONDS] [--only sqlite|postgres|ROUTE-TEXT]... [--as USER-TEXT]...   (every GET endpoint and page as every demo account that may, c=1 and c=16, vs GET /api/v1/ping; default Wuhan, 30 requests)");
        return 2;
    }
}
