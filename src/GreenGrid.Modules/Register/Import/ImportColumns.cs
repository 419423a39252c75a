using System.Globalization;
using System.Text;

namespace GreenGrid.Register.Import;

/// <summary>
/// The fields a register spreadsheet can fill, the headers that usually name them (Chinese and
/// English), and how a cell's text becomes a field's value.
/// </summary>
internal static class ImportColumns
{
    public const string Compound = "compound";
    public const string Building = "building";
    public const string Room = "room";
    public const string Name = "name";
    public const string Sex = "sex";
    public const string BirthDate = "birthDate";
    public const string DocumentType = "documentType";
    public const string IdNumber = "idNumber";
    public const string Phone = "phone";
    public const string Relationship = "relationship";
    public const string Residence = "residence";
    public const string Vulnerabilities = "vulnerabilities";
    public const string Note = "note";

    public static readonly string[] Required = [Building, Room, Name, IdNumber];

    /// <summary>Every field, with the headers that name it (compared without spaces, case or marks such as '*').</summary>
    public static readonly IReadOnlyList<(string Field, string[] Headers)> Fields =
    [
        (Compound, ["小区", "小区名称", "小区名", "compound", "estate"]),
        (Building, ["楼栋", "楼号", "楼栋号", "栋", "栋号", "幢", "楼", "building", "buildingno", "block"]),
        (Room, ["房号", "门牌", "门牌号", "房间号", "户号", "单元房号", "室", "room", "roomno", "flat", "unit", "apartment"]),
        (Name, ["姓名", "名字", "居民姓名", "name", "fullname"]),
        (Sex, ["性别", "sex", "gender"]),
        (BirthDate, ["出生日期", "出生年月", "生日", "birthdate", "dateofbirth", "birthday", "dob"]),
        (DocumentType, ["证件类型", "证件种类", "documenttype", "idtype", "document"]),
        (IdNumber, ["身份证号", "身份证号码", "公民身份号码", "证件号码", "证件号", "身份证", "idnumber", "idno", "id", "documentnumber"]),
        (Phone, ["联系电话", "手机", "手机号", "手机号码", "电话", "电话号码", "联系方式", "phone", "mobile", "telephone", "tel"]),
        (Relationship, ["与户主关系", "与户主的关系", "关系", "家庭关系", "relationship", "relationtohead", "relation"]),
        (Residence, ["户籍/流动/滞留", "人口类型", "人员类型", "居住类型", "户籍类型", "户籍", "residence", "residencetype", "population"]),
        (Vulnerabilities, ["特殊人群", "重点人群", "困难类型", "vulnerable", "vulnerabilities", "vulnerability", "flags"]),
        (Note, ["备注", "说明", "note", "notes", "remark", "remarks", "comment"]),
    ];

    public static string Label(string field) => field switch
    {
        Compound => "compound (小区)",
        Building => "building (楼栋)",
        Room => "room (房号)",
        Name => "name (姓名)",
        IdNumber => "ID number (身份证号)",
        _ => field,
    };

