using GreenGrid.Cases;

namespace GreenGrid.Tests.Cases;

/// <summary>
/// Random valid case histories: each next event is picked among <see cref="CaseHistory.Possible"/>
/// for the state on its day, and some are corrected (a replacement of another date) or retracted,
/// each kept only when <see cref="CaseHistory.Check"/> accepts it, so every history could have been recorded.
/// </summary>
internal static class RandomHistories
{
    public const int ObservationDays = 14;

    /// <param name="nextId">Ids in the order the events are recorded (the database's order).</param>
    public static List<CaseEvent> Generate(Random random, DateOnly start, DateOnly end, Func<long> nextId, int maxSteps = 6)
    {
        var events = new List<CaseEvent>();
        var day = start.AddDays(random.Next(0, Math.Max(1, end.DayNumber - start.DayNumber)));
        var steps = random.Next(1, maxSteps + 1);
        for (var step = 0; step < steps && day <= end; step++)
        {
            var candidate = events.Count > 0 && random.Next(5) == 0 ? Correction(random, events, day, end) : Next(random, events, day);
            if (candidate is not null && CaseHistory.Check(events, candidate, ObservationDays) is null)
            {
                candidate.Id = nextId();
                events.Add(candidate);
            }
            day = day.AddDays(random.Next(0, 6));
        }
        return events;
    }

    /// <summary>Whether the events, in the order given, could each have been recorded after the ones before.</summary>
    public static bool IsRecordable(IReadOnlyList<CaseEvent> events) =>
        Enumerable.Range(0, events.Count).All(i => CaseHistory.Check(events.Take(i), events[i], ObservationDays) is null);

    /// <summary>Shorter histories that could still have been recorded, for FsCheck's shrinking: without one event each.</summary>
    public static IEnumerable<List<CaseEvent>> Smaller(IReadOnlyList<CaseEvent> events)
    {
        for (var i = events.Count - 1; i >= 0; i--)
        {
            List<CaseEvent> shorter = [.. events.Take(i), .. events.Skip(i + 1)];
            if (IsRecordable(shorter))
            {
                yield return shorter;
            }
        }
    }

    /// <summary>An event in a line, for a counterexample: <c>#3 closeContact 2020-01-12 exposed 2020-01-10 supersedes #2</c>.</summary>
    public static string Describe(CaseEvent e) =>
        $"#{e.Id} {e.Type} {e.EffectiveDate:yyyy-MM-dd}{(e.LastExposure is { } x ? $" exposed {x:yyyy-MM-dd}" : "")}{(e.SupersedesId is { } s ? $" supersedes #{s}" : "")}";

    private static CaseEvent? Next(Random random, List<CaseEvent> events, DateOnly day)
    {
        var state = CaseHistory.StateAsOf(CaseHistory.InForce(events), day, ObservationDays);
        var possible = CaseHistory.Possible(state, day, ObservationDays).ToList();
        // Death ends a history: make it rare, as it is.
        if (possible.Count > 1 && random.Next(6) != 0)
        {
            possible.Remove(CaseEventType.Died);
        }
        if (possible.Count == 0)
        {
            return null;
        }
        var type = possible[random.Next(possible.Count)];
        return Event(random, type, day);
    }

    /// <summary>A retraction of an event in force, or the same report on another day.</summary>
    private static CaseEvent? Correction(Random random, List<CaseEvent> events, DateOnly day, DateOnly end)
    {
        var inForce = CaseHistory.InForce(events);
        if (inForce.Count == 0)
        {
            return null;
        }
        var target = inForce[random.Next(inForce.Count)];
        if (random.Next(2) == 0)
        {
            return new CaseEvent { Type = CaseEventType.Retracted, EffectiveDate = day, SupersedesId = target.Id, Source = CaseSource.Community };
        }
        var moved = target.EffectiveDate.AddDays(random.Next(-2, 3));
        if (moved > end)
        {
            return null;
        }
        var replacement = Event(random, target.Type, moved);
        replacement.SupersedesId = target.Id;
        return replacement;
    }

    private static CaseEvent Event(Random random, CaseEventType type, DateOnly day) => new()
    {
        Type = type,
        EffectiveDate = day,
        LastExposure = type == CaseEventType.CloseContact ? day.AddDays(-random.Next(0, 4)) : null,
        Facility = type == CaseEventType.TransferredToFacility ? "方舱医院" : null,
        Source = (CaseSource)random.Next(4),
    };
}
