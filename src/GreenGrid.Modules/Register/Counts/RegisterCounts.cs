using System.Linq.Expressions;
using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Privacy;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Register.Counts;

/// <summary>What a register count counts. Each has one definition (<see cref="RegisterCategories.Filter"/>) that both the count and its list use.</summary>
public enum RegisterCategory
{
    /// <summary>Everyone on the register (present, not merged away).</summary>
    Residents,
    Registered,
    Floating,
    Stranded,
    /// <summary>On the register with at least one vulnerable flag.</summary>
    Vulnerable,
    ElderlyAlone,
    Disabled,
    ChronicIllness,
    Dialysis,
    Pregnant,
    Hardship,
    /// <summary>No longer counted: moved out.</summary>
    MovedOut,
    /// <summary>No longer counted: died.</summary>
    Deceased,
}

public static class RegisterCategories
{
    public static Expression<Func<Resident, bool>> Filter(RegisterCategory category) => category switch
    {
        RegisterCategory.Residents => r => r.Status == ResidentStatus.Present && r.MergedIntoId == null,
        RegisterCategory.Registered => r => r.Status == ResidentStatus.Present && r.MergedIntoId == null && r.Residence == Residence.Registered,
        RegisterCategory.Floating => r => r.Status == ResidentStatus.Present && r.MergedIntoId == null && r.Residence == Residence.Floating,
        RegisterCategory.Stranded => r => r.Status == ResidentStatus.Present && r.MergedIntoId == null && r.Residence == Residence.Stranded,
        RegisterCategory.Vulnerable => r => r.Status == ResidentStatus.Present && r.MergedIntoId == null && r.Vulnerabilities != Vulnerability.None,
        RegisterCategory.MovedOut => r => r.Status == ResidentStatus.MovedOut && r.MergedIntoId == null,
        RegisterCategory.Deceased => r => r.Status == ResidentStatus.Deceased && r.MergedIntoId == null,
        _ => Flag(FlagOf(category)),
    };

    private static Expression<Func<Resident, bool>> Flag(Vulnerability flag) =>
        r => r.Status == ResidentStatus.Present && r.MergedIntoId == null && (r.Vulnerabilities & flag) == flag;

    private static Vulnerability FlagOf(RegisterCategory category) => category switch
    {
        RegisterCategory.ElderlyAlone => Vulnerability.ElderlyAlone,
        RegisterCategory.Disabled => Vulnerability.Disabled,
        RegisterCategory.ChronicIllness => Vulnerability.ChronicIllness,
        RegisterCategory.Dialysis => Vulnerability.Dialysis,
        RegisterCategory.Pregnant => Vulnerability.Pregnant,
        RegisterCategory.Hardship => Vulnerability.Hardship,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    private static readonly Dictionary<RegisterCategory, Func<Resident, bool>> Compiled =
        Enum.GetValues<RegisterCategory>().ToDictionary(c => c, c => Filter(c).Compile());

    public static bool Holds(RegisterCategory category, Resident resident) => Compiled[category](resident);
}

/// <summary>The register under a place: households, and residents per category.</summary>
public sealed record RegisterCountsView(long PlaceId, int Households, IReadOnlyDictionary<RegisterCategory, int> Residents);

/// <summary>A resident in a list of a count: where they live and their masked numbers.</summary>
public sealed record ResidentRow(
    long Id, long HouseholdId, long BuildingId, string BuildingNameZh, string BuildingNameEn, string Room, string Name, Sex Sex, DateOnly BirthDate,
    string IdNumberMasked, string? PhoneMasked, Residence Residence, Vulnerability Vulnerabilities, ResidentStatus Status);

public sealed record ResidentPage(RegisterCategory Category, int Total, int Skip, ResidentRow[] Items);

/// <summary>
/// Counts of the register under a place, and the list behind each count. The counts come from
/// <see cref="RegisterCountsModel"/> (kept in memory, recounted per building after each write with the
/// predicates of <see cref="RegisterCategories"/>); a list filters with the same predicate in SQL, so a
/// count and the length of its list cannot disagree.
/// </summary>
public sealed class RegisterCountQueries(AppDb db, AuditLog audit, RegisterCountsModel model)
{
    private IQueryable<Resident> Under(Place place)
    {
        var buildings = place.Kind == PlaceKind.Building
            ? db.Places().Where(p => p.Id == place.Id).Select(p => p.Id)
            : db.Places().Where(PlacePath.Within(place.Path)).Where(p => p.Kind == PlaceKind.Building && p.RetiredAt == null).Select(p => p.Id);
        var householdIds = db.Households().Where(h => buildings.Contains(h.BuildingId)).Select(h => h.Id);
        return db.Residents().AsNoTracking().Where(r => householdIds.Contains(r.HouseholdId));
    }

