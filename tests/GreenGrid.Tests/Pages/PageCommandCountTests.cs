using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Pages;

/// <summary>
/// Issue 26, "pages ask once": every page of a place, asked for the same level of a small city and of
/// a city ten times larger (more compounds, buildings, households, residents, checks, gates), sends
/// the database as many commands in both. A command per child, per building or per row makes the
/// larger city's count grow, and the failure prints both lists of commands.
/// </summary>
public abstract partial class PageCommandCountTests(AppFixture fixture)
{
    private GreenGridApp App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The pages of a place (the place page itself at every level) and the pages of the whole tree.</summary>
    private static readonly string[] PlaceRoutes =
        ["/places/{0}", "/places/{0}/health-checks", "/places/{0}/duplicates", "/places/{0}/outside-now", "/places/{0}/reconciliation", "/places/{0}/certification", "/places/{0}/import"];

    private sealed record City(Chain Chain, long[] Residents);

    /// <summary>
    /// District > sub-district > community with <paramref name="compounds"/> compounds, each with a gate and
    /// <paramref name="buildings"/> buildings of <paramref name="households"/> households of three people
    /// (duplicates of each other: the same ID number in a household, the same name, birth date and phone across households), the first household of each building checked today.
    /// </summary>
    private async Task<City> Build(int compounds, int buildings, int households)
    {
        var tree = new TreeBuilder(App);
        var city = PlaceView.Of(App.TestCity);
        var district = await tree.Create(city.Id, PlaceKind.District);
        var subdistrict = await tree.Create(district.Id, PlaceKind.Subdistrict);
        var community = await tree.Create(subdistrict.Id, PlaceKind.Community);
        PlaceView? firstCompound = null, firstBuilding = null;
        var residents = new List<long>();
        for (var c = 0; c < compounds; c++)
        {
            var compound = await tree.Create(community.Id, PlaceKind.Compound);
            firstCompound ??= compound;
            Assert.True((await App.Hq.PostAsJsonAsync($"/api/v1/compounds/{compound.Id}/gates", new { name = $"北门{c}" }, GreenGridApp.Json, Ct)).IsSuccessStatusCode);
            for (var b = 0; b < buildings; b++)
            {
                var building = await tree.Create(compound.Id, PlaceKind.Building);
                firstBuilding ??= building;
                var checkedIds = new List<long>();
                for (var h = 0; h < households; h++)
                {
                    var household = await tree.AddHousehold(building.Id, 3);
                    var ids = await ResidentsOf(household.Id);
                    residents.AddRange(ids);
                    if (h == 0)
                    {
                        checkedIds.AddRange(ids);
                    }
                }
                var checks = checkedIds.Select((id, i) => new { residentId = id, temperature = i == 0 ? 38.2m : 36.6m, symptoms = new[] { "none" } }).ToArray();
                var response = await App.Hq.PostAsJsonAsync($"/api/v1/places/{building.Id}/health-checks", new { checks }, GreenGridApp.Json, Ct);
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
            }
        }
        return new City(new Chain(city, district, subdistrict, community, firstCompound!, firstBuilding!), [.. residents]);
    }

