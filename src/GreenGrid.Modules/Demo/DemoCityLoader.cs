using GreenGrid.Platform.Data;

namespace GreenGrid.Demo;

/// <summary>How far a long load has come: rows of a stage written out of the expected total.</summary>
public sealed record LoadProgress(string Stage, long Done, long Total);

/// <summary>Generates the demo city and streams it into the database. (Being written.)</summary>
public static class DemoCityLoader
{
    public static Task LoadAsync(DatabaseConnection connection, DemoSize size, int seed, IProgress<LoadProgress> progress, CancellationToken ct) =>
        Task.CompletedTask;
}

/// <summary>Writes progress to the log at most once per percent.</summary>
internal sealed class ConsoleProgress(ILogger logger) : IProgress<LoadProgress>
{
    private (string Stage, long Percent) _last = ("", -1);

    public void Report(LoadProgress value)
    {
        var percent = value.Total == 0 ? 100 : value.Done * 100 / value.Total;
        if ((value.Stage, percent) == _last)
        {
            return;
        }
        _last = (value.Stage, percent);
        logger.LogInformation("{Stage}: {Done:N0} of {Total:N0} ({Percent}%)", value.Stage, value.Done, value.Total, percent);
    }
}
