using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Authorization;

namespace GreenGrid.Bench;

/// <summary>
/// What the `latency` bench calls: every GET endpoint of the API (from the running server's own
/// OpenAPI document) and every page (the <see cref="Microsoft.AspNetCore.Components.RouteAttribute"/>s
/// of GreenGrid.Modules' components), each route parameter filled with a real id at every level of
/// the demo's tree, each as every demo account that may ask. New endpoints and pages join by
/// themselves; a parameter with no value becomes a "not measured" line, never a silent gap.
/// </summary>
internal static partial class LatencyMatrix
{
    /// <summary>The levels of the demo tree the ids stand on, outermost first (an account of level n may ask about level ≥ n).</summary>
    public static readonly string[] Levels = ["city", "district", "sub-district", "community", "compound", "building", "household", "person"];

    /// <summary>The demo accounts of the README the matrix asks as (password <see cref="GreenGrid.Accounts.DemoAccounts.Password"/>).</summary>
    public static readonly string[] UserNames = ["hq.wuhan", "hq.wuchang", "office.liangdao", "worker.tanhualin", "grid.tanhualin", "guard.tanhualin", "resident.tanhualin"];

    /// <summary>Where each demo account stands (README); the resident's household is read from its account.</summary>
    private static readonly Dictionary<string, string> LevelOf = new(StringComparer.Ordinal)
    {
        ["hq.wuhan"] = "city", ["hq.wuchang"] = "district", ["office.liangdao"] = "sub-district",
        ["worker.tanhualin"] = "community", ["grid.tanhualin"] = "community", ["guard.tanhualin"] = "compound",
    };

    /// <summary>The demo's day (Demo:StandsOn): what asOf and date ask for.</summary>
    public const string DemoDay = "2020-03-20";

    /// <summary>Query parameters given a value whenever a route has them (required or not: these select what a page would show); see <see cref="QueryValue"/>.</summary>
    private static readonly Dictionary<string, string> QueryValues = new(StringComparer.Ordinal)
    {
        ["asOf"] = DemoDay,
        ["date"] = DemoDay,
    };

    /// <summary>A query parameter's value on a route: a category is a case category on case routes and a register category elsewhere.</summary>
    private static string? QueryValue(string name, string route) => name switch
    {
        "category" => route.Contains("/cases/", StringComparison.Ordinal) ? "confirmed" : "residents",
        _ => QueryValues.GetValueOrDefault(name),
    };

    /// <summary>One demo account: its role, how far up the tree its jurisdiction reaches, and its two clients (bearer token; session cookie).</summary>
    public sealed record Account(string UserName, Role Role, int Level, HttpClient Api, HttpClient Browser);

    /// <summary>An id a route parameter can take, and the level of the tree it stands on (null: not a place of the tree).</summary>
    public sealed record Target(string Kind, long Id, int? Level);

    /// <summary>One row of the matrix: a URL to GET as one account.</summary>
    public sealed record Cell(string Kind, string Route, string Url, string On, Account Account)
    {
        public string Name => $"{Kind} {Route}";
    }

    /// <summary>A route and why it (or part of it) was not measured.</summary>
    public sealed record Skipped(string Route, string Reason);

