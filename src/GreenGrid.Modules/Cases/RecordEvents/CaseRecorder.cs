using GreenGrid.Register;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GreenGrid.Cases.RecordEvents;

/// <summary>An event as the API shows it; <see cref="SupersededById"/> is set once a later event corrected it.</summary>
public sealed record CaseEventView(
    long Id, long ResidentId, CaseEventType Type, DateOnly EffectiveDate, DateOnly? LastExposure, long? SourceCaseId, string? Facility,
    CaseSource Source, long? SweepId, long? SupersedesId, long? SupersededById, string? Note, DateTime RecordedAt, long RecordedById, string? IdempotencyKey)
{
    public static CaseEventView Of(CaseEvent e, long? supersededBy = null) => new(
        e.Id, e.ResidentId, e.Type, e.EffectiveDate, e.LastExposure, e.SourceCaseId, e.Facility, e.Source, e.SweepId, e.SupersedesId, supersededBy,
        e.Note, e.RecordedAt, e.RecordedById, e.IdempotencyKey);
}

/// <summary>The answer to one recorded event: the event and the person's state on the city's today.</summary>
public sealed record RecordedEvent(CaseEventView Event, CaseStateView State, bool Replayed);

public sealed record BatchEventInput(
    long? ResidentId, CaseEventType? Type, DateOnly? EffectiveDate, DateOnly? LastExposure = null, long? SourceCaseId = null, string? Facility = null,
    CaseSource? Source = null, long? SupersedesId = null, string? Note = null, string? IdempotencyKey = null)
{
    public CaseEventInput ToInput() => new(Type, EffectiveDate, LastExposure, SourceCaseId, Facility, Source, SupersedesId, Note, IdempotencyKey);
}

public sealed record BatchRequest(BatchEventInput[]? Events);

public sealed record BatchResult(long[] Ids, int Recorded, int Replayed);

