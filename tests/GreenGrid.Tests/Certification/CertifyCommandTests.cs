using System.Diagnostics;
using System.Text.Json;
using GreenGrid.Certification.Scenario;

namespace GreenGrid.Tests.Certification;

/// <summary>The <c>certify --scenario FILE</c> verb, in process and as the built application.</summary>
public sealed class CertifyCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("greengrid-certify-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string json)
    {
        var file = Path.Combine(_folder, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        return file;
    }

    private static (int Code, string Output, string Error) RunInProcess(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CertifyCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_good_scenario_prints_the_answer_as_json_and_exits_0()
    {
        var (code, output, error) = RunInProcess("certify", "--scenario", Write(CertificationApiTests.Sample));

        Assert.Equal(0, code);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(["D1", "S1", "C1", "K1"], json.RootElement.GetProperty("places").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
    }

    [Fact]
    public void A_bad_scenario_prints_the_item_on_standard_error_and_exits_1()
    {
        var (code, output, error) = RunInProcess("certify", "--scenario", Write(CertificationApiTests.Sample.Replace("2020-02-20", "2020-02-30")));

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("events[0].date: \"2020-02-30\" is not a date", error);
    }

    [Fact]
    public void Malformed_json_names_where_it_breaks()
    {
        var (code, _, error) = RunInProcess("certify", "--scenario", Write("{\"asOf\": \"2020-03-05\", \"places\": [{\"id\": 5}]}"));

        Assert.Equal(1, code);
        Assert.Contains("places[0].id", error);
    }

    [Fact]
    public void A_missing_file_is_reported_and_exits_1()
    {
        var missing = Path.Combine(_folder, "nothing.json");
        var (code, output, error) = RunInProcess("certify", "--scenario", missing);

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("no such file", error);
    }

    [Fact]
    public void Without_a_scenario_the_usage_is_printed_and_the_exit_code_is_2()
    {
        var (code, _, error) = RunInProcess("certify");

        Assert.Equal(2, code);
        Assert.Contains("usage: certify --scenario FILE", error);
    }

    [Fact]
    public async Task The_built_application_runs_the_verb_without_a_database_and_sets_its_exit_codes()
    {
        var good = await Run("certify", "--scenario", Write(CertificationApiTests.Sample));
        Assert.True(good.Code == 0, good.Error);
        Assert.Equal("2020-03-05", JsonDocument.Parse(good.Output).RootElement.GetProperty("asOf").GetString());

        var bad = await Run("certify", "--scenario", Write(CertificationApiTests.Sample.Replace("\"parent\": \"C1\"", "\"parent\": \"C9\"")));
        Assert.Equal(1, bad.Code);
        Assert.Empty(bad.Output);
        Assert.Contains("places[3].parent: \"C9\" is not a place of the scenario", bad.Error);
    }

    /// <summary>The application's own assembly, next to the tests, started with dotnet as a separate process.</summary>
    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "GreenGrid.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // No database settings at all: the verb must not need them.
        start.Environment.Remove("Database__ConnectionString");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }
}
