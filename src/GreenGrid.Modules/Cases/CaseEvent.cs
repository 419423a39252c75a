using GreenGrid.Platform;
namespace GreenGrid.Cases;

/// <summary>
/// One dated fact about a person's epidemic status (疫情状态). Events are never changed or
/// deleted: a correction is a new event whose <see cref="SupersedesId"/> names the one it
/// replaces (a <see cref="CaseEventType.Retracted"/> event withdraws it without a replacement).
/// The person's state on any day is derived from the events by <see cref="CaseHistory"/>.
/// Part of the contract: an event never changes, so the event itself is what other modules are told
/// (<see cref="ICaseEventListener"/>) and read; only the cases module records them.
/// </summary>
[ModuleContract]
public sealed class CaseEvent
{
    public long Id { get; set; }

    /// <summary>The person on the register. Events of a record merged into another count for the kept one.</summary>
    public long ResidentId { get; set; }

    public CaseEventType Type { get; set; }

    /// <summary>The day the fact took effect (reported, placed, released…), in the city's time zone.</summary>
    public DateOnly EffectiveDate { get; set; }

    /// <summary>For a close contact: the last day of exposure; observation ends a configurable number of days later.</summary>
    public DateOnly? LastExposure { get; set; }

    /// <summary>For a close contact: the resident who is the source case, where known.</summary>
    public long? SourceCaseId { get; set; }

    /// <summary>For a transfer: the facility (hospital, isolation point) the person went to.</summary>
    public string? Facility { get; set; }

    public CaseSource Source { get; set; }

    /// <summary>The door-to-door sweep (拉网式排查) that found this, if any.</summary>
    public long? SweepId { get; set; }

    /// <summary>The earlier event this one corrects; that event no longer counts.</summary>
    public long? SupersedesId { get; set; }

    public string? Note { get; set; }

    public DateTime RecordedAt { get; set; }

    /// <summary>The account that recorded the event.</summary>
    public long RecordedById { get; set; }

    /// <summary>
    /// The client's key for this request (unique per account): a retried request with the same
    /// key answers with the event already recorded instead of recording it twice.
    /// </summary>
    public string? IdempotencyKey { get; set; }
}

/// <summary>The kinds of case event. The first five report a person into one of the categories.</summary>
[ModuleContract]
public enum CaseEventType
{
    /// <summary>确诊病例: reported, or reclassified from suspected, fever or asymptomatic.</summary>
    Confirmed,
    /// <summary>无症状感染者.</summary>
    Asymptomatic,
    /// <summary>疑似病例.</summary>
    Suspected,
    /// <summary>发热病人 (not yet excluded).</summary>
    Fever,
    /// <summary>密切接触者, with the last exposure date and, where known, the source case.</summary>
    CloseContact,
    /// <summary>排除: a suspected case or fever patient found not to be infected.</summary>
    Discarded,
    /// <summary>居家观察.</summary>
    HomeObservation,
    /// <summary>集中隔离.</summary>
    CentralIsolation,
    /// <summary>转运: taken to a facility (hospital, 方舱, isolation point).</summary>
    TransferredToFacility,
    /// <summary>解除隔离/观察: the end of management as a close contact, suspected case or fever patient.</summary>
    Released,
    /// <summary>治愈出院.</summary>
    Recovered,
    Died,
    /// <summary>Withdraws the superseded event (entered in error) without replacing it.</summary>
    Retracted,
}

/// <summary>Where the fact came from.</summary>
[ModuleContract]
public enum CaseSource
{
    Community,
    Facility,
    Lab,
    Sweep,
    Checkpoint,
}