/// <summary>
/// Records case events: checks the fields, the caller's jurisdiction and the person's history,
/// then commits before answering, so an acknowledged event survives a crash. A retried request
/// (same account, same idempotency key) answers with the event recorded the first time.
/// The event row itself is the audit trail of the write: who, when, from which source.
/// </summary>
public sealed class CaseRecorder(
    AppDb db, GroupCommit commits, Caller caller, CasePeople people, CaseEventLocks locks, CityClock clock, IOptions<CasesOptions> options, IEnumerable<ICaseEventListener> listeners,
    ILogger<CaseRecorder> log)
{
    private int ObservationDays => options.Value.ObservationDays;

    public async Task<Results<Created<RecordedEvent>, Ok<RecordedEvent>, ValidationProblem, ProblemHttpResult>> Record(
        long residentId, CaseEventInput input, CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        if (await people.Find(residentId, ct) is not { } person || !account.Covers(person.BuildingPath))
        {
            return Problems.NotFound(Register.RegisterMessages.ResidentNotFound(residentId));
        }
        using var held = await locks.Acquire([person.Id], ct);
        // The history and an earlier event under the same idempotency key, in one round trip.
        var key = input.IdempotencyKey is { Length: > 0 } given ? given.Trim() : null;
        var (history, earlier) = await people.EventsAndReplay(person, account.Id, key, ct);
        if (earlier is not null)
        {
            return earlier.ResidentId == person.Id || person.RecordIds.Contains(earlier.ResidentId)
                ? TypedResults.Ok(new RecordedEvent(CaseEventView.Of(earlier), StateView(history, clock.Today), Replayed: true))
                : Problems.Conflict("idempotencyKey", CaseMessages.KeyUsedForOtherPerson);
        }
        var errors = new ValidationErrors();
        if (CaseEventRules.Check(errors, "", input, person.BirthDate, clock.Today) is not { } candidate)
        {
            return Problems.Invalid(errors);
        }
        if (await CheckReferences(errors, "", candidate, person, history, ct) && HistoryProblem(history, candidate) is { } conflict)
        {
            return Problems.Conflict(conflict.Field, conflict.Reason);
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        Stamp(candidate, person.Id, account.Id);
        // Committed with the events of other requests arriving at the same moment (one transaction,
        // one fsync; docs/adr/0011-hot-write-paths.md) and only then answered. The person's lock is
        // held until the commit, so the next event of the same person is checked against this one.
        await Commit([candidate], ct);
        CaseEventMetrics.Recorded([candidate]);
        await Tell([candidate]);
        history.Add(candidate);
        var state = StateView(history, clock.Today);
        return TypedResults.Created($"/api/v1/residents/{person.Id}/case-history", new RecordedEvent(CaseEventView.Of(candidate), state, Replayed: false));
    }

    /// <summary>Many events in one transaction: all are recorded or none (errors name <c>events[i].field</c>).</summary>
    public async Task<Results<Ok<BatchResult>, ValidationProblem, ProblemHttpResult>> RecordBatch(BatchRequest request, CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        var errors = new ValidationErrors();
        var items = request.Events ?? [];
        if (items.Length == 0)
        {
            return Problems.Invalid("events", CaseMessages.EventsEmpty);
        }
        if (items.Length > options.Value.MaxBatch)
        {
            return Problems.Invalid("events", CaseMessages.EventsTooMany(options.Value.MaxBatch, items.Length));
        }
        var residentIds = items.Where(i => i.ResidentId is not null).Select(i => i.ResidentId!.Value).Distinct().ToList();
        var found = await people.FindMany(residentIds, ct);
        using var held = await locks.Acquire(found.Keys, ct);
        var keys = items.Select(i => i.IdempotencyKey?.Trim()).Where(k => !string.IsNullOrEmpty(k)).Distinct().ToList();
        var replays = await db.CaseEvents().AsNoTracking().Where(e => e.RecordedById == account.Id && keys.Contains(e.IdempotencyKey))
            .ToDictionaryAsync(e => e.IdempotencyKey!, ct);
        // Every person's history in one round trip (one query per person made a batch of 500 take seconds).
        var histories = await people.EventsOfMany(found.Values, ct);
        var ids = new long[items.Length];
        var fresh = new List<(int Index, CaseEvent Event)>();
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Length; i++)
        {
            var prefix = $"events[{i}].";
            var item = items[i];
            if (item.ResidentId is not { } residentId || !found.TryGetValue(residentId, out var person) || !account.Covers(person.BuildingPath))
            {
                errors.Add(prefix + "residentId", item.ResidentId is { } missing ? Register.RegisterMessages.ResidentNotFound(missing) : PlatformMessages.Required);
                continue;
            }
            var key = item.IdempotencyKey?.Trim();
            if (!string.IsNullOrEmpty(key) && !seenKeys.Add(key))
            {
                errors.Add(prefix + "idempotencyKey", CaseMessages.KeyTwiceInBatch);
                continue;
            }
            if (!string.IsNullOrEmpty(key) && replays.TryGetValue(key, out var earlier))
            {
                if (!person.RecordIds.Contains(earlier.ResidentId))
                {
                    errors.Add(prefix + "idempotencyKey", CaseMessages.KeyUsedForOtherPerson);
                }
                ids[i] = earlier.Id;
                continue;
            }
            if (CaseEventRules.Check(errors, prefix, item.ToInput(), person.BirthDate, clock.Today) is not { } candidate)
            {
                continue;
            }
            var history = histories[person.Id];
            if (await CheckReferences(errors, prefix, candidate, person, history, ct))
            {
                if (HistoryProblem(history, candidate) is { } conflict)
                {
                    errors.Add(prefix + conflict.Field, conflict.Reason);
                    continue;
                }
                Stamp(candidate, person.Id, account.Id);
                // Later events of the batch are checked against the history with this one in it.
                history.Add(candidate);
                fresh.Add((i, candidate));
            }
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        // One unit in the group commit: all of the batch's events are committed together or none.
        await Commit([.. fresh.Select(f => f.Event)], ct);
        CaseEventMetrics.Recorded([.. fresh.Select(f => f.Event)]);
        await Tell([.. fresh.Select(f => f.Event)]);
        foreach (var (index, e) in fresh)
        {
            ids[index] = e.Id;
        }
        return TypedResults.Ok(new BatchResult(ids, fresh.Count, items.Length - fresh.Count));
    }

    /// <summary>The person's state on <paramref name="day"/> with what may come next, for the API and the pages.</summary>
    public CaseStateView StateView(IEnumerable<CaseEvent> history, DateOnly day)
    {
        var state = CaseHistory.StateAsOf(CaseHistory.InForce(history), day, ObservationDays);
        return CaseStateView.Of(state, day, ObservationDays);
    }

    /// <summary>The superseded event and the source case must exist and fit; false when a reference is wrong (errors added).</summary>
    private async Task<bool> CheckReferences(ValidationErrors errors, string prefix, CaseEvent candidate, CasePerson person, List<CaseEvent> history, CancellationToken ct)
    {
        var ok = true;
        if (candidate.SupersedesId is { } supersedes)
        {
            var target = history.FirstOrDefault(e => e.Id == supersedes);
            if (target is null)
            {
                errors.Add(prefix + "supersedesId", CaseMessages.NotThisPersonsEvent(supersedes));
                ok = false;
            }
            else if (target.Type == CaseEventType.Retracted)
            {
                errors.Add(prefix + "supersedesId", CaseMessages.IsARetraction(supersedes));
                ok = false;
            }
            else if (history.FirstOrDefault(e => e.SupersedesId == supersedes) is { } later)
            {
                errors.Add(prefix + "supersedesId", CaseMessages.AlreadyCorrected(supersedes, later.Id));
                ok = false;
            }
        }
        if (candidate.SourceCaseId is { } source)
        {
            if (person.RecordIds.Contains(source))
            {
                errors.Add(prefix + "sourceCaseId", CaseMessages.OwnSource);
                ok = false;
            }
            else if (!await RegisterReads.Records(db).AnyAsync(r => r.Id == source, ct))
            {
                errors.Add(prefix + "sourceCaseId", Register.RegisterMessages.ResidentNotFound(source));
                ok = false;
            }
        }
        return ok;
    }

    private (string Field, Message Reason)? HistoryProblem(List<CaseEvent> history, CaseEvent candidate)
    {
        if (CaseHistory.Check(history, candidate, ObservationDays) is not { } conflict)
        {
            return null;
        }
        var e = conflict.Event;
        return ReferenceEquals(e, candidate)
            ? ("type", CaseMessages.DoesNotFit(e.Type, e.EffectiveDate, conflict.Reason))
            : ("effectiveDate", CaseMessages.LaterEventImpossible(e.Id, e.Type, e.EffectiveDate, conflict.Reason));
    }

    /// <summary>
    /// Commits the events before the answer: through the group commit, or — when the caller has its
    /// own transaction open (a sweep visit records its findings with the visit) — in that
    /// transaction, which the caller commits; the group writer would wait on it forever on SQLite.
    /// </summary>
    private async Task Commit(IReadOnlyList<CaseEvent> events, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            db.CaseEvents().AddRange(events);
            await db.SaveChangesAsync(ct);
            return;
        }
        await commits.Insert([.. events]);
    }

    /// <summary>Tells the other modules; the events are committed, so a listener's failure is logged, not answered.</summary>
    private async Task Tell(IReadOnlyList<CaseEvent> events)
    {
        foreach (var listener in listeners)
        {
            try
            {
                await listener.Recorded(events, CancellationToken.None);
            }
            catch (Exception e)
            {
                log.LogError(e, "{Listener} failed on {Count} case events", listener.GetType().Name, events.Count);
            }
        }
    }

    private void Stamp(CaseEvent e, long residentId, long accountId)
    {
        e.ResidentId = residentId;
        e.RecordedById = accountId;
        e.RecordedAt = clock.UtcNow;
    }
}
