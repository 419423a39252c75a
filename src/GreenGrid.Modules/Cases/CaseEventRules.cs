using GreenGrid.Platform.Errors;

namespace GreenGrid.Cases;

/// <summary>A case event as a client sends it; every field optional here so that a missing one is named.</summary>
public sealed record CaseEventInput(
    CaseEventType? Type, DateOnly? EffectiveDate, DateOnly? LastExposure = null, long? SourceCaseId = null, string? Facility = null,
    CaseSource? Source = null, long? SupersedesId = null, string? Note = null, string? IdempotencyKey = null, long? SweepId = null);

/// <summary>The checks of one event's own fields, before it is compared with the person's history.</summary>
public static class CaseEventRules
{
    public const int FacilityMaxLength = 100;
    public const int NoteMaxLength = 500;
    public const int IdempotencyKeyMaxLength = 64;

    /// <summary>
    /// Checks the fields (each error under <paramref name="prefix"/> + the JSON name) and returns the
    /// event to record, or null. History (transitions, supersession) is checked by the recorder.
    /// </summary>
    public static CaseEvent? Check(ValidationErrors errors, string prefix, CaseEventInput input, DateOnly birthDate, DateOnly today)
    {
        var before = errors.Count;
        if (input.Type is null)
        {
            errors.Add(prefix + "type", PlatformMessages.Required);
        }
        if (input.EffectiveDate is not { } date)
        {
            errors.Add(prefix + "effectiveDate", PlatformMessages.Required);
        }
        else
        {
            DateInRange(errors, prefix + "effectiveDate", date, birthDate, today);
        }
        if (input.Type == CaseEventType.CloseContact)
        {
            if (input.LastExposure is not { } exposure)
            {
                errors.Add(prefix + "lastExposure", CaseMessages.LastExposureRequired);
            }
            else if (DateInRange(errors, prefix + "lastExposure", exposure, birthDate, today) && input.EffectiveDate is { } reported && exposure > reported)
            {
                errors.Add(prefix + "lastExposure", CaseMessages.LastExposureAfterEffective(reported));
            }
        }
        else if (input.LastExposure is not null)
        {
            errors.Add(prefix + "lastExposure", CaseMessages.OnlyContactExposure);
        }
        if (input.SourceCaseId is not null && input.Type != CaseEventType.CloseContact)
        {
            errors.Add(prefix + "sourceCaseId", CaseMessages.OnlyContactSource);
        }
        var facility = errors.Text(prefix + "facility", input.Facility, FacilityMaxLength, required: input.Type == CaseEventType.TransferredToFacility);
        if (facility is not null && input.Type is not (CaseEventType.TransferredToFacility or null))
        {
            errors.Add(prefix + "facility", CaseMessages.OnlyTransferFacility);
        }
        if (input.Type == CaseEventType.Retracted && input.SupersedesId is null)
        {
            errors.Add(prefix + "supersedesId", CaseMessages.RetractNeedsSupersedes);
        }
        var note = errors.Text(prefix + "note", input.Note, NoteMaxLength, required: false);
        var key = errors.Text(prefix + "idempotencyKey", input.IdempotencyKey, IdempotencyKeyMaxLength, required: false);
        if (errors.Count > before)
        {
            return null;
        }
        return new CaseEvent
        {
            Type = input.Type!.Value,
            EffectiveDate = input.EffectiveDate!.Value,
            LastExposure = input.LastExposure,
            SourceCaseId = input.SourceCaseId,
            Facility = facility,
            Source = input.Source ?? CaseSource.Community,
            SupersedesId = input.SupersedesId,
            SweepId = input.SweepId,
            Note = note,
            IdempotencyKey = key,
        };
    }

    private static bool DateInRange(ValidationErrors errors, string field, DateOnly date, DateOnly birthDate, DateOnly today)
    {
        if (date > today)
        {
            errors.Add(field, PlatformMessages.InFuture(date, today));
            return false;
        }
        if (date < birthDate)
        {
            errors.Add(field, CaseMessages.BeforeBirthDate(date, birthDate));
            return false;
        }
        return true;
    }
}
