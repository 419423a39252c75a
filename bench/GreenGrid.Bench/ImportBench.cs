using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using GreenGrid.Demo;
using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using GreenGrid.Register;
using GreenGrid.Register.Import;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace GreenGrid.Bench;

/// <summary>
/// `import`: the register import (upload + dry run + commit, through the import's step handlers and
/// <see cref="ImportChecker"/>, as the API runs them) of a generated CSV of N residents into a fresh
/// database that already holds the buildings, against the bulk-load baseline of the same
/// households and residents written straight from memory (plain prepared INSERT loop on SQLite,
/// binary COPY on PostgreSQL, one transaction) in the same run. Run for N and N/4 to show that the
/// working set does not grow with the file.
/// </summary>
internal static class ImportBench
{
    private const int ResidentsPerBuilding = 250;
    private const int BuildingsPerCompound = 40;
    private const int ResidentsPerHousehold = 3;
    private static readonly string[] Regions = ["420102", "420103", "420104", "420105", "420106", "420107", "420111", "420112", "420113", "420114"];

    private sealed record Measurement(string Case, int Rows, double Seconds, long PeakMegabytes, string Detail);

    public static async Task<int> RunAsync(int rows)
    {
        var postgres = Environment.GetEnvironmentVariable("GREENGRID_PG");
        if (string.IsNullOrWhiteSpace(postgres))
        {
            Console.Error.WriteLine("GREENGRID_PG is not set. Start PostgreSQL with scripts/pg-up.sh and export its last line.");
            return 2;
        }
        Console.WriteLine($"# import --rows {rows:N0} (and {rows / 4:N0}), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine(Machine.Describe());
        Console.WriteLine(await Machine.PostgresSettingsAsync(postgres));
        Console.WriteLine(Machine.SqliteSettings());
        Console.WriteLine();

        var measurements = new List<Measurement>();
        foreach (var size in new[] { rows, rows / 4 })
        {
            var csv = Path.Combine(Path.GetTempPath(), $"greengrid-import-bench-{size}.csv");
            var watch = Stopwatch.StartNew();
            var bytes = WriteCsv(csv, size);
            Console.WriteLine($"generated {csv}: {size:N0} rows, {bytes / (1024.0 * 1024.0):F1} MB in {watch.Elapsed.TotalSeconds:F1} s");
            try
            {
                foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
                {
                    var name = provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
                    var baseline = await MeasureAsync($"{name}: bulk-load baseline ({(provider == DatabaseProvider.Sqlite ? "prepared INSERT loop" : "binary COPY")}, 1 transaction)",
                        provider, postgres, size, (db, buildings) => Baseline(db, buildings, size));
                    measurements.Add(baseline);
                    Report(baseline);
                    var import = await MeasureAsync($"{name}: import (upload + dry run + commit)", provider, postgres, size, (db, buildings) => ImportAsync(db, buildings, csv, size));
                    measurements.Add(import);
                    Report(import);
                }
            }
            finally
            {
                File.Delete(csv);
            }
        }

        Console.WriteLine();
        Console.WriteLine("| case | rows | seconds | rows/s | ratio to baseline | peak working set | stages |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var m in measurements)
        {
            var baseline = measurements.FirstOrDefault(b => b.Rows == m.Rows && b.Case.Contains("baseline", StringComparison.Ordinal) && b.Case[..6] == m.Case[..6] && b != m);
            var ratio = baseline is null || m.Case.Contains("baseline", StringComparison.Ordinal) ? "" : (baseline.Seconds / m.Seconds).ToString("F2", CultureInfo.InvariantCulture);
            Console.WriteLine($"| {m.Case} | {m.Rows:N0} | {m.Seconds:F2} | {m.Rows / m.Seconds:N0} | {ratio} | {m.PeakMegabytes} MB | {m.Detail} |");
        }
        return 0;
    }

    private static void Report(Measurement m) =>
        Console.WriteLine($"{m.Case,-62} {m.Rows,10:N0} rows {m.Seconds,8:F2} s {m.Rows / m.Seconds,10:N0} rows/s  peak {m.PeakMegabytes} MB  {m.Detail}");

    private static async Task<Measurement> MeasureAsync(string name, DatabaseProvider provider, string postgres, int rows, Func<BenchDatabase, long[], Task<string>> run)
    {
        await using var database = await BenchDatabase.CreateAsync(provider, postgres);
        var buildings = await CreatePlacesAsync(database, rows);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var peak = new PeakMemory();
        var watch = Stopwatch.StartNew();
        var detail = await run(database, buildings);
        watch.Stop();
        await using (var db = database.Context())
        {
            var residents = await db.Residents().CountAsync();
            if (residents != rows)
            {
                throw new InvalidOperationException($"{name}: {residents} residents on the register, expected {rows}");
            }
        }
        return new Measurement(name, rows, watch.Elapsed.TotalSeconds, peak.Megabytes, detail);
    }

    /// <summary>A city, district, sub-district, community, compounds and buildings (codes B00001…), and an account that sees them.</summary>
    private static async Task<long[]> CreatePlacesAsync(BenchDatabase database, int rows)
    {
        await using var db = database.Context();
        async Task<Place> Add(Place? parent, PlaceKind kind, string code, string zh, string en)
        {
            var place = new Place { ParentId = parent?.Id, Kind = kind, Code = code, NameZh = zh, NameEn = en, Path = $"/pending-{Guid.NewGuid():N}/" };
            db.Places().Add(place);
            await db.SaveChangesAsync();
            place.Path = parent is null ? PlacePath.Root(place.Id) : PlacePath.Child(parent.Path, place.Id);
            return place;
        }
        var city = await Add(null, PlaceKind.City, "420100", "武汉市", "Wuhan");
        var district = await Add(city, PlaceKind.District, "420106", "武昌区", "Wuchang");
        var subdistrict = await Add(district, PlaceKind.Subdistrict, "420106001", "粮道街", "Liangdao");
        var community = await Add(subdistrict, PlaceKind.Community, "C001", "昙华林社区", "Tanhualin");
        await db.SaveChangesAsync();
        var buildingCount = (rows + ResidentsPerBuilding - 1) / ResidentsPerBuilding;
        var buildings = new List<Place>();
        Place? compound = null;
        for (var b = 0; b < buildingCount; b++)
        {
            if (b % BuildingsPerCompound == 0)
            {
                compound = await Add(community, PlaceKind.Compound, $"K{b / BuildingsPerCompound + 1:D4}", $"小区{b / BuildingsPerCompound + 1}", $"Compound {b / BuildingsPerCompound + 1}");
                await db.SaveChangesAsync();
            }
            var building = new Place { ParentId = compound!.Id, Kind = PlaceKind.Building, Code = BuildingCode(b), NameZh = $"{BuildingCode(b)}栋", NameEn = $"Building {BuildingCode(b)}", Path = $"/pending-{b}/" };
            db.Places().Add(building);
            buildings.Add(building);
        }
        await db.SaveChangesAsync();
        foreach (var building in buildings)
        {
            building.Path = PlacePath.Child(db.Places().Local.First(p => p.Id == building.ParentId).Path, building.Id);
        }
        var account = new Account { UserName = "bench", NormalizedUserName = "BENCH", DisplayName = "Bench", Role = Role.CommunityWorker, SecurityStamp = "bench" };
        db.Users.Add(account);
        await db.SaveChangesAsync();
        db.AccountJurisdictions.Add(new AccountJurisdiction { AccountId = account.Id, PlaceId = community.Id });
        await db.SaveChangesAsync();
        return [.. buildings.Select(b => b.Id)];
    }

    private static string BuildingCode(int b) => $"B{b + 1:D5}";

    private sealed record Person(int Building, string Room, string Name, Sex Sex, DateOnly BirthDate, string IdNumber, string Phone, Relationship Relationship);

    /// <summary>The same people for the file and the baseline: deterministic, every ID number well formed and unique.</summary>
    private static Person PersonAt(int i)
    {
        var region = Regions[i % Regions.Length];
        var j = i / Regions.Length;
        var birth = new DateOnly(1950, 1, 1).AddDays(j / 999 * 37 % 20000);
        var sequence = j % 999 + 1;
        var id = SyntheticIdNumbers.Format(region, birth, sequence);
        var building = i / ResidentsPerBuilding;
        var inBuilding = i % ResidentsPerBuilding;
        var household = inBuilding / ResidentsPerHousehold;
        var room = $"{household / 20 + 1}-{household % 20 + 101}";
        var relationship = (inBuilding % ResidentsPerHousehold) switch { 0 => Relationship.Head, 1 => Relationship.Spouse, _ => Relationship.Child };
        return new Person(building, room, $"{ChineseNames.Surnames[i % ChineseNames.Surnames.Length].Surname.Zh}{i % 7919}", ResidentIdNumber.SexOf(id), birth, id, $"139{i:D8}", relationship);
    }

    private static readonly string[] RelationshipWords = ["户主", "配偶", "子女"];

    private static long WriteCsv(string path, int rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(true), 1 << 16);
        writer.Write("楼栋,房号,姓名,性别,出生日期,身份证号,联系电话,与户主关系,户籍/流动/滞留,特殊人群,备注\r\n");
        for (var i = 0; i < rows; i++)
        {
            var p = PersonAt(i);
            writer.Write(BuildingCode(p.Building));
            writer.Write(',');
            writer.Write(p.Room);
            writer.Write(',');
            writer.Write(p.Name);
            writer.Write(p.Sex == Sex.Male ? ",男," : ",女,");
            writer.Write(p.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(p.IdNumber);
            writer.Write(',');
            writer.Write(p.Phone);
            writer.Write(',');
            writer.Write(RelationshipWords[(int)p.Relationship]);
            writer.Write(i % 50 == 0 ? ",流动,独居老人、慢性病,\"需送药,每周一次\"\r\n" : ",户籍,,\r\n");
        }
        writer.Flush();
        return writer.BaseStream.Length;
    }

    private static async Task<string> ImportAsync(BenchDatabase database, long[] buildings, string csv, int rows)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<AppDb>(o => DatabaseSetup.Configure(o, database.Connection.Provider, database.Connection.ConnectionString));
        services.AddSingleton(database.Connection);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CityClock>();
        services.AddOptions<CityOptions>();
        var folder = Directory.CreateTempSubdirectory("greengrid-bench-imports-").FullName;
        services.AddOptions<ImportOptions>().Configure(o => o.ImportFolder = folder);
        services.AddScoped<CurrentPrincipal>();
        services.AddScoped<Caller>();
        services.AddScoped<AuditLog>();
        services.AddScoped<PlaceQueries>();
        services.AddSingleton<ImportQueue>();
        services.AddSingleton<RegisterGeneration>();
        ImportModule.AddSteps(services);
        services.AddScoped<ImportChecker>();
        await using var provider = services.BuildServiceProvider();
        try
        {
            long accountId, communityId;
            await using (var db = database.Context())
            {
                accountId = await db.Users.Select(u => u.Id).SingleAsync();
                communityId = await db.Places().Where(p => p.Kind == PlaceKind.Community).Select(p => p.Id).SingleAsync();
            }
            var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, accountId.ToString(CultureInfo.InvariantCulture))], "bench"));
            AsyncServiceScope Scope()
            {
                var scope = provider.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().Principal = principal;
                return scope;
            }

            var watch = Stopwatch.StartNew();
            long importId;
            await using (var scope = Scope())
            {
                await using var file = File.OpenRead(csv);
                var upload = await scope.ServiceProvider.GetRequiredService<GreenGrid.Register.Import.UploadImport.UploadImport>().Handle(communityId, "bench.csv", file, CancellationToken.None);
                importId = upload.Import?.Id ?? throw new InvalidOperationException($"upload refused: {upload.Reason}");
            }
            var uploaded = watch.Elapsed.TotalSeconds;
            await using (var scope = Scope())
            {
                var outcome = await scope.ServiceProvider.GetRequiredService<GreenGrid.Register.Import.CheckImport.CheckImport>().Handle(importId, null, CancellationToken.None);
                if (outcome.Import is null)
                {
                    throw new InvalidOperationException($"check refused: {outcome.Reason}");
                }
                // What ImportWorker does with the queued check, awaited here.
                await scope.ServiceProvider.GetRequiredService<ImportChecker>().RunAsync(importId, CancellationToken.None);
                var view = await scope.ServiceProvider.GetRequiredService<GreenGrid.Register.Import.ReadImport.ReadImport>().Handle(importId, CancellationToken.None);
                if (view is not { Status: ImportStatus.Checked, RowsWithProblems: 0 } || view.NewResidents != rows)
                {
                    throw new InvalidOperationException($"check: {view?.Status} {view?.Failure}, {view?.RowsWithProblems} rows with problems, {view?.NewResidents} new");
                }
            }
            var checkedAt = watch.Elapsed.TotalSeconds;
            await using (var scope = Scope())
            {
                var outcome = await scope.ServiceProvider.GetRequiredService<GreenGrid.Register.Import.CommitImport.CommitImport>().Handle(importId, CancellationToken.None);
                if (outcome.Import is null)
                {
                    throw new InvalidOperationException($"commit refused: {outcome.Reason}");
                }
            }
            var committed = watch.Elapsed.TotalSeconds;
            return $"upload {uploaded:F1} s, dry run {checkedAt - uploaded:F1} s, commit {committed - checkedAt:F1} s";
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The same households and residents written straight from memory, the plainest fast way, one transaction.</summary>
    private static async Task<string> Baseline(BenchDatabase database, long[] buildings, int rows)
    {
        if (database.Connection.Provider == DatabaseProvider.Sqlite)
        {
            await Task.Run(() => SqliteBaseline(database.Connection.ConnectionString, buildings, rows));
        }
        else
        {
            await PostgresBaseline(database.Connection.ConnectionString, buildings, rows);
        }
        return "";
    }

    private static IEnumerable<(long HouseholdId, bool NewHousehold, Person Person)> People(long[] buildings, int rows, long firstHouseholdId)
    {
        var householdId = firstHouseholdId - 1;
        string? lastKey = null;
        for (var i = 0; i < rows; i++)
        {
            var p = PersonAt(i);
            var key = $"{p.Building}|{p.Room}";
            var isNew = key != lastKey;
            if (isNew)
            {
                householdId++;
                lastKey = key;
            }
            yield return (householdId, isNew, p);
        }
    }

    private static void SqliteBaseline(string connectionString, long[] buildings, int rows)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        SqlitePragmas.Apply(connection);
        using var transaction = connection.BeginTransaction();
        using var household = connection.CreateCommand();
        household.Transaction = transaction;
        household.CommandText = "INSERT INTO \"households\" (\"Id\", \"BuildingId\", \"Room\") VALUES ($id, $building, $room)";
        var h = new[] { household.Parameters.Add(new SqliteParameter("$id", null)), household.Parameters.Add(new SqliteParameter("$building", null)), household.Parameters.Add(new SqliteParameter("$room", null)) };
        household.Prepare();
        using var resident = connection.CreateCommand();
        resident.Transaction = transaction;
        string[] columns = ["HouseholdId", "Name", "Sex", "BirthDate", "IdNumber", "IsSynthetic", "Phone", "Relationship", "Residence", "Vulnerabilities", "DocumentType", "Status"];
        resident.CommandText = $"INSERT INTO \"residents\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        var r = columns.Select(c => resident.Parameters.Add(new SqliteParameter("$" + c, null))).ToArray();
        resident.Prepare();
        foreach (var (householdId, isNew, p) in People(buildings, rows, 1))
        {
            if (isNew)
            {
                h[0].Value = householdId;
                h[1].Value = buildings[p.Building];
                h[2].Value = p.Room;
                household.ExecuteNonQuery();
            }
            r[0].Value = householdId;
            r[1].Value = p.Name;
            r[2].Value = p.Sex.ToString();
            r[3].Value = p.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            r[4].Value = p.IdNumber;
            r[5].Value = false;
            r[6].Value = p.Phone;
            r[7].Value = p.Relationship.ToString();
            r[8].Value = nameof(Residence.Registered);
            r[9].Value = 0;
            r[10].Value = nameof(DocumentType.ResidentIdCard);
            r[11].Value = nameof(ResidentStatus.Present);
            resident.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static async Task PostgresBaseline(string connectionString, long[] buildings, int rows)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync("COPY \"households\" (\"Id\", \"BuildingId\", \"Room\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (householdId, isNew, p) in People(buildings, rows, 1))
            {
                if (isNew)
                {
                    copy.StartRow();
                    copy.Write(householdId, NpgsqlDbType.Bigint);
                    copy.Write(buildings[p.Building], NpgsqlDbType.Bigint);
                    copy.Write(p.Room, NpgsqlDbType.Varchar);
                }
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY \"residents\" (\"HouseholdId\", \"Name\", \"Sex\", \"BirthDate\", \"IdNumber\", \"IsSynthetic\", \"Phone\", \"Relationship\", \"Residence\", \"Vulnerabilities\", \"DocumentType\", \"Status\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (householdId, _, p) in People(buildings, rows, 1))
            {
                copy.StartRow();
                copy.Write(householdId, NpgsqlDbType.Bigint);
                copy.Write(p.Name, NpgsqlDbType.Varchar);
                copy.Write(p.Sex.ToString(), NpgsqlDbType.Varchar);
                copy.Write(p.BirthDate, NpgsqlDbType.Date);
                copy.Write(p.IdNumber, NpgsqlDbType.Varchar);
                copy.Write(false, NpgsqlDbType.Boolean);
                copy.Write(p.Phone, NpgsqlDbType.Varchar);
                copy.Write(p.Relationship.ToString(), NpgsqlDbType.Varchar);
                copy.Write(nameof(Residence.Registered), NpgsqlDbType.Varchar);
                copy.Write(0, NpgsqlDbType.Integer);
                copy.Write(nameof(DocumentType.ResidentIdCard), NpgsqlDbType.Varchar);
                copy.Write(nameof(ResidentStatus.Present), NpgsqlDbType.Varchar);
            }
            await copy.CompleteAsync();
        }
        await transaction.CommitAsync();
    }
}
