using System.Diagnostics;
using GreenGrid.Demo;
using GreenGrid.Places;
using GreenGrid.Register;

namespace GreenGrid.Bench;

/// <summary>`generate`: how long generation alone takes and what the generated city looks like.</summary>
internal static class GenerateStats
{
    public static int Run(DemoSize size, int seed)
    {
        var watch = Stopwatch.StartNew();
        var city = new DemoCityGenerator(size, seed);
        var plan = watch.Elapsed;
        var counts = city.Count();
        var counted = watch.Elapsed - plan;
        var kinds = city.Places().GroupBy(p => p.Kind).ToDictionary(g => g.Key, g => g.Count());
        var households = city.Households().Count();
        var afterHouseholds = watch.Elapsed;

        long people = 0, over65 = 0, floating = 0, stranded = 0, withPhone = 0, children = 0;
        var flags = new Dictionary<Vulnerability, long>();
        var sizes = new Dictionary<long, int>();
        foreach (var r in city.Residents())
        {
            people++;
            var age = Age(r.BirthDate);
            if (age >= 65) over65++;
            if (age < 18) children++;
            if (r.Residence == Residence.Floating) floating++;
            if (r.Residence == Residence.Stranded) stranded++;
            if (r.Phone is not null) withPhone++;
            foreach (var flag in Enum.GetValues<Vulnerability>().Where(f => f != Vulnerability.None && r.Vulnerabilities.HasFlag(f)))
            {
                flags[flag] = flags.GetValueOrDefault(flag) + 1;
            }
            sizes[r.HouseholdId] = sizes.GetValueOrDefault(r.HouseholdId) + 1;
        }
        var residentsTime = watch.Elapsed - afterHouseholds;

        Console.WriteLine($"{size} seed {seed}: plan {plan.TotalSeconds:F2}s, count {counted.TotalSeconds:F2}s, residents stream {residentsTime.TotalSeconds:F2}s ({people / residentsTime.TotalSeconds:N0}/s)");
        Console.WriteLine($"counts: {counts}");
        Console.WriteLine("places: " + string.Join(", ", kinds.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value:N0}")));
        Console.WriteLine($"households {households:N0}, residents {people:N0}, average size {(double)people / households:F2}");
        var histogram = sizes.Values.GroupBy(s => Math.Min(s, 5)).OrderBy(g => g.Key).Select(g => $"{g.Key}{(g.Key == 5 ? "+" : "")}: {100.0 * g.Count() / sizes.Count:F1}%");
        Console.WriteLine("household sizes: " + string.Join(", ", histogram));
        Console.WriteLine($"over 65 {100.0 * over65 / people:F1}%, under 18 {100.0 * children / people:F1}%, floating {100.0 * floating / people:F1}%, stranded {100.0 * stranded / people:F2}%, with phone {100.0 * withPhone / people:F1}%");
        Console.WriteLine("vulnerable: " + string.Join(", ", flags.OrderBy(f => f.Key).Select(f => $"{f.Key} {f.Value:N0} ({100.0 * f.Value / people:F2}%)")));
        watch.Restart();
        var outbreak = city.Outbreak().Summarise();
        Console.WriteLine($"outbreak up to {city.StandsOn:yyyy-MM-dd} ({watch.Elapsed.TotalSeconds:F2} s): {outbreak}");
        Console.WriteLine("new confirmed by week: " + string.Join(", ", outbreak.NewConfirmed.GroupBy(d => d.Key.AddDays(-(((int)d.Key.DayOfWeek + 6) % 7)))
            .Select(w => $"{w.Key:MM-dd} {w.Sum(d => d.Value)}")));
        Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MB");
        return 0;
    }

    private static int Age(DateOnly birth) =>
        Register.ReadHouseholds.HouseholdQueries.Age(birth, DemoCityGenerator.ReferenceDate);
}
