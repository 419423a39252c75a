using GreenGrid.Cases;
using GreenGrid.Places;
using GreenGrid.Register;

namespace GreenGrid.Demo;

/// <summary>
/// The tables the demo city fills, with their columns exactly as the EF model maps them
/// (PlaceDbConfig, RegisterDbConfig, CasesDbConfig and the migrations): quoted PascalCase names, enums as
/// their names, the <see cref="Vulnerability"/> flags as an integer. The bulk writers and the
/// tests that compare them with EF share this one list.
/// </summary>
internal static class DemoTables
{
    public const string Places = "places";
    public const string Grids = "grids";
    public const string Households = "households";
    public const string Residents = "residents";
    public const string CaseEvents = "case_events";

    /// <summary>The account the simulated outbreak is recorded by (see <see cref="DemoOutbreak"/>).</summary>
    public const string Accounts = "accounts";

    /// <summary>The tables bulk-loaded (indexes and foreign keys dropped and rebuilt around the load).</summary>
    public static readonly string[] All = [Places, Grids, Households, Residents, CaseEvents];

    public static readonly string[] PlaceColumns = ["Id", "ParentId", "Kind", "Code", "NameZh", "NameEn", "Path", "IsScattered", "GridId", "RetiredAt"];
    public static readonly string[] GridColumns = ["Id", "CommunityId", "Code", "NameZh", "NameEn", "ResponsibleWorker", "ResponsiblePhone"];
    public static readonly string[] HouseholdColumns = ["Id", "BuildingId", "Room"];
    public static readonly string[] ResidentColumns =
        ["Id", "HouseholdId", "Name", "Sex", "BirthDate", "IdNumber", "IsSynthetic", "Phone", "Relationship", "Residence", "Vulnerabilities", "DocumentType", "Status"];
    public static readonly string[] CaseEventColumns =
        ["Id", "ResidentId", "Type", "EffectiveDate", "LastExposure", "SourceCaseId", "Facility", "Source", "SweepId", "SupersedesId", "Note", "RecordedAt", "RecordedById", "IdempotencyKey"];

    /// <summary>
    /// The demo's recording account: the simulated history is "recorded" by it. Disabled and without a
    /// password, so nobody signs in as it; created in the load's transaction, so the events' foreign key holds.
    /// </summary>
    public const string ImportUserName = "demo.import";
    public const string ImportDisplayName = "演示数据导入 Demo import";
    /// <summary>The values of <see cref="AccountColumns"/> for the recording account (stamps fixed: same seed, same rows).</summary>
    public static object[] ImportAccountValues() =>
    [
        ImportUserName, ImportUserName.ToUpperInvariant(), ImportDisplayName, nameof(GreenGrid.Platform.Security.Role.Administrator), true, true,
        new DateTime(2020, 1, 20, 0, 0, 0, DateTimeKind.Utc), "DEMOIMPORTNOSIGNIN00000000000000", "00000000-0000-0000-0000-000000000000",
        false, false, false, true, 0,
    ];

    public static readonly string[] AccountColumns =
        ["UserName", "NormalizedUserName", "DisplayName", "Role", "IsDemo", "IsDisabled", "CreatedAt", "SecurityStamp", "ConcurrencyStamp",
         "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount"];

    // Enum names cached once: ToString() on an enum allocates, 11 million times for Wuhan.
    public static readonly string[] KindNames = Names<PlaceKind>();
    public static readonly string[] SexNames = Names<Sex>();
    public static readonly string[] RelationshipNames = Names<Relationship>();
    public static readonly string[] ResidenceNames = Names<Residence>();
    public static readonly string[] DocumentTypeNames = Names<DocumentType>();
    public static readonly string[] StatusNames = Names<ResidentStatus>();
    public static readonly string[] CaseEventTypeNames = Names<CaseEventType>();
    public static readonly string[] CaseSourceNames = Names<CaseSource>();

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