    /// <summary>The household's people, given an ID number of the household's own: each household is a group of duplicates.</summary>
    private async Task<long[]> ResidentsOf(long householdId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDb>().Residents().Where(r => r.HouseholdId == householdId)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.IdNumber, $"42010619800{householdId:D6}X"), Ct);
        return await scope.ServiceProvider.GetRequiredService<AppDb>().Residents().Where(r => r.HouseholdId == householdId).OrderBy(r => r.Id).Select(r => r.Id).ToArrayAsync(Ct);
    }

    /// <summary>Each page to ask about a city: the pages of each of its places, the resident pages of its first people, and the pages of the whole tree.</summary>
    private static List<(string Name, string Url)> Pages(City city)
    {
        var levels = new (string Level, PlaceView Place)[]
        {
            ("district", city.Chain.District), ("sub-district", city.Chain.Subdistrict), ("community", city.Chain.Community),
            ("compound", city.Chain.Compound), ("building", city.Chain.Building),
        };
        var pages = levels.SelectMany(l => PlaceRoutes.Select(r => ($"{string.Format(r, "{id}")} of a {l.Level}", string.Format(r, l.Place.Id)))).ToList();
        pages.Add(("/residents/{kept}/merge/{merged}", $"/residents/{city.Residents[0]}/merge/{city.Residents[1]}"));
        pages.Add(("/residents/{id}/cases", $"/residents/{city.Residents[0]}/cases"));
        pages.Add(("/places", "/places"));
        pages.Add(("/sweeps", "/sweeps"));
        return pages;
    }

    [Fact]
    public async Task A_page_of_a_place_sends_no_more_database_commands_in_a_city_ten_times_larger()
    {
        var small = await Build(compounds: 3, buildings: 1, households: 1);
        var large = await Build(compounds: 30, buildings: 3, households: 3);
        using var browser = await SignedInBrowser();

        var failures = new StringBuilder();
        foreach (var ((name, smallUrl), (_, largeUrl)) in Pages(small).Zip(Pages(large)))
        {
            var few = await FewestCommandsOf(browser, smallUrl);
            var many = await FewestCommandsOf(browser, largeUrl);
            if (many.Count > few.Count)
            {
                failures.AppendLine($"{name}: {few.Count} commands in the small city, {many.Count} in the large one ({largeUrl}). The large city's:");
                foreach (var command in many)
                {
                    failures.AppendLine("    " + OneLine().Replace(command, " "));
                }
                failures.AppendLine();
            }
        }
        Assert.True(failures.Length == 0, failures.ToString());
    }

    /// <summary>
    /// The fewer commands of two measured GETs: the cached caller expires 30 s after it was loaded, so
    /// one GET in a slow run may reload it (two commands that have nothing to do with the city's size).
    /// </summary>
    private async Task<IReadOnlyList<string>> FewestCommandsOf(HttpClient browser, string url)
    {
        var first = await CommandsOf(browser, url);
        var second = await CommandsOf(browser, url);
        return second.Count < first.Count ? second : first;
    }

    /// <summary>The commands one prerendered GET of the page sends, after a first GET that warms the caches of the caller and of the page.</summary>
    private async Task<IReadOnlyList<string>> CommandsOf(HttpClient browser, string url)
    {
        var warm = await browser.GetAsync(url, Ct);
        Assert.True(warm.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)warm.StatusCode}");
        var recording = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(CommandLog.Header, recording);
        var response = await browser.SendAsync(request, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        await response.Content.ReadAsStringAsync(Ct);
        return App.Commands.Of(recording);
    }

    /// <summary>A browser signed in through the sign-in form as headquarters of the test city (every page's permission).</summary>
    private async Task<HttpClient> SignedInBrowser()
    {
        var account = await App.Create(Role.Headquarters, [App.TestCity.Id]);
        var browser = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signin = await browser.GetStringAsync("/signin", Ct);
        var token = WebUtility.HtmlDecode(TokenField().Match(signin).Groups["token"].Value);
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin", ["Input.UserName"] = account.UserName!, ["Input.Password"] = TestAccounts.Password, ["__RequestVerificationToken"] = token,
        });
        var response = await browser.PostAsync("/signin", form, Ct);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("GreenGrid.Session=", StringComparison.Ordinal));
        return browser;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"(?<token>[^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex(@"\s+")]
    private static partial Regex OneLine();
}

public sealed class PageCommandCountTests_on_Sqlite(SqliteApp fixture) : PageCommandCountTests(fixture), IClassFixture<SqliteApp>;

public sealed class PageCommandCountTests_on_Postgres(PostgresApp fixture) : PageCommandCountTests(fixture), IClassFixture<PostgresApp>;
