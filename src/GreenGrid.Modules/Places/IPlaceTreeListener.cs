using GreenGrid.Platform;
using Microsoft.Extensions.Logging;

namespace GreenGrid.Places;

/// <summary>What happened to the tree: a place was created, hung under another parent (with its subtree), or retired.</summary>
[ModuleContract]
public enum PlaceTreeChangeKind
{
    Created,
    Moved,
    Retired,
}

/// <summary>One committed change of the place tree.</summary>
[ModuleContract]
public sealed record PlaceTreeChange(PlaceTreeChangeKind Change, long PlaceId, PlaceKind Kind);

/// <summary>
/// Told of every change of the place tree right after it is committed. Other modules that keep the
/// tree in memory react through it without the places module knowing them: certification rebuilds
/// its model, so that a new compound counts for its community at once, not on the next day. A
/// listener must not fail the request: the change is already committed.
/// </summary>
[ModuleContract]
public interface IPlaceTreeListener
{
    Task Changed(PlaceTreeChange change, CancellationToken ct);
}

/// <summary>Tells every <see cref="IPlaceTreeListener"/> of a committed change; a listener's failure is logged, not answered.</summary>
public sealed class PlaceTreeNotifier(IEnumerable<IPlaceTreeListener> listeners, ILogger<PlaceTreeNotifier> log)
{
    public async Task Tell(PlaceTreeChange change)
    {
        foreach (var listener in listeners)
        {
            try
            {
                await listener.Changed(change, CancellationToken.None);
            }
            catch (Exception e)
            {
                log.LogError(e, "{Listener} failed on {Change} of place {PlaceId}", listener.GetType().Name, change.Change, change.PlaceId);
            }
        }
    }
}
