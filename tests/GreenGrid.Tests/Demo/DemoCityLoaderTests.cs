using System.Net.Http.Json;
using GreenGrid.Demo;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Register;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Demo;

/// <summary>
/// The bulk loader writes exactly what the generator produces, in the form EF reads and writes,
/// on each provider; afterwards the application can add rows as usual.
/// </summary>
public abstract class DemoCityLoaderTests(DatabaseProvider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Loading_Tiny_writes_every_generated_row_and_EF_reads_them_back_unchanged()
    {
        await using var database = await MigratedDatabase.CreateAsync(provider);
        var city = GeneratedCity.Of(DemoSize.Tiny);

        var counts = await DemoCityLoader.LoadAsync(database.Connection, DemoSize.Tiny, GeneratedCity.DefaultSeed, new Progress(), Ct);

        Assert.Equal(new DemoCityCounts(city.Places.Count, city.Grids.Count, city.Households.Count, city.Residents.Count, city.CaseEvents.Count), counts);
        await using var db = database.Context();
        Assert.Equivalent(city.Places, await db.Places().AsNoTracking().OrderBy(p => p.Id).ToListAsync(Ct), strict: true);
        Assert.Equivalent(city.Grids, await db.Grids().AsNoTracking().OrderBy(g => g.Id).ToListAsync(Ct), strict: true);
        Assert.Equivalent(city.Households, await db.Households().AsNoTracking().OrderBy(h => h.Id).ToListAsync(Ct), strict: true);
        Assert.Equivalent(city.Residents, await db.Residents().AsNoTracking().OrderBy(r => r.Id).ToListAsync(Ct), strict: true);
        var recorder = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == DemoTables.ImportUserName, Ct);
        // The shared generated list stays as it is: copies with the recorder's id.
        var expected = city.CaseEvents.Select(e => new GreenGrid.Cases.CaseEvent
        {
            Id = e.Id, ResidentId = e.ResidentId, Type = e.Type, EffectiveDate = e.EffectiveDate, LastExposure = e.LastExposure, SourceCaseId = e.SourceCaseId,
            Facility = e.Facility, Source = e.Source, SweepId = e.SweepId, SupersedesId = e.SupersedesId, Note = e.Note, RecordedAt = e.RecordedAt,
            RecordedById = recorder.Id, IdempotencyKey = e.IdempotencyKey,
        }).ToList();
        Assert.NotEmpty(expected);
        Assert.Equivalent(expected, await db.CaseEvents().AsNoTracking().OrderBy(e => e.Id).ToListAsync(Ct), strict: true);
    }

    [Fact]
    public async Task The_outbreak_is_recorded_by_a_disabled_demo_account_nobody_signs_in_as_and_new_events_get_fresh_ids()
    {
        await using var database = await MigratedDatabase.CreateAsync(provider);
        var counts = await DemoCityLoader.LoadAsync(database.Connection, DemoSize.Tiny, GeneratedCity.DefaultSeed, new DateOnly(2020, 2, 23), new Progress(), Ct);

        await using var db = database.Context();
        var recorder = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == DemoTables.ImportUserName, Ct);
        Assert.True(recorder is { IsDemo: true, IsDisabled: true, PasswordHash: null });
        Assert.True(counts.CaseEvents > 0);
        Assert.Equal(counts.CaseEvents, await db.CaseEvents().LongCountAsync(e => e.RecordedById == recorder.Id, Ct));
        Assert.False(await db.CaseEvents().AnyAsync(e => e.EffectiveDate > new DateOnly(2020, 2, 23), Ct));

        var resident = await db.Residents().AsNoTracking().Where(r => !db.CaseEvents().Any(e => e.ResidentId == r.Id)).OrderBy(r => r.Id).FirstAsync(Ct);
        var added = new GreenGrid.Cases.CaseEvent
        {
            ResidentId = resident.Id, Type = GreenGrid.Cases.CaseEventType.Fever, EffectiveDate = new DateOnly(2020, 2, 23),
            Source = GreenGrid.Cases.CaseSource.Community, RecordedById = recorder.Id, RecordedAt = new DateTime(2020, 2, 23, 2, 0, 0, DateTimeKind.Utc),
        };
        db.CaseEvents().Add(added);
        await db.SaveChangesAsync(Ct);
        Assert.Equal(counts.CaseEvents + 1, added.Id);
    }

    [Fact]
    public async Task Paths_in_the_database_follow_the_parent_ids_and_a_subtree_query_finds_Tanhualins_people()
    {
        await using var database = await MigratedDatabase.CreateAsync(provider);
        await DemoCityLoader.LoadAsync(database.Connection, DemoSize.Tiny, GeneratedCity.DefaultSeed, new Progress(), Ct);

        await using var db = database.Context();
        var places = await db.Places().AsNoTracking().ToDictionaryAsync(p => p.Id, Ct);
        Assert.All(places.Values.Where(p => p.ParentId is not null), p => Assert.Equal(PlacePath.Child(places[p.ParentId!.Value].Path, p.Id), p.Path));

        var tanhualin = places.Values.Single(p => p.NameZh == "昙华林社区");
        // The subtree as one index range of paths, the way the place tree queries it.
        var (low, high) = (tanhualin.Path, GreenGrid.Platform.Data.TreePaths.UpperBound(tanhualin.Path));
        var inDatabase = await db.Residents().CountAsync(r => db.Households().Any(h => h.Id == r.HouseholdId && db.Places().Any(p =>
            p.Id == h.BuildingId && string.Compare(p.Path, low) >= 0 && string.Compare(p.Path, high) < 0)), Ct);

        var city = GeneratedCity.Of(DemoSize.Tiny);
        var buildings = city.Places.Where(p => p.Kind == PlaceKind.Building && p.Path.StartsWith(tanhualin.Path, StringComparison.Ordinal)).Select(p => p.Id).ToHashSet();
        var households = city.Households.Where(h => buildings.Contains(h.BuildingId)).Select(h => h.Id).ToHashSet();
        Assert.Equal(city.Residents.Count(r => households.Contains(r.HouseholdId)), inDatabase);
        Assert.True(inDatabase > 0);
    }

    [Fact]
    public async Task Rows_added_through_EF_after_the_load_get_fresh_ids()
    {
        await using var database = await MigratedDatabase.CreateAsync(provider);
        var counts = await DemoCityLoader.LoadAsync(database.Connection, DemoSize.Tiny, GeneratedCity.DefaultSeed, new Progress(), Ct);

        await using var db = database.Context();
        var tanhualin = await db.Places().SingleAsync(p => p.NameZh == "昙华林社区", Ct);
        var compound = new Place { ParentId = tanhualin.Id, Kind = PlaceKind.Compound, Code = "NEW01", NameZh = "新建小区", NameEn = "New Estate", Path = "/pending/" };
        db.Places().Add(compound);
        await db.SaveChangesAsync(Ct);
        var building = new Place { ParentId = compound.Id, Kind = PlaceKind.Building, Code = "NEW01-001", NameZh = "1栋", NameEn = "Building 1", Path = "/pending-building/" };
        var grid = new Grid { CommunityId = tanhualin.Id, Code = "NEW-G", NameZh = "新网格", NameEn = "New grid" };
        db.AddRange(building, grid);
        await db.SaveChangesAsync(Ct);
        var household = new Household { BuildingId = building.Id, Room = "1单元101" };
        db.Add(household);
        await db.SaveChangesAsync(Ct);
        var resident = new Resident
        {
            HouseholdId = household.Id, Name = "王新", IdNumber = "11010519491231002X", BirthDate = new DateOnly(1949, 12, 31),
            Sex = Sex.Female, Relationship = Relationship.Head, Residence = Residence.Registered,
        };
        db.Add(resident);
        await db.SaveChangesAsync(Ct);

        Assert.Equal(counts.Places + 1, compound.Id);
        Assert.Equal(counts.Places + 2, building.Id);
        Assert.Equal(counts.Grids + 1, grid.Id);
        Assert.Equal(counts.Households + 1, household.Id);
        Assert.Equal(counts.Residents + 1, resident.Id);
    }

    [Fact]
    public async Task Loading_into_a_database_that_already_has_places_is_refused_and_changes_nothing()
    {
        await using var database = await MigratedDatabase.CreateAsync(provider);
        var first = await DemoCityLoader.LoadAsync(database.Connection, DemoSize.Tiny, GeneratedCity.DefaultSeed, new Progress(), Ct);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            DemoCityLoader.LoadAsync(database.Connection, DemoSize.Tiny, seed: 99, new Progress(), Ct));

        Assert.Contains("already has places", refused.Message, StringComparison.Ordinal);
        await using var db = database.Context();
        Assert.Equal(first.Places, await db.Places().LongCountAsync(Ct));
        Assert.Equal(first.Residents, await db.Residents().LongCountAsync(Ct));
        // Indexes and foreign keys are still all there after the refused attempt.
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        await Assert.ThrowsAnyAsync<DbUpdateException>(() =>
        {
            db.Households().Add(new Household { BuildingId = 987_654_321, Room = "nowhere" });
            return db.SaveChangesAsync(Ct);
        });
    }

    [Fact]
    public async Task The_indexes_and_foreign_keys_are_back_after_the_load()
    {
        await using var database = await MigratedDatabase.CreateAsync(provider);
        var before = await database.SchemaAsync(Ct);

        await DemoCityLoader.LoadAsync(database.Connection, DemoSize.Tiny, GeneratedCity.DefaultSeed, new Progress(), Ct);

        Assert.Equal(before, await database.SchemaAsync(Ct));
        Assert.Contains(before, s => s.Contains("IX_residents_IdNumber", StringComparison.Ordinal));
        Assert.Contains(before, s => s.Contains("IX_case_events_ResidentId_EffectiveDate", StringComparison.Ordinal));
        await using var db = database.Context();
        await Assert.ThrowsAnyAsync<DbUpdateException>(() =>
        {
            db.Residents().Add(new Resident { HouseholdId = 987_654_321, Name = "无户", IdNumber = "11010519491231002X" });
            return db.SaveChangesAsync(Ct);
        });
    }

    [Fact]
    public async Task Progress_reports_every_stage_up_to_its_total()
    {
        await using var database = await MigratedDatabase.CreateAsync(provider);
        var progress = new Progress();

        var counts = await DemoCityLoader.LoadAsync(database.Connection, DemoSize.Tiny, GeneratedCity.DefaultSeed, progress, Ct);

        var last = progress.Reports.GroupBy(r => r.Stage).ToDictionary(g => g.Key, g => g.Last());
        Assert.Equal(counts.Places, last["Places"].Done);
        Assert.Equal(counts.Grids, last["Grids"].Done);
        Assert.Equal(counts.Households, last["Households"].Done);
        Assert.Equal(counts.Residents, last["Residents"].Done);
        Assert.Equal(counts.CaseEvents, last["Case events"].Done);
        Assert.All(last.Values, r => Assert.Equal(r.Total, r.Done));
        Assert.Equal("Indexes", progress.Reports[^1].Stage);
    }

    [Fact]
    public async Task On_first_start_the_application_loads_the_demo_city_and_headquarters_sees_it()
    {
        await using var app = await GreenGridApp.StartAsync(provider, DemoSize.Tiny);
        long wuhanId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            wuhanId = await db.Places().Where(p => p.ParentId == null && p.Code == "420100").Select(p => p.Id).SingleAsync(Ct);
        }
        using var hq = await app.ClientAs(Role.Headquarters, wuhanId);
        async Task<T> Get<T>(string url) => (await hq.GetFromJsonAsync<T>(url, GreenGridApp.Json, Ct))!;

        var wuhan = (await Get<PlaceView[]>("/api/v1/places")).Single(p => p.Id == wuhanId);
        Assert.Equal(("武汉市", "Wuhan"), (wuhan.NameZh, wuhan.NameEn));
        var wuchang = Assert.Single(await Get<PlaceView[]>($"/api/v1/places/{wuhan.Id}/children"));
        var liangdao = (await Get<PlaceView[]>($"/api/v1/places/{wuchang.Id}/children")).Single(p => p.NameZh == "粮道街");
        var tanhualin = (await Get<PlaceView[]>($"/api/v1/places/{liangdao.Id}/children")).Single(p => p.NameEn == "Tanhualin Community");
        var counts = await Get<SubtreeCounts>($"/api/v1/places/{tanhualin.Id}/counts");
        Assert.True(counts.Residents > 0);
        Assert.True(counts.Places[PlaceKind.Compound] >= 2);
    }

    private sealed class Progress : IProgress<LoadProgress>
    {
        public List<LoadProgress> Reports { get; } = [];

        public void Report(LoadProgress value) => Reports.Add(value);
    }
}

