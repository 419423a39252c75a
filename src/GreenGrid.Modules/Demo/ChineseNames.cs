using System.Text;

namespace GreenGrid.Demo;

/// <summary>A Chinese word and its pinyin, e.g. ("梅园", "Meiyuan").</summary>
internal readonly record struct NamePart(string Zh, string Pinyin);

/// <summary>A place-name ending with its English rendering, e.g. ("花园", "Garden").</summary>
internal readonly record struct NameSuffix(string Zh, string En);

/// <summary>
/// The word stock of the demo city: syllables for place names, compound and street endings,
/// common surnames with their weights and given-name characters by birth era and sex.
/// Enough variety for a city of Wuhan's size; every generated name has a pinyin English form.
/// </summary>
internal static class ChineseNames
{
    /// <summary>Syllables that Wuhan's place names are commonly made of.</summary>
    public static readonly NamePart[] Syllables = Parse(
        "东dong 南nan 西xi 北bei 中zhong 湖hu 山shan 桥qiao 园yuan 华hua 林lin 梅mei 桃tao 柳liu 松song 竹zhu " +
        "兰lan 荷he 江jiang 汉han 楚chu 昌chang 阳yang 晴qing 翠cui 金jin 玉yu 宝bao 丰feng 安an 平ping 和he " +
        "康kang 乐le 福fu 民min 新xin 龙long 凤feng 鹤he 紫zi 青qing 白bai 沙sha 洲zhou 岭ling 湾wan 港gang " +
        "泉quan 春chun 秋qiu 明ming 光guang 德de 胜sheng 利li 兴xing 盛sheng 荣rong 嘉jia 锦jin 秀xiu 雅ya 景jing " +
        "星xing 晨chen 云yun 霞xia 虹hong 彩cai 枫feng 杨yang 桂gui 菊ju 莲lian 黄huang 武wu 珞luo 首shou 义yi " +
        "积ji 徐xu 粮liang 道dao 石shi 水shui 果guo 晓xiao 恒heng 宁ning 泰tai 瑞rui 祥xiang 顺shun 君jun 怡yi " +
        "静jing 清qing 岸an 滨bin 亭ting 阁ge 文wen 书shu 学xue 府fu 银yin 杏xing 樱ying 芳fang 望wang 月yue " +
        "千qian 万wan 友you 建jian 工gong 农nong 红hong 卫wei 丹dan 鹏peng 岳yue 堤di 洪hong 昙tan 珈jia 育yu");

    public static readonly NameSuffix Community = new("社区", "Community");
    public static readonly NameSuffix Village = new("村", "Village");
    public static readonly NameSuffix Subdistrict = new("街", "Subdistrict");
    public static readonly NameSuffix Township = new("镇", "Town");

    /// <summary>Work-unit quarters and the estates of the 1980s and 1990s.</summary>
    public static readonly NameSuffix[] OldCompounds =
        [new("宿舍", "Quarters"), new("厂宿舍", "Factory Quarters"), new("新村", "New Village"), new("大院", "Compound"), new("小区", "Estate")];

    /// <summary>The estates of 1995 to 2010.</summary>
    public static readonly NameSuffix[] MidCompounds =
        [new("小区", "Estate"), new("花园", "Garden"), new("家园", "Homes"), new("小区", "Estate"), new("花园", "Garden")];

    /// <summary>The high-rise estates of the 2010s.</summary>
    public static readonly NameSuffix[] NewCompounds =
        [new("苑", "Court"), new("公寓", "Apartments"), new("名居", "Residences"), new("花园", "Garden"), new("华庭", "Mansions")];

    /// <summary>The largest estates, with tens of towers.</summary>
    public static readonly NameSuffix[] LargeCompounds =
        [new("城", "City"), new("新城", "New Town"), new("花园", "Garden")];

    public static readonly NameSuffix[] Streets = [new("路", "Road"), new("街", "Street"), new("巷", "Lane")];