    public Task<RegisterCountsView> Counts(Place place, CancellationToken ct) => model.Counts(place, ct);

    public async Task<ResidentPage> List(Place place, RegisterCategory category, int skip, int take, bool fullNumbers, CancellationToken ct)
    {
        var residents = Under(place).Where(RegisterCategories.Filter(category));
        var total = await model.Count(place, category, ct);
        var rows = await (
            from r in residents
            join h in db.Households() on r.HouseholdId equals h.Id
            join b in db.Places() on h.BuildingId equals b.Id
            orderby b.Path, h.Room, r.Id
            select new { r, h.Room, b.NameZh, b.NameEn, BuildingId = b.Id })
            .Skip(skip).Take(take).ToListAsync(ct);
        await audit.Record(AuditAction.Read, "resident", rows.Select(x => x.r.Id), place.Path, $"list of {category} under {place.Code}", ct);
        return new ResidentPage(category, total, skip, rows.Select(x => new ResidentRow(
            x.r.Id, x.r.HouseholdId, x.BuildingId, x.NameZh, x.NameEn, x.Room, x.r.Name, x.r.Sex, x.r.BirthDate,
            fullNumbers ? x.r.IdNumber : Masking.IdNumber(x.r.IdNumber), fullNumbers ? x.r.Phone : Masking.Phone(x.r.Phone),
            x.r.Residence, x.r.Vulnerabilities, x.r.Status)).ToArray());
    }
}

internal static class RegisterCountEndpoints
{
    public const int MaxTake = 500;

    public static void Map(RouteGroupBuilder read)
    {
        read.MapGet("/places/{id:long}/register", async Task<Results<Ok<RegisterCountsView>, ProblemHttpResult>> (long id, PlaceQueries places, RegisterCountQueries counts, CancellationToken ct) =>
                await places.Find(id, ct) is { } place ? TypedResults.Ok(await counts.Counts(place, ct)) : Problems.NotFound("place", id))
            .WithSummary("Counts of the register under a place: households, residents, registered, floating, stranded, vulnerable by kind, moved out, deceased.");
        read.MapGet("/places/{id:long}/residents", ListResidents)
            .WithSummary("The residents that one count of /register counts (masked), page by page; total equals the count.");
    }

    private static async Task<Results<Ok<ResidentPage>, ValidationProblem, ProblemHttpResult>> ListResidents(
        long id, PlaceQueries places, RegisterCountQueries counts, CancellationToken ct, string? category = null, int skip = 0, int take = 50)
    {
        var errors = new ValidationErrors();
        // Named as in the JSON of /register (camelCase); any case is taken.
        var parsed = RegisterCategory.Residents;
        if (category is not null && (!Enum.TryParse(category, ignoreCase: true, out parsed) || !Enum.IsDefined(parsed)))
        {
            errors.Add("category", $"must be one of: {string.Join(", ", Enum.GetNames<RegisterCategory>().Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName))}");
        }
        errors.Page(skip, take, MaxTake);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        return await places.Find(id, ct) is { } place
            ? TypedResults.Ok(await counts.List(place, parsed, skip, take, fullNumbers: false, ct))
            : Problems.NotFound("place", id);
    }
}