public sealed class DemoCityLoaderTests_on_Sqlite() : DemoCityLoaderTests(DatabaseProvider.Sqlite)
{
    [Fact]
    public async Task Loaded_rows_are_stored_in_the_same_form_as_rows_written_by_EF()
    {
        await using var database = await MigratedDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var counts = await DemoCityLoader.LoadAsync(database.Connection, DemoSize.Tiny, GeneratedCity.DefaultSeed, new Progress<LoadProgress>(), TestContext.Current.CancellationToken);
        await using (var db = database.Context())
        {
            db.Residents().Add(new Resident
            {
                HouseholdId = 1, Name = "王新", IdNumber = "11010519491231002X", BirthDate = new DateOnly(1949, 12, 31), IsSynthetic = true,
                Sex = Sex.Female, Relationship = Relationship.Head, Residence = Residence.Floating, Vulnerabilities = Vulnerability.Disabled | Vulnerability.Hardship,
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        // SQLite stores whatever it is given: compare the storage class and shape of each column.
        const string shape = """
            SELECT typeof("BirthDate") || ' ' || length("BirthDate") || ' ' || substr("BirthDate", 5, 1)
                || ' | ' || typeof("IsSynthetic") || ' ' || "IsSynthetic"
                || ' | ' || typeof("Sex") || ' | ' || typeof("Relationship") || ' | ' || typeof("Residence")
                || ' | ' || typeof("Vulnerabilities") || ' | ' || typeof("HouseholdId") AS "Value"
            FROM residents WHERE "Id" = {0}
            """;
        await using var read = database.Context();
        var loaded = await read.Database.SqlQueryRaw<string>(shape.Replace("{0}", "1", StringComparison.Ordinal)).SingleAsync(TestContext.Current.CancellationToken);
        var byEf = await read.Database.SqlQueryRaw<string>(shape.Replace("{0}", (counts.Residents + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(byEf, loaded);
        Assert.Equal("text 10 - | integer 1 | text | text | text | integer | integer", loaded);
    }
}

public sealed class DemoCityLoaderTests_on_Postgres() : DemoCityLoaderTests(DatabaseProvider.Postgres);

/// <summary>A fresh database of one provider, migrated, for one test; deleted after.</summary>
internal sealed class MigratedDatabase : IAsyncDisposable
{
    private readonly TestDatabase _database;

    private MigratedDatabase(TestDatabase database) => _database = database;

    public DatabaseConnection Connection => new(_database.Provider, _database.ConnectionString);

    public static async Task<MigratedDatabase> CreateAsync(DatabaseProvider provider)
    {
        var database = new MigratedDatabase(await TestDatabase.CreateAsync(provider));
        await using var db = database.Context();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        return database;
    }

    public AppDb Context()
    {
        var options = new DbContextOptionsBuilder<AppDb>();
        DatabaseSetup.Configure(options, _database.Provider, _database.ConnectionString);
        return new AppDb(options.Options);
    }

    /// <summary>The indexes and foreign keys of the demo city's tables, as the database describes them.</summary>
    public async Task<List<string>> SchemaAsync(CancellationToken ct)
    {
        await using var db = Context();
        var sql = _database.Provider == DatabaseProvider.Sqlite
            ? """
              SELECT type || ' ' || name || ' ' || COALESCE(sql, '') AS "Value" FROM sqlite_master
              WHERE tbl_name IN ('places', 'grids', 'households', 'residents', 'case_events') AND type IN ('index', 'table')
              UNION ALL
              SELECT 'fk ' || m.name || ' ' || f."from" || ' -> ' || f."table" || '.' || f."to" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
              WHERE m.name IN ('places', 'grids', 'households', 'residents', 'case_events')
              """
            : """
              SELECT indexrelid::regclass::text || ' ' || pg_get_indexdef(indexrelid) AS "Value" FROM pg_index
              WHERE indrelid = ANY (ARRAY['places', 'grids', 'households', 'residents', 'case_events']::regclass[])
              UNION ALL
              SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
              WHERE conrelid = ANY (ARRAY['places', 'grids', 'households', 'residents', 'case_events']::regclass[])
              """;
        return (await db.Database.SqlQueryRaw<string>(sql).ToListAsync(ct)).Order(StringComparer.Ordinal).ToList();
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
