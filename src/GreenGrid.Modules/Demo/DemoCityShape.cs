namespace GreenGrid.Demo;

/// <summary>
/// What a <see cref="DemoSize"/> means: which districts, how much of Wuchang's structure, and what
/// share of the flats have a registered household.
/// </summary>
/// <param name="Districts">The districts of the city, in code order.</param>
/// <param name="WuchangSubdistricts">Indexes into <see cref="WuhanDivisions.WuchangSubdistricts"/> that Wuchang keeps.</param>
/// <param name="ResidentShare">1 for the real density; Small keeps one flat in ten so that first start is quick.</param>
/// <param name="Spread">How much counts vary around their average (0: every community alike).</param>
/// <param name="MaxBuildingsPerCompound">A cap for the test city; 0 for none.</param>
internal sealed record DemoCityShape(
    DistrictShape[] Districts, int[] WuchangSubdistricts, double ResidentShare, double Spread, int MaxBuildingsPerCompound)
{
    private static readonly int[] AllWuchang = Enumerable.Range(0, WuhanDivisions.WuchangSubdistricts.Length).ToArray();

    public static DemoCityShape Of(DemoSize size) => size switch
    {
        // Jiyuqiao, Liangdao (with Tanhualin) and Zhonghualu; 2 communities each, 2 compounds each.
        DemoSize.Tiny => new(
            [WuhanDivisions.Wuchang with { Subdistricts = 3, Communities = 6, CompoundsPerCommunity = 2 }],
            [0, 3, 4], ResidentShare: 0.06, Spread: 0, MaxBuildingsPerCompound: 3),
        DemoSize.Small => new([WuhanDivisions.Wuchang], AllWuchang, ResidentShare: 0.1, Spread: 0.4, MaxBuildingsPerCompound: 0),
        DemoSize.Wuchang => new([WuhanDivisions.Wuchang], AllWuchang, ResidentShare: 1, Spread: 0.4, MaxBuildingsPerCompound: 0),
        DemoSize.Wuhan => new(WuhanDivisions.Districts, AllWuchang, ResidentShare: 1, Spread: 0.4, MaxBuildingsPerCompound: 0),
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, "unknown demo size"),
    };
}
