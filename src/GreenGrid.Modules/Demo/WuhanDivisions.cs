namespace GreenGrid.Demo;

/// <summary>A district of Wuhan with the size of its grassroots structure in the demo.</summary>
/// <param name="Code">GB/T 2260 code.</param>
/// <param name="Subdistricts">Urban sub-districts (街道).</param>
/// <param name="Townships">Rural towns (镇), stored as <see cref="Places.PlaceKind.Township"/>.</param>
/// <param name="Communities">Communities (社区) in the district.</param>
/// <param name="Villages">Villages (村) in the district.</param>
/// <param name="CompoundsPerCommunity">Average residential compounds per community, not counting the scattered pseudo-compound.</param>
internal sealed record DistrictShape(
    string Code, string NameZh, string NameEn, int Subdistricts, int Townships, int Communities, int Villages, double CompoundsPerCommunity);

/// <summary>A real sub-district (街道) with its pinyin name.</summary>
internal sealed record NamedSubdistrict(string NameZh, string Pinyin);

/// <summary>
/// The real administrative frame of the demo: Wuhan, its 13 districts with their GB/T 2260 codes,
/// and Wuchang's 14 sub-districts. Below that, names are generated. The per-district counts are
/// plausible, not official: they add up to the city-wide figures of 2020 (FACTS.md): 178
/// sub-districts and townships, 1,406 communities, 1,943 villages, about 7,100 compounds.
/// </summary>
internal static class WuhanDivisions
{
    public const string CityCode = "420100";
    public const string CityNameZh = "武汉市";
    public const string CityNameEn = "Wuhan";

    public const string WuchangCode = "420106";

    public static readonly DistrictShape Wuchang = new(WuchangCode, "武昌区", "Wuchang District", 14, 0, 140, 0, 7.0);

    public static readonly DistrictShape[] Districts =
    [
        new("420102", "江岸区", "Jiang'an District", 17, 0, 175, 0, 5.0),
        new("420103", "江汉区", "Jianghan District", 13, 0, 115, 0, 5.6),
        new("420104", "硚口区", "Qiaokou District", 11, 0, 110, 0, 5.0),
        new("420105", "汉阳区", "Hanyang District", 12, 0, 120, 10, 5.0),
        Wuchang,
        new("420107", "青山区", "Qingshan District", 12, 0, 95, 5, 5.4),
        new("420111", "洪山区", "Hongshan District", 15, 1, 200, 60, 5.6),
        new("420112", "东西湖区", "Dongxihu District", 12, 2, 90, 120, 4.6),
        new("420113", "汉南区", "Hannan District", 4, 1, 30, 60, 3.6),
        new("420114", "蔡甸区", "Caidian District", 9, 4, 70, 330, 4.0),
        new("420115", "江夏区", "Jiangxia District", 10, 7, 105, 320, 4.2),
        new("420116", "黄陂区", "Huangpi District", 12, 6, 90, 560, 3.8),
        new("420117", "新洲区", "Xinzhou District", 9, 7, 66, 478, 3.6),
    ];

    /// <summary>Wuchang's sub-districts in the order of their codes 420106001 to 420106014.</summary>
    public static readonly NamedSubdistrict[] WuchangSubdistricts =
    [
        new("积玉桥街", "Jiyuqiao"),
        new("杨园街", "Yangyuan"),
        new("徐家棚街", "Xujiapeng"),
        new("粮道街", "Liangdao"),
        new("中华路街", "Zhonghualu"),
        new("黄鹤楼街", "Huanghelou"),
        new("紫阳街", "Ziyang"),
        new("白沙洲街", "Baishazhou"),
        new("首义路街", "Shouyilu"),
        new("中南路街", "Zhongnanlu"),
        new("水果湖街", "Shuiguohu"),
        new("珞珈山街", "Luojiashan"),
        new("石洞街", "Shidong"),
        new("南湖街", "Nanhu"),
    ];

    /// <summary>The seed's community: Tanhualin, in Liangdao sub-district.</summary>
    public const string LiangdaoNameZh = "粮道街";
    public const string TanhualinNameZh = "昙华林社区";
    public const string TanhualinNameEn = "Tanhualin Community";

    /// <summary>
    /// Region codes (GB/T 2260) written in the ID numbers of the floating population: mostly
    /// other cities and counties of Hubei, some from neighbouring provinces and the big cities.
    /// </summary>
    public static readonly string[] FloatingRegionCodes =
    [
        // Hubei: Huangshi, Daye, Shiyan, Yichang, Xiangyang, Ezhou, Jingmen, Xiaogan, Xiaochang, Yingcheng,
        // Jingzhou, Songzi, Huanggang, Luotian, Qichun, Macheng, Xianning, Chibi, Suizhou, Enshi,
        // Xiantao, Qianjiang, Tianmen
        "420202", "420281", "420303", "420502", "420602", "420704", "420802", "420902", "420921", "420981",
        "421002", "421087", "421102", "421123", "421126", "421181", "421202", "421281", "421303", "422801",
        "429004", "429005", "429006",
        // Elsewhere: Changsha, Zhengzhou, Nanyang, Nanchang, Hefei, Chongqing, Chengdu, Guangzhou,
        // Shanghai Pudong, Beijing Chaoyang, Nanjing, Hangzhou
        "430102", "410105", "411302", "360102", "340102", "500103", "510104", "440106",
        "310115", "110105", "320102", "330106",
    ];

    /// <summary>How much more often each floating region code is drawn: Hubei first.</summary>
    public static readonly double[] FloatingRegionWeights =
        FloatingRegionCodes.Select(code => code.StartsWith("42", StringComparison.Ordinal) ? 3.0 : 1.0).ToArray();
}
