using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using GreenGrid.Platform.Data;
using GreenGrid.Tests.Access;
using GreenGrid.Tests.Support;

namespace GreenGrid.Tests.Platform;

/// <summary>The project's meters seen by an operator's Prometheus: a scan and a case event move exactly their counters.</summary>
[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_scrape_after_a_scan_and_a_case_event_counts_each_once_in_the_projects_meters()
    {
        await using var app = await GreenGridApp.StartAsync(DatabaseProvider.Sqlite);
        var s = await AccessScenario.Build(app);
        using var anonymous = app.CreateClient();

        var before = await Scrape(anonymous);
        await s.Scan(s.Pass.Token, "out");
        var recorded = await s.Worker.PostAsJsonAsync($"/api/v1/residents/{s.ResidentIds[1]}/case-events",
            new { type = "closeContact", effectiveDate = "2020-02-20", lastExposure = "2020-02-19" }, GreenGridApp.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var after = await Scrape(anonymous);

        double Delta(string name, string? label = null) => Sum(after, name, label) - Sum(before, name, label);
        Assert.Equal(1, Delta("greengrid_group_commit_rows_total", "entity=\"Scan\""));
        Assert.Equal(1, Delta("greengrid_group_commit_rows_total", "entity=\"CaseEvent\""));
        Assert.Equal(1, Delta("greengrid_case_events_recorded_total", "type=\"closeContact\""));
        Assert.Equal(1, Delta("greengrid_case_events_recorded_total"));
        Assert.Equal(1, Delta("greengrid_certification_reevaluations_total"));
        Assert.Equal(2, Delta("greengrid_group_commit_requests_count"));
        Assert.Equal(1, Delta("http_server_request_duration_seconds_count", "http_route=\"/api/v1/gates/{gateId:long}/scans\""));
    }

    [Fact]
    public async Task The_scrape_endpoint_can_be_turned_off()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var host = OpsHost.Start(DatabaseProvider.Sqlite, database.ConnectionString, new Dictionary<string, string> { ["Telemetry:PrometheusEnabled"] = "false" });
        using var client = host.CreateClient();
        var response = await client.GetAsync("/metrics", Ct);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("greengrid_", await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>The metrics page as Prometheus reads it: open to anyone, no sign-in.</summary>
    private static async Task<string> Scrape(HttpClient client)
    {
        var response = await client.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    /// <summary>The sum of a metric's samples whose labels contain <paramref name="label"/> (all when null).</summary>
    private static double Sum(string scrape, string name, string? label) =>
        scrape.Split('\n')
            .Where(line => (line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
                && (label is null || line.Contains(label, StringComparison.Ordinal)))
            .Sum(line => double.Parse(line[(line.Contains('}') ? line.LastIndexOf('}') + 1 : name.Length)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
}

/// <summary>Alone: the project's meters are process-wide, so no other test may scan or record while these count.</summary>
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryCollection;
