using GreenGrid.Cases;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Register;

namespace GreenGrid.Demo;

/// <summary>
/// The tables the demo city fills and the columns its bulk writers bind, in their order, read from the
/// EF model (<see cref="BulkTable"/>): enums are written as their names, the <see cref="Vulnerability"/>
/// flags as an integer, as the modules' EF configurations map them.
/// </summary>
internal static class DemoTables
{
    public static readonly BulkTable Places = BulkTable.Of<Place>(
        nameof(Place.Id), nameof(Place.ParentId), nameof(Place.Kind), nameof(Place.Code), nameof(Place.NameZh), nameof(Place.NameEn),
        nameof(Place.Path), nameof(Place.IsScattered), nameof(Place.GridId), nameof(Place.RetiredAt));

    public static readonly BulkTable Grids = BulkTable.Of<Grid>(
        nameof(Grid.Id), nameof(Grid.CommunityId), nameof(Grid.Code), nameof(Grid.NameZh), nameof(Grid.NameEn),
        nameof(Grid.ResponsibleWorker), nameof(Grid.ResponsiblePhone));

    public static readonly BulkTable Households = BulkTable.Of<Household>(nameof(Household.Id), nameof(Household.BuildingId), nameof(Household.Room));

    public static readonly BulkTable Residents = BulkTable.Of<Resident>(
        nameof(Resident.Id), nameof(Resident.HouseholdId), nameof(Resident.Name), nameof(Resident.Sex), nameof(Resident.BirthDate),
        nameof(Resident.IdNumber), nameof(Resident.IsSynthetic), nameof(Resident.Phone), nameof(Resident.Relationship),
        nameof(Resident.Residence), nameof(Resident.Vulnerabilities), nameof(Resident.DocumentType), nameof(Resident.Status));

    public static readonly BulkTable CaseEvents = BulkTable.Of<CaseEvent>(
        nameof(CaseEvent.Id), nameof(CaseEvent.ResidentId), nameof(CaseEvent.Type), nameof(CaseEvent.EffectiveDate),
        nameof(CaseEvent.LastExposure), nameof(CaseEvent.SourceCaseId), nameof(CaseEvent.Facility), nameof(CaseEvent.Source),
        nameof(CaseEvent.SweepId), nameof(CaseEvent.SupersedesId), nameof(CaseEvent.Note), nameof(CaseEvent.RecordedAt),
        nameof(CaseEvent.RecordedById), nameof(CaseEvent.IdempotencyKey));

    /// <summary>The tables bulk-loaded (indexes and foreign keys dropped and rebuilt around the load).</summary>
    public static readonly BulkTable[] All = [Places, Grids, Households, Residents, CaseEvents];

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

    /// <summary>The recording account's columns, in the order of <see cref="ImportAccountValues"/>.</summary>
    public static readonly BulkTable Accounts = BulkTable.Of<Account>(
        nameof(Account.UserName), nameof(Account.NormalizedUserName), nameof(Account.DisplayName), nameof(Account.Role), nameof(Account.IsDemo),
        nameof(Account.IsDisabled), nameof(Account.CreatedAt), nameof(Account.SecurityStamp), nameof(Account.ConcurrencyStamp),
        nameof(Account.EmailConfirmed), nameof(Account.PhoneNumberConfirmed), nameof(Account.TwoFactorEnabled), nameof(Account.LockoutEnabled),
        nameof(Account.AccessFailedCount));

    // Enum names cached once: ToString() on an enum allocates, 11 million times for Wuhan.
    public static readonly string[] KindNames = Names<PlaceKind>();
    public static readonly string[] SexNames = Names<Sex>();
    public static readonly string[] RelationshipNames = Names<Relationship>();
    public static readonly string[] ResidenceNames = Names<Residence>();
    public static readonly string[] DocumentTypeNames = Names<DocumentType>();
    public static readonly string[] StatusNames = Names<ResidentStatus>();
    public static readonly string[] CaseEventTypeNames = Names<CaseEventType>();
    public static readonly string[] CaseSourceNames = Names<CaseSource>();

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
