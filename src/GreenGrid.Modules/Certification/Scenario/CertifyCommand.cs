using System.Text.Json;
using GreenGrid.Platform.Errors;

namespace GreenGrid.Certification.Scenario;

/// <summary>
/// <c>certify --scenario FILE</c>: evaluates a scenario file and prints the answer as JSON on
/// standard output (exit 0); a bad scenario or a file that cannot be read is reported on standard
/// error (exit 1); wrong arguments print the usage (exit 2). Runs before the web host is built,
/// so it needs no database.
/// </summary>
internal static class CertifyCommand
{
    public const string Verb = "certify";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var index = Array.IndexOf(args, "--scenario");
        if (index < 0 || index + 1 >= args.Length)
        {
            error.WriteLine("usage: certify --scenario FILE   (prints the evaluation of the scenario as JSON; see docs/adr/0006-certification-engine.md)");
            return 2;
        }
        var file = args[index + 1];
        byte[] json;
        try
        {
            var info = new FileInfo(file);
            if (!info.Exists)
            {
                error.WriteLine($"{file}: no such file");
                return 1;
            }
            if (info.Length > ScenarioJson.MaxBytes)
            {
                error.WriteLine($"{file}: is larger than the {ScenarioJson.MaxBytes / (1024 * 1024)} MB a scenario may have");
                return 1;
            }
            json = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{file}: cannot be read: {e.Message}");
            return 1;
        }
        var errors = new ValidationErrors();
        if (ScenarioEvaluator.Evaluate(json, errors) is not { } answer)
        {
            error.WriteLine($"{file}: the scenario is not valid:");
            foreach (var line in ScenarioEvaluator.Lines(errors))
            {
                error.WriteLine(line);
            }
            return 1;
        }
        output.WriteLine(JsonSerializer.Serialize(answer, ScenarioJson.Options));
        return 0;
    }
}