    public static string Key(string header)
    {
        var builder = new StringBuilder(header.Length);
        foreach (var c in header.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c) || c == '/')
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }
        return builder.ToString();
    }

    /// <summary>For each field, the first header of the file that names it.</summary>
    public static Dictionary<string, string> Propose(IReadOnlyList<string> header)
    {
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, names) in Fields)
        {
            var keys = names.Select(Key).ToArray();
            // An exact name first, so that "户籍" does not take the column "户籍/流动/滞留" from residence.
            var match = header.FirstOrDefault(h => keys.Contains(Key(h)) && !mapping.ContainsValue(h));
            if (match is not null)
            {
                mapping[field] = match;
            }
        }
        return mapping;
    }

    public static Sex? ParseSex(string value) => Key(value) switch
    {
        "男" or "m" or "male" or "man" => Register.Sex.Male,
        "女" or "f" or "female" or "woman" => Register.Sex.Female,
        _ => null,
    };

    public static Register.DocumentType? ParseDocumentType(string value) => Key(value) switch
    {
        "身份证" or "居民身份证" or "二代身份证" or "idcard" or "residentidcard" or "id" => Register.DocumentType.ResidentIdCard,
        "护照" or "passport" => Register.DocumentType.Passport,
        "港澳通行证" or "港澳居民来往内地通行证" or "回乡证" or "hongkongmacaopermit" => Register.DocumentType.HongKongMacaoPermit,
        "台湾通行证" or "台湾居民来往大陆通行证" or "台胞证" or "taiwanpermit" => Register.DocumentType.TaiwanPermit,
        _ => null,
    };

    public static Relationship? ParseRelationship(string value) => Key(value) switch
    {
        "户主" or "本人" or "head" or "self" => Register.Relationship.Head,
        "配偶" or "妻" or "妻子" or "夫" or "丈夫" or "spouse" or "wife" or "husband" => Register.Relationship.Spouse,
        "子女" or "子" or "女" or "儿子" or "女儿" or "child" or "son" or "daughter" => Register.Relationship.Child,
        "父母" or "父亲" or "母亲" or "父" or "母" or "parent" or "father" or "mother" => Register.Relationship.Parent,
        "孙子女" or "孙子" or "孙女" or "外孙" or "外孙女" or "grandchild" => Register.Relationship.Grandchild,
        "兄弟姐妹" or "兄弟" or "姐妹" or "兄" or "弟" or "姐" or "妹" or "sibling" => Register.Relationship.Sibling,
        "其他" or "其它" or "other" => Register.Relationship.Other,
        _ => null,
    };

    public static Residence? ParseResidence(string value) => Key(value) switch
    {
        "户籍" or "户籍人口" or "常住" or "本地" or "registered" => Register.Residence.Registered,
        "流动" or "流动人口" or "外来" or "floating" => Register.Residence.Floating,
        "滞留" or "滞留人员" or "滞留人口" or "stranded" => Register.Residence.Stranded,
        _ => null,
    };

    private static readonly char[] FlagSeparators = [',', '，', '、', ';', '；', '/', ' ', '|'];

    /// <summary>The flags, or null and the first word that is no flag.</summary>
    public static (Vulnerability? Flags, string? Unknown) ParseVulnerabilities(string value)
    {
        var flags = Vulnerability.None;
        foreach (var word in value.Split(FlagSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Vulnerability? flag = Key(word) switch
            {
                "无" or "none" or "否" => Vulnerability.None,
                "独居老人" or "独居" or "空巢老人" or "elderlyalone" or "elderlylivingalone" => Vulnerability.ElderlyAlone,
                "残疾" or "残疾人" or "disabled" or "disability" => Vulnerability.Disabled,
                "慢性病" or "慢病" or "chronicillness" or "chronic" => Vulnerability.ChronicIllness,
                "透析" or "血透" or "dialysis" => Vulnerability.Dialysis,
                "孕妇" or "孕产妇" or "pregnant" or "pregnancy" => Vulnerability.Pregnant,
                "困难户" or "低保" or "困难" or "hardship" => Vulnerability.Hardship,
                _ => null,
            };
            if (flag is null)
            {
                return (null, word);
            }
            flags |= flag.Value;
        }
        return (flags, null);
    }

    private static readonly string[] DateFormats =
        ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm:ss", "yyyy-MM-ddTHH:mm:ss"];

    /// <summary>A date as people write it (2020-02-28, 2020/2/28, 20200228, 2020年2月28日) or an Excel date number.</summary>
    public static DateOnly? ParseDate(string value)
    {
        var text = value.Normalize(NormalizationForm.FormKC).Trim();
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return DateOnly.FromDateTime(date);
        }
        // A date cell of XLSX is a number of days since 1899-12-30.
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466 && text.Length <= 12 && text.Length != 8)
        {
            return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        }
        return null;
    }
}
