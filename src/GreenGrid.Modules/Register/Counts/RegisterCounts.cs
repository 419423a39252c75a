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

/// <summary>A page of a list; <paramref name="Next"/> asks for the page after it (as <c>after</c>), null on the last page.</summary>
public sealed record ResidentPage(RegisterCategory Category, int Total, int Skip, ResidentRow[] Items, string? Next = null);

/// <summary>
/// Where a page of a residents list ends, in the list's order (building path, room, id): the next page
/// starts after it, found through the indexes whatever its depth, where a skip of a million rows reads
/// the million first. Given to clients as an opaque token.
/// </summary>
public sealed record ResidentCursor(string Path, string Room, long Id)
{
    public string Token() => Convert.ToBase64String(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new object[] { Path, Room, Id }))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The cursor in a token, or null when the token is not one this list gave.</summary>
    public static ResidentCursor? Parse(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            var bytes = Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
            var parts = System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement[]>(bytes);
            return parts is [{ ValueKind: System.Text.Json.JsonValueKind.String } path, { ValueKind: System.Text.Json.JsonValueKind.String } room, { ValueKind: System.Text.Json.JsonValueKind.Number } id]
                && id.TryGetInt64(out var value) && value > 0
                ? new ResidentCursor(path.GetString()!, room.GetString()!, value)
                : null;
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            return null;
        }
    }
}


/// <summary>
/// Counts of the register under a place, and the list behind each count. The counts come from
/// <see cref="RegisterCountsModel"/> (kept in memory, recounted per building after each write with the
/// predicates of <see cref="RegisterCategories"/>); a list filters with the same predicate in SQL, so a
/// count and the length of its list cannot disagree.
/// </summary>
public sealed class RegisterCountQueries(AppDb db, AuditLog audit, RegisterCountsModel model)
{
    public Task<RegisterCountsView> Counts(Place place, CancellationToken ct) => model.Counts(place, ct);

    public async Task<ResidentPage> List(Place place, RegisterCategory category, int skip, int take, bool fullNumbers, CancellationToken ct, ResidentCursor? after = null)
    {
        var total = await model.Count(place, category, ct);
        // Buildings in path order, then their households, then their residents: each step an index, so a
        // page reads its own rows (and sorts within one building), never the whole place's residents.
        var buildings = place.Kind == PlaceKind.Building
            ? db.Places().Where(p => p.Id == place.Id)
            : db.Places().Where(PlacePath.Within(place.Path)).Where(p => p.Kind == PlaceKind.Building && p.RetiredAt == null);
        var query =
            from b in buildings
            join h in db.Households() on b.Id equals h.BuildingId
            join r in db.Residents().AsNoTracking().Where(RegisterCategories.Filter(category)) on h.Id equals r.HouseholdId
            select new { r, h.Room, b.NameZh, b.NameEn, BuildingId = b.Id, b.Path };
        if (after is not null)
        {
            // The first condition follows from the second; it gives the planner the range of the path index.
            query = query.Where(x => string.Compare(x.Path, after.Path) >= 0)
                .Where(x => string.Compare(x.Path, after.Path) > 0
                    || (x.Path == after.Path && (string.Compare(x.Room, after.Room) > 0 || (x.Room == after.Room && x.r.Id > after.Id))));
        }
        var rows = await query.OrderBy(x => x.Path).ThenBy(x => x.Room).ThenBy(x => x.r.Id).Skip(skip).Take(take).ToListAsync(ct);
        await audit.Record(AuditAction.Read, "resident", rows.Select(x => x.r.Id), place.Path, $"list of {category} under {place.Code}", ct);
        var next = rows.Count == take ? new ResidentCursor(rows[^1].Path, rows[^1].Room, rows[^1].r.Id).Token() : null;
        return new ResidentPage(category, total, skip, rows.Select(x => new ResidentRow(
            x.r.Id, x.r.HouseholdId, x.BuildingId, x.NameZh, x.NameEn, x.Room, x.r.Name, x.r.Sex, x.r.BirthDate,
            fullNumbers ? x.r.IdNumber : Masking.IdNumber(x.r.IdNumber), fullNumbers ? x.r.Phone : Masking.Phone(x.r.Phone),
            x.r.Residence, x.r.Vulnerabilities, x.r.Status)).ToArray(), next);
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
            .WithSummary("The residents that one count of /register counts (masked), page by page; total equals the count. Pass a page's next as after for the page that follows (fast at any depth).");
    }

    private static async Task<Results<Ok<ResidentPage>, ValidationProblem, ProblemHttpResult>> ListResidents(
        long id, PlaceQueries places, RegisterCountQueries counts, CancellationToken ct, string? category = null, int skip = 0, int take = 50, string? after = null)
    {
        var errors = new ValidationErrors();
        // Named as in the JSON of /register (camelCase); any case is taken.
        var parsed = RegisterCategory.Residents;
        if (category is not null && (!Enum.TryParse(category, ignoreCase: true, out parsed) || !Enum.IsDefined(parsed)))
        {
            errors.Add("category", $"must be one of: {string.Join(", ", Enum.GetNames<RegisterCategory>().Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName))}");
        }
        errors.Page(skip, take, MaxTake);
        ResidentCursor? cursor = null;
        if (after is not null && (cursor = ResidentCursor.Parse(after)) is null)
        {
            errors.Add("after", "is not a token this list gave: pass the \"next\" of the page before, unchanged");
        }
        else if (after is not null && skip != 0)
        {
            errors.Add("after", "cannot be combined with skip: a page starts either after a token or at a position");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        return await places.Find(id, ct) is { } place
            ? TypedResults.Ok(await counts.List(place, parsed, skip, take, fullNumbers: false, ct, cursor))
            : Problems.NotFound("place", id);
    }
}