    /// <summary>GET routes of the API from the OpenAPI document (without /auth, which is a POST anyway, and ping, the baseline).</summary>
    public static async Task<List<(string Route, string[] Query)>> ApiRoutes(HttpClient anonymous)
    {
        using var document = JsonDocument.Parse(await anonymous.GetStringAsync("openapi/v1.json"));
        var routes = new List<(string, string[])>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out var get) || path.Name == "/api/v1/ping")
            {
                continue;
            }
            var query = get.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToArray()
                : [];
            routes.Add((path.Name, query));
        }
        return routes;
    }

    /// <summary>Page routes and the permission each needs (null: open to anyone), from the compiled components.</summary>
    public static List<(string Route, string? Permission, bool Anonymous)> PageRoutes() =>
        [.. typeof(GreenGrid.Components.WebShellModule).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<Microsoft.AspNetCore.Components.RouteAttribute>().Select(r => (Type: t, r.Template)))
            .Select(p => (p.Template, p.Type.GetCustomAttribute<AuthorizeAttribute>()?.Policy,
                Anonymous: p.Type.GetCustomAttribute<AuthorizeAttribute>() is null))
            .OrderBy(p => p.Template, StringComparer.Ordinal)];

    /// <summary>Signs every demo account in twice: a bearer token for the API, the sign-in form's session cookie for pages.</summary>
    public static async Task<List<Account>> SignIn(Uri address, IEnumerable<string>? userNames = null)
    {
        var accounts = new List<Account>();
        foreach (var userName in userNames ?? UserNames)
        {
            var api = Client(address, cookies: false);
            var response = await api.PostAsJsonAsync("api/v1/auth/token", new { userName, password = GreenGrid.Accounts.DemoAccounts.Password });
            response.EnsureSuccessStatusCode();
            using var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            api.DefaultRequestHeaders.Authorization = new("Bearer", token.RootElement.GetProperty("accessToken").GetString());
            using var me = JsonDocument.Parse(await api.GetStringAsync("api/v1/me"));
            var role = Enum.Parse<Role>(me.RootElement.GetProperty("role").GetString()!, ignoreCase: true);
            accounts.Add(new Account(userName, role, Level: -1, api, await Browser(address, userName)));
        }
        return accounts;
    }

    public static HttpClient Client(Uri address, bool cookies) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = cookies,
        CookieContainer = new CookieContainer(),
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    {
        BaseAddress = address,
        // At Wuhan scale a page can take a minute; a bounded phase (LatencyBench) keeps the run finite.
        Timeout = TimeSpan.FromMinutes(10),
    };

    /// <summary>The sign-in form as a browser posts it (antiforgery field and cookie), leaving the session cookie in the client.</summary>
    private static async Task<HttpClient> Browser(Uri address, string userName)
    {
        var browser = Client(address, cookies: true);
        var form = await browser.GetStringAsync("signin");
        var token = TokenField().Match(form) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups["token"].Value)
            : throw new InvalidOperationException("the sign-in page carries no antiforgery token");
        var response = await browser.PostAsync("signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin", ["Input.UserName"] = userName, ["Input.Password"] = GreenGrid.Accounts.DemoAccounts.Password, ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || !response.Headers.TryGetValues("Set-Cookie", out var cookies)
            || !cookies.Any(c => c.StartsWith("GreenGrid.Session=", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"{userName}: the sign-in form answered {(int)response.StatusCode} without a session cookie");
        }
        return browser;
    }

    /// <summary>
    /// Real ids by kind: the places the demo accounts stand on (city … compound), the resident's
    /// household, its building and a person of it, then what the API lists under them (grid, gate,
    /// pass, sweep, batch, application, account) and, for records the API does not list, the database.
    /// </summary>
    public static async Task<(Dictionary<string, Target> Targets, List<Account> Accounts)> FindTargets(List<Account> accounts, Func<string, Task<long?>> firstIdInTable)
    {
        var hq = accounts.Single(a => a.UserName == "hq.wuhan").Api;
        var targets = new Dictionary<string, Target>(StringComparer.Ordinal);
        var placed = new List<Account>();
        foreach (var account in accounts)
        {
            using var me = JsonDocument.Parse(await account.Api.GetStringAsync("api/v1/me"));
            var root = me.RootElement;
            // The resident's jurisdiction is its household; everyone else's is the one place it is given.
            var (kind, id) = root.GetProperty("householdId") is { ValueKind: JsonValueKind.Number } household
                ? ("household", household.GetInt64())
                : (LevelOf[account.UserName], root.GetProperty("jurisdictionIds")[0].GetInt64());
            var level = Array.IndexOf(Levels, kind);
            targets[kind] = new(kind, id, level);
            placed.Add(account with { Level = level });
        }
        if (targets.TryGetValue("household", out var home))
        {
            using var household = JsonDocument.Parse(await hq.GetStringAsync($"api/v1/households/{home.Id}"));
            targets["building"] = new("building", household.RootElement.GetProperty("buildingId").GetInt64(), Array.IndexOf(Levels, "building"));
            var people = household.RootElement.GetProperty("residents").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
            if (people.Count > 0)
            {
                targets["person"] = new("person", people[0], Array.IndexOf(Levels, "person"));
            }
            if (people.Count > 1)
            {
                // A merge names two people: the second is the household's next resident.
                targets["other person"] = new("other person", people[1], Array.IndexOf(Levels, "person"));
            }
        }
        async Task Listed(string kind, string url)
        {
            var response = await hq.GetAsync(url);
            if (response.IsSuccessStatusCode && FirstId(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement) is { } id)
            {
                targets[kind] = new(kind, id, null);
            }
        }
        await Listed("account", "api/v1/me");
        await Listed("batch", "api/v1/certification/batches");
        await Listed("application", "api/v1/certification/applications");
        await Listed("sweep", "api/v1/sweeps");
        if (targets.TryGetValue("community", out var community))
        {
            await Listed("grid", $"api/v1/places/{community.Id}/grids");
        }
        if (targets.TryGetValue("compound", out var compound))
        {
            await Listed("gate", $"api/v1/compounds/{compound.Id}/gates");
        }
        if (targets.TryGetValue("household", out var forPasses))
        {
            await Listed("pass", $"api/v1/households/{forPasses.Id}/passes");
        }
        foreach (var (kind, table) in new[] { ("import", "register_imports"), ("merge", "resident_merges"), ("reconciliation", "reconciliation_imports") })
        {
            if (await firstIdInTable(table) is { } id)
            {
                targets[kind] = new(kind, id, null);
            }
        }
        return (targets, placed);
    }

    /// <summary>The first "id" in a JSON answer: the answer itself, the first element of a list, or of the first list inside it.</summary>
    private static long? FirstId(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object when element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number => id.GetInt64(),
        JsonValueKind.Object => element.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array).Select(p => FirstId(p.Value)).FirstOrDefault(id => id is not null),
        JsonValueKind.Array => element.EnumerateArray().Select(FirstId).FirstOrDefault(id => id is not null),
        _ => null,
    };

    /// <summary>SELECT the smallest "Id" of a table (SQLite or PostgreSQL); null when it is empty.</summary>
    public static async Task<long?> FirstIdIn(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT MIN(\"Id\") FROM {table}";
        return await command.ExecuteScalarAsync() is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>
    /// The kinds of id a parameter takes: a place id at every level of the tree, or one record.
    /// Named by the parameter and, for a bare {id}, the resource before it (as the jurisdiction matrix test does).
    /// </summary>
    private static string[] KindsOf(string name, string route)
    {
        string[] places = ["city", "district", "sub-district", "community", "compound", "building"];
        var segments = route.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s is not ("api" or "v1")).ToArray();
        var resource = segments.ElementAtOrDefault(0) == "certification" ? segments.ElementAtOrDefault(1) : segments.ElementAtOrDefault(0);
        return (name.ToLowerInvariant(), resource) switch
        {
            ("buildingid", _) => ["building"],
            ("communityid", _) => ["community"],
            ("compoundid", _) => ["compound"],
            ("gateid", _) => ["gate"],
            ("householdid", _) => ["household"],
            ("keptid", _) => ["person"],
            ("mergedid", _) => ["other person"],
            ("id", "places") => places,
            ("id", "compounds") => ["compound"],
            ("id", "households") => ["household"],
            ("id", "residents") => ["person"],
            ("id", "grids") => ["grid"],
            ("id", "accounts") => ["account"],
            ("id", "merges") => ["merge"],
            ("id", "imports") => ["import"],
            ("id", "sweeps") => ["sweep"],
            ("id", "reconciliations") => ["reconciliation"],
            ("id", "gates") => ["gate"],
            ("id", "passes" or "me") => ["pass"],
            ("id", "applications") => ["application"],
            ("id", "batches") => ["batch"],
            _ => [],
        };
    }

    /// <summary>
    /// Every (route, id, account) to measure. A route with parameters runs once per combination of
    /// their kinds (a place route once per level); an account asks about a place only at or below its own level.
    /// </summary>
    public static List<Cell> Cells(string kind, string route, string[] query, Dictionary<string, Target> targets, List<Account> accounts,
        Func<Account, bool> may, List<Skipped> skipped)
    {
        var parameters = RouteParameter().Matches(route).Select(m => m.Groups["name"].Value).Distinct().ToList();
        var choices = new List<List<(string Name, Target Target)>> { new() };
        foreach (var name in parameters)
        {
            var kinds = KindsOf(name, route);
            var found = kinds.Where(targets.ContainsKey).Select(k => (name, targets[k])).ToList();
            foreach (var missing in kinds.Where(k => !targets.ContainsKey(k)))
            {
                skipped.Add(new($"{kind} {route}", $"not measured: no value for {name} ({missing}: none in the demo city)"));
            }
            if (kinds.Length == 0)
            {
                skipped.Add(new($"{kind} {route}", $"not measured: no value for {name} (the matrix does not know what it names: teach LatencyMatrix.KindsOf)"));
            }
            choices = [.. choices.SelectMany(c => found.Select(f => new List<(string, Target)>(c) { f }))];
        }
        var queryString = string.Join("&", query.Select(q => (q, Value: QueryValue(q, route))).Where(q => q.Value is not null).Select(q => $"{q.q}={q.Value}"));
        var cells = new List<Cell>();
        foreach (var choice in choices)
        {
            var url = RouteParameter().Replace(route, m => choice.First(c => c.Name == m.Groups["name"].Value).Target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).TrimStart('/');
            url = queryString.Length > 0 ? $"{url}?{queryString}" : url;
            var on = string.Join(", ", choice.Select(c => c.Target.Kind));
            var deepest = choice.Select(c => c.Target.Level).Where(l => l is not null).DefaultIfEmpty(null).Max();
            // Places above an account's own are not its to ask about; records off the tree are asked by all, and refusals are listed.
            cells.AddRange(accounts.Where(a => may(a) && (deepest is null || a.Level <= deepest))
                .Select(a => new Cell(kind, route, url, on.Length == 0 ? "-" : on, a)));
        }
        return cells;
    }

    [GeneratedRegex(@"\{(?<name>\w+)(:[^}]+)?\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"(?<token>[^\"]+)\"")]
    private static partial Regex TokenField();
}
