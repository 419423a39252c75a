using GreenGrid.Places;
using GreenGrid.Register;

namespace GreenGrid.Demo;

/// <summary>
/// The four tables the demo city fills, with their columns exactly as the EF model maps them
/// (PlaceDbConfig, RegisterDbConfig and the Initial migrations): quoted PascalCase names, enums as
/// their names, the <see cref="Vulnerability"/> flags as an integer. The bulk writers and the
/// tests that compare them with EF share this one list.
/// </summary>
internal static class DemoTables
{
    public const string Places = "places";
    public const string Grids = "grids";
    public const string Households = "households";
    public const string Residents = "residents";

    public static readonly string[] All = [Places, Grids, Households, Residents];

    public static readonly string[] PlaceColumns = ["Id", "ParentId", "Kind", "Code", "NameZh", "NameEn", "Path", "IsScattered", "GridId", "RetiredAt"];
    public static readonly string[] GridColumns = ["Id", "CommunityId", "Code", "NameZh", "NameEn", "ResponsibleWorker", "ResponsiblePhone"];
    public static readonly string[] HouseholdColumns = ["Id", "BuildingId", "Room"];
    public static readonly string[] ResidentColumns =
        ["Id", "HouseholdId", "Name", "Sex", "BirthDate", "IdNumber", "IsSynthetic", "Phone", "Relationship", "Residence", "Vulnerabilities", "DocumentType", "Status"];

    // Enum names cached once: ToString() on an enum allocates, 11 million times for Wuhan.
    public static readonly string[] KindNames = Names<PlaceKind>();
    public static readonly string[] SexNames = Names<Sex>();
    public static readonly string[] RelationshipNames = Names<Relationship>();
    public static readonly string[] ResidenceNames = Names<Residence>();
    public static readonly string[] DocumentTypeNames = Names<DocumentType>();
    public static readonly string[] StatusNames = Names<ResidentStatus>();

    public static string ColumnList(string[] columns) => string.Join(", ", columns.Select(c => $"\"{c}\""));

    private static string[] Names<TEnum>() where TEnum : struct, Enum
    {
        var values = Enum.GetValues<TEnum>();
        var names = new string[values.Length];
        foreach (var value in values)
        {
            names[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)] = value.ToString();
        }
        return names;
    }
}