    /// <summary>Common surnames with weights near their share of Hubei's population.</summary>
    public static readonly (NamePart Surname, double Weight)[] Surnames = ParseWeighted(
        "王Wang7.1 李Li7.0 张Zhang6.8 刘Liu5.6 陈Chen4.5 杨Yang3.1 黄Huang2.2 胡Hu2.0 赵Zhao2.0 吴Wu2.0 周Zhou1.9 " +
        "徐Xu1.5 孙Sun1.2 马Ma1.1 朱Zhu1.3 郭Guo1.1 何He1.1 高Gao1.0 林Lin0.9 罗Luo0.9 郑Zheng0.8 梁Liang0.7 " +
        "谢Xie0.8 宋Song0.7 唐Tang0.7 许Xu0.7 韩Han0.5 冯Feng0.6 邓Deng0.7 曹Cao0.6 彭Peng0.7 曾Zeng0.6 肖Xiao0.7 " +
        "田Tian0.6 董Dong0.5 袁Yuan0.6 潘Pan0.5 于Yu0.4 蒋Jiang0.5 蔡Cai0.6 余Yu1.0 杜Du0.5 叶Ye0.5 程Cheng0.6 " +
        "苏Su0.4 魏Wei0.4 吕Lyu0.4 丁Ding0.4 任Ren0.4 沈Shen0.4 姚Yao0.4 卢Lu0.4 姜Jiang0.3 崔Cui0.3 钟Zhong0.3 " +
        "谭Tan0.4 陆Lu0.3 汪Wang0.5 范Fan0.3 金Jin0.3 石Shi0.3 廖Liao0.3 贾Jia0.3 夏Xia0.5 韦Wei0.2 付Fu0.4 " +
        "方Fang0.4 白Bai0.3 邹Zou0.4 孟Meng0.3 熊Xiong0.8 秦Qin0.2 邱Qiu0.3 江Jiang0.3 尹Yin0.2 薛Xue0.2 闫Yan0.2 " +
        "段Duan0.2 雷Lei0.4 侯Hou0.2 龙Long0.2 史Shi0.2 陶Tao0.3 黎Li0.2 贺He0.2 顾Gu0.2 毛Mao0.3 郝Hao0.2 " +
        "龚Gong0.3 邵Shao0.2 万Wan0.4 钱Qian0.2 严Yan0.2 覃Qin0.2 武Wu0.2 戴Dai0.2 莫Mo0.1 孔Kong0.1 向Xiang0.3 " +
        "汤Tang0.2 柯Ke0.3 喻Yu0.3 涂Tu0.3");

    public static readonly double[] SurnameWeights = Surnames.Select(s => s.Weight).ToArray();

    // Given-name characters by birth era: a grandmother is 秀英, a mother 丽娟, a daughter 欣怡.
    private static readonly string[] OldMale = Chars("国建华明德志强文军平林成福荣生春忠义海庆兴发贵云山保根宝树章");
    private static readonly string[] OldFemale = Chars("秀英兰珍华芳桂玉凤琴梅淑素翠春荣云萍莲香霞菊花娥");
    private static readonly string[] MidMale = Chars("伟勇军涛斌波辉刚杰峰强磊鹏亮超明华建平东俊林武宏志新卫");
    private static readonly string[] MidFemale = Chars("丽静敏燕艳娟霞红玲芳琳萍颖洁婷慧莉雪晶丹琼蓉");
    private static readonly string[] YoungMale = Chars("浩宇轩子涵睿博文泽晨俊杰然昊铭皓宸逸航凯鑫磊阳天一嘉");
    private static readonly string[] YoungFemale = Chars("欣怡梓萱涵雨思佳诗琪可馨悦雅彤妍琳晨婧璐瑶珊若依");

    public static NamePart DrawSurname(DemoRandom random) => Surnames[random.Weighted(SurnameWeights)].Surname;

    /// <summary>A given name of one or two characters, in the fashion of the birth year.</summary>
    public static string DrawGivenName(DemoRandom random, bool male, int birthYear)
    {
        var pool = (birthYear, male) switch
        {
            ( < 1960, true) => OldMale,
            ( < 1960, false) => OldFemale,
            ( < 1990, true) => MidMale,
            ( < 1990, false) => MidFemale,
            (_, true) => YoungMale,
            (_, false) => YoungFemale,
        };
        // Single-character given names were most common for those born in the 1970s-80s.
        var single = birthYear is >= 1970 and < 1990 ? 0.35 : 0.15;
        var first = random.Pick(pool);
        if (random.Chance(single))
        {
            return first;
        }
        var second = random.Pick(pool);
        return second == first ? first + random.Pick(pool) : first + second;
    }

    public static string DrawPersonName(DemoRandom random, string surname, bool male, int birthYear) =>
        surname + DrawGivenName(random, male, birthYear);

    /// <summary>Joins pinyin syllables the way place names are written: "Meiyuan", "Ping'an".</summary>
    public static string Pinyin(params ReadOnlySpan<string> syllables)
    {
        var text = new StringBuilder();
        foreach (var syllable in syllables)
        {
            if (text.Length == 0)
            {
                text.Append(char.ToUpperInvariant(syllable[0])).Append(syllable.AsSpan(1));
                continue;
            }
            // An apostrophe keeps a syllable starting with a, o or e apart: Xi'an, not Xian.
            if (syllable[0] is 'a' or 'o' or 'e' or 'A' or 'O' or 'E')
            {
                text.Append('\'');
            }
            text.Append(char.ToLowerInvariant(syllable[0])).Append(syllable.AsSpan(1));
        }
        return text.ToString();
    }

    private static NamePart[] Parse(string list) =>
        list.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => new NamePart(w[..1], w[1..])).ToArray();

    private static (NamePart, double)[] ParseWeighted(string list) =>
        list.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w =>
        {
            var digits = w.IndexOfAny("0123456789".ToCharArray());
            return (new NamePart(w[..1], w[1..digits]), double.Parse(w[digits..], System.Globalization.CultureInfo.InvariantCulture));
        }).ToArray();

    private static string[] Chars(string chars) => chars.Select(c => c.ToString()).ToArray();
}
