using GreenGrid.Cases;
using GreenGrid.Certification.RevokeCertification;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GreenGrid.Certification;

/// <summary>
/// Told of every committed case event: feeds the engine, then revokes the certified places the
/// event makes not free. It never fails the request (the events are recorded); what it misses the
/// start-up re-check catches (<see cref="CertificationStartup"/>).
/// </summary>
internal sealed class CertificationListener(CityCertification city, Revocations revocations, ILogger<CertificationListener> log) : ICaseEventListener
{
    // The meter GreenGrid.Certification (README, "Telemetry").
    private static readonly System.Diagnostics.Metrics.Meter Meter = new("GreenGrid.Certification");
    private static readonly System.Diagnostics.Metrics.Counter<long> Reevaluations = Meter.CreateCounter<long>("greengrid.certification.reevaluations", description: "committed batches of case events the certification model re-evaluated");
    private static readonly System.Diagnostics.Metrics.Counter<long> Rechecked = Meter.CreateCounter<long>("greengrid.certification.rechecked_compounds", description: "compounds whose certification a case event made the model re-check for revocation");

    public async Task Recorded(IReadOnlyList<CaseEvent> events, CancellationToken ct)
    {
        try
        {
            var compounds = await city.Feed(events, ct);
            Reevaluations.Add(1);
            Rechecked.Add(compounds.Count);
            if (compounds.Count == 0)
            {
                return;
            }
            // The event that revokes: the first that starts a case or a management, else the first.
            var cause = events.FirstOrDefault(e => e.Type is CaseEventType.Confirmed or CaseEventType.Asymptomatic or CaseEventType.Suspected or CaseEventType.Fever or CaseEventType.CloseContact)
                ?? events[0];
            var why = $"{System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(cause.Type.ToString())} of resident {cause.ResidentId} on {cause.EffectiveDate:yyyy-MM-dd} (event {cause.Id})";
            await revocations.Recheck(compounds, cause, why, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            city.Invalidate();
            log.LogError(e, "Certification could not take {Count} case events in; the model is rebuilt on next use", events.Count);
        }
    }
}

/// <summary>
/// Told of every committed change of the place tree: the model's tree is rebuilt on next use, so that a new
/// compound counts for its community (and is known to attestations and applications) at once and a moved or
/// retired one leaves its old parent, instead of from the next day. A new or retired building changes nothing
/// the model holds (its people are placed by their building when their first event arrives); a moved one
/// takes its people to another compound.
/// </summary>
internal sealed class CertificationPlaceListener(CityCertification city) : Places.IPlaceTreeListener
{
    public Task Changed(Places.PlaceTreeChange change, CancellationToken ct)
    {
        if (change.Kind != Places.PlaceKind.Building || change.Change == Places.PlaceTreeChangeKind.Moved)
        {
            city.Invalidate();
        }
        return Task.CompletedTask;
    }
}

/// <summary>At start-up: builds the model, then revokes what a missed event should have revoked.</summary>
internal sealed class CertificationStartup(IServiceScopeFactory scopes, ILogger<CertificationStartup> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var revoked = await scope.ServiceProvider.GetRequiredService<Revocations>().Recheck(null, null, "start-up re-check: no longer epidemic-free", stoppingToken);
            if (revoked.Count > 0)
            {
                log.LogWarning("Start-up re-check revoked {Count} certifications that case events recorded while certification was not listening had made void", revoked.Count);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Start-up re-check of certifications failed");
        }
    }
}
