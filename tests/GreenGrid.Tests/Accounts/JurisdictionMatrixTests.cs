using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Accounts;

/// <summary>
/// Every API endpoint, read from the application's own endpoint metadata, asked three ways:
/// anonymously (refused), by a caller whose role lacks the permission (refused), and by a caller
/// of community A about community B (nothing of B in the answer, nothing changed). A new endpoint
/// is in the matrix the moment it is mapped; one that forgets its permission fails here.
/// </summary>
public abstract class JurisdictionMatrixTests(AppFixture fixture) : IAsyncLifetime
{
    private GreenGridApp App => fixture.App;
    private MatrixCity City = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => City = await MatrixCity.Build(App);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public sealed record Call(RouteEndpoint Endpoint, string Method, string Pattern)
    {
        public override string ToString() => $"{Method} {Pattern}";
    }

    private IReadOnlyList<Call> ApiCalls() =>
        App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => new Call(e, m, e.RoutePattern.RawText!)))
            .ToList();

    [Fact]
    public async Task An_anonymous_caller_is_refused_by_every_endpoint_that_is_not_open()
    {
        using var anonymous = App.CreateClient();
        var failures = new List<string>();
        foreach (var call in ApiCalls().Where(c => c.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null))
        {
            var before = await City.Fingerprint();
            var response = await Send(anonymous, call);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{call}: {(int)response.StatusCode}");
            }
            if (await City.Fingerprint() != before)
            {
                failures.Add($"{call}: changed data");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task A_caller_whose_role_lacks_the_permission_is_refused_and_the_refusal_is_audited()
    {
        var failures = new List<string>();
        var deniedBefore = await City.DeniedEntries();
        var refusals = 0;
        foreach (var call in ApiCalls())
        {
            if (call.Endpoint.Metadata.GetMetadata<PermissionRequirement>()?.Permission is not { } permission || permission == Permissions.SignedIn)
            {
                continue; // open endpoints have no permission; every role is signed in
            }
            var role = Enum.GetValues<Role>().First(r => !r.Has(permission));
            var client = await ClientOfA(role);
            var before = await City.Fingerprint();
            var response = await Send(client, call);
            refusals++;
            if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                failures.Add($"{call} as {role}: {(int)response.StatusCode}");
            }
            if (await City.Fingerprint() != before)
            {
                failures.Add($"{call} as {role}: changed data");
            }
        }
        Assert.Empty(failures);
        Assert.Equal(deniedBefore + refusals, await City.DeniedEntries());
    }

    [Fact]
    public async Task A_caller_of_community_A_gets_nothing_of_community_B_from_any_endpoint()
    {
        var failures = new List<string>();
        foreach (var call in ApiCalls().Where(c => c.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null))
        {
            var permission = call.Endpoint.Metadata.GetMetadata<PermissionRequirement>()!.Permission;
            var role = Enum.GetValues<Role>().OrderBy(r => r == Role.CommunityWorker ? 0 : 1).First(r => r.Has(permission));
            var client = await ClientOfA(role);
            var before = await City.Fingerprint();
            var response = await Send(client, call);
            var body = await response.Content.ReadAsStringAsync(Ct);
            if (MatrixCity.SecretsOfB.FirstOrDefault(body.Contains) is { } secret)
            {
                failures.Add($"{call} as {role}: answer shows '{secret}'");
            }
            if (call.Pattern.Contains('{') && response.IsSuccessStatusCode)
            {
                failures.Add($"{call} as {role}: answered {(int)response.StatusCode} for a record of B");
            }
            if (await City.Fingerprint() != before)
            {
                failures.Add($"{call} as {role}: changed data");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task The_same_calls_about_community_A_are_answered_so_the_matrix_can_tell_refusal_from_breakage()
    {
        var client = await ClientOfA(Role.CommunityWorker);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/places/{City.A.Community.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/households/{City.A.Household.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/households/{City.B.Household.Id}", Ct)).StatusCode);
        // The case counts of A count A's suspected case and not B's, and the list behind them names A's resident only.
        var cases = await client.GetFromJsonAsync<GreenGrid.Cases.Counts.CaseCountsView>($"/api/v1/places/{City.A.Community.Id}/cases?asOf=2020-02-21", GreenGridApp.Json, Ct);
        Assert.Equal(1, cases!.Place.Counts[GreenGrid.Cases.Counts.CaseMeasure.Suspected]);
        var people = await client.GetFromJsonAsync<GreenGrid.Cases.Counts.CasePeoplePage>($"/api/v1/places/{City.A.Community.Id}/cases/people?category=suspected&asOf=2020-02-21", GreenGridApp.Json, Ct);
        Assert.Equal(City.A.Resident.Id, Assert.Single(people!.Items).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/places/{City.B.Community.Id}/cases", Ct)).StatusCode);
    }

    private readonly Dictionary<Role, HttpClient> _clients = [];

    /// <summary>A client of the role whose jurisdiction is community A (a resident: a household of A).</summary>
    private async Task<HttpClient> ClientOfA(Role role)
    {
        if (!_clients.TryGetValue(role, out var client))
        {
            var account = role == Role.Resident
                ? await App.Create(role, [], City.A.Household.Id)
                : await App.Create(role, [City.A.Community.Id]);
            _clients[role] = client = await App.ClientFor(account.UserName!);
        }
        return client;
    }

    /// <summary>The call with every id in its route and body pointing at a record of community B.</summary>
    private async Task<HttpResponseMessage> Send(HttpClient client, Call call)
    {
        var url = FillRoute(call.Pattern);
        var request = new HttpRequestMessage(new HttpMethod(call.Method), url);
        if (call.Endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } bodyType)
        {
            request.Content = JsonContent.Create(BodyOf(bodyType), options: GreenGridApp.Json);
        }
        return await client.SendAsync(request, Ct);
    }

    private string FillRoute(string pattern)
    {
        var b = City.B;
        var segments = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.ElementAtOrDefault(2) == "certification" ? $"certification/{segments.ElementAtOrDefault(3)}" : segments.ElementAtOrDefault(2);
        return System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(?<name>\w+)(:\w+)?\}", match => (match.Groups["name"].Value, resource) switch
        {
            ("buildingId", _) => b.Building.Id.ToString(),
            ("communityId", _) => b.Community.Id.ToString(),
            ("id", "places") => b.Community.Id.ToString(),
            ("id", "grids") => b.Grid.Id.ToString(),
            ("id", "households") => b.Household.Id.ToString(),
            ("id", "residents") => b.Resident.Id.ToString(),
            ("id", "accounts") => b.Worker.Id.ToString(),
            ("id", "merges") => b.Merge.Id.ToString(),
            ("id", "imports") => b.Import.Id.ToString(),
            ("id", "sweeps") => b.Sweep.Id.ToString(),
            ("id", "reconciliations") => b.Reconciliation.Id.ToString(),
            ("compoundId", _) => b.Compound.Id.ToString(),
            ("gateId", _) => b.Gate.Id.ToString(),
            ("householdId", _) => b.Household.Id.ToString(),
            ("id", "passes" or "me") => b.Pass.Id.ToString(),
            ("id", "certification/applications") => b.Application.Id.ToString(),
            ("id", "certification/batches") => b.Batch.Id.ToString(),
            ("id", "certification/controls") => b.Control.Id.ToString(),
            var (name, _) => throw new InvalidOperationException(
                $"The matrix does not know which record of community B to ask for as '{{{name}}}' in {pattern}: teach FillRoute."),
        });
    }

    private Dictionary<string, object?> BodyOf(Type type)
    {
        var b = City.B;
        var body = new Dictionary<string, object?>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var kind = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            body[name] = name switch
            {
                "householdId" => b.Household.Id,
                "residentId" or "holderResidentId" => b.Resident.Id,
                "openGateIds" => new[] { b.Gate.Id },
                "token" => b.Pass.Token,
                "supersedesId" => b.CaseEvent.Id,
                "buildingIds" => new[] { b.Building.Id },
                "placeId" => b.Community.Id,
                "jurisdictionIds" => new[] { b.Community.Id },
                _ when name.Contains("assword", StringComparison.Ordinal) => "matrix-password-1",
                _ when kind == typeof(long) => b.Community.Id,
                _ when kind == typeof(string) => "M1",
                _ when kind == typeof(bool) => false,
                _ when kind == typeof(DateOnly) => "2020-02-21",
                _ when kind.IsEnum => JsonNamingPolicy.CamelCase.ConvertName(Enum.GetNames(kind)[0]),
                _ when kind == typeof(long[]) => new[] { b.Community.Id },
                // An array of records (a batch): one element, filled the same way.
                _ when kind.IsArray && kind.GetElementType() is { IsClass: true } element && element != typeof(string) => new[] { BodyOf(element) },
                _ => null,
            };
        }
        return body;
    }
}

public sealed class JurisdictionMatrixTests_on_Sqlite(SqliteApp fixture) : JurisdictionMatrixTests(fixture), IClassFixture<SqliteApp>;

public sealed class JurisdictionMatrixTests_on_Postgres(PostgresApp fixture) : JurisdictionMatrixTests(fixture), IClassFixture<PostgresApp>;
