using GreenGrid.Places;
using GreenGrid.Register;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GreenGrid.Cases.Counts;

/// <summary>Told of recorded case events: their people are read again before the next count.</summary>
internal sealed class CaseCountsEventListener(CaseCountsModel model) : ICaseEventListener
{
    public Task Recorded(IReadOnlyList<CaseEvent> events, CancellationToken ct)
    {
        model.Recorded(events);
        return Task.CompletedTask;
    }
}

/// <summary>Told of register writes (moves, merges, imports): the people they touched are read again before the next count.</summary>
internal sealed class CaseCountsRegisterListener(CaseCountsModel model) : IRegisterListener
{
    public void Changed(RegisterChange change) => model.RegisterChanged(change);
}

/// <summary>Told of a place created, moved or retired: the tree is read again before the next count.</summary>
internal sealed class CaseCountsPlaceListener(CaseCountsModel model) : IPlaceTreeListener
{
    public Task Changed(PlaceTreeChange change, CancellationToken ct)
    {
        model.TreeChanged();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Builds the model when the server starts: hosted services start after the database is migrated and the
/// demo city loaded (Program: PrepareDatabaseAsync comes before RunAsync), so the first page does not wait.
/// </summary>
internal sealed class CaseCountsStartup(CaseCountsModel model, ILogger<CaseCountsStartup> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await model.Warm(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The first read builds it instead.
            log.LogError(e, "The case counts model could not be built at start-up");
        }
    }
}
