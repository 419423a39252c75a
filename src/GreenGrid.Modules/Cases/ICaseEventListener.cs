using GreenGrid.Platform;
namespace GreenGrid.Cases;

/// <summary>
/// Told of case events right after they are committed (one call per request, the events in order).
/// Other modules react through it without the cases module knowing them: certification revokes a
/// place that has a new case, the gates suspend a household's passes. A listener must not fail the
/// request: the events are already recorded; what it misses it must catch up on at start-up.
/// </summary>
[ModuleContract]
public interface ICaseEventListener
{
    Task Recorded(IReadOnlyList<CaseEvent> events, CancellationToken ct);
}
