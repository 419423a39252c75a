using GreenGrid.Certification.Engine;
using GreenGrid.Certification.Workflow;
using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Certification.AttestControl;

public sealed record ControlInput(string? Control, DateOnly? Date, string? Note);

/// <summary>
/// Attest one of the six controls (六个到位) for a live compound, from the day it is in place (not in the
/// future); one attestation in force per control. The engine takes it in at once.
/// </summary>
internal sealed class AttestControl(AppDb db, Caller caller, PlaceQueries places, CityCertification city, CityClock clock, AuditLog audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/places/{id:long}/controls", (long id, ControlInput input, AttestControl attest, CancellationToken ct) => attest.Handle(id, input, ct))
            .WithSummary("Attest one of the six controls (六个到位) for a compound, with the day it is in place.");

    public async Task<Results<Created<AttestationView>, ValidationProblem, ProblemHttpResult>> Handle(long placeId, ControlInput input, CancellationToken ct)
    {
        if (await places.Find(placeId, ct) is not { } place)
        {
            return Problems.NotFound(PlaceMessages.NotFound(placeId));
        }
        if (place.Kind != PlaceKind.Compound || place.RetiredAt is not null)
        {
            return Problems.Conflict("id", CertificationMessages.AttestCompounds);
        }
        var errors = new ValidationErrors();
        if (!ControlNames.TryParse(input.Control, out var control))
        {
            errors.Add("control", CertificationMessages.ControlOneOf);
        }
        var today = clock.Today;
        if (input.Date is not { } date)
        {
            errors.Add("date", CertificationMessages.AttestDateRequired);
            date = today;
        }
        else if (date > today)
        {
            errors.Add("date", PlatformMessages.IsInFuture(today));
        }
        var note = errors.Text("note", input.Note, 200, required: false);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        if (await db.CertificationControls().AnyAsync(c => c.CompoundId == place.Id && c.Control == control && c.WithdrawnOn == null, ct))
        {
            return Problems.Conflict("control", CertificationMessages.AlreadyAttested(control));
        }
        var account = (await caller.Account(ct))!;
        var row = new ControlAttestation
        {
            CompoundId = place.Id, CompoundPath = place.Path, Control = control, AttestedOn = date, Note = note, AttestedAt = clock.UtcNow, AttestedById = account.Id,
        };
        db.Add(row);
        await db.SaveChangesAsync(ct);
        await audit.Record(AuditAction.Create, "certification-control", [row.Id], place.Path, $"{ControlNames.Name(control)} attested for {place.NameZh} from {date:yyyy-MM-dd}", ct);
        await city.AddControl(place.Id, control, date, ct);
        return TypedResults.Created($"/api/v1/places/{place.Id}/certification", new AttestationView(row.Id, ControlNames.Name(control), date, null, note));
    }
}
