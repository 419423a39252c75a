using GreenGrid.Certification.Engine;
using GreenGrid.Certification.PublishBatch;
using GreenGrid.Certification.Workflow;
using GreenGrid.Places;
using GreenGrid.Platform;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Certification;

/// <summary>
/// Certification history for the demo city: every compound's six controls attested on 20 February 2020,
/// then every 3 days from 5 March up to <c>standsOn</c> the places the engine finds free are certified
/// (applied the day before, approved on the day), those no longer free are revoked, and a batch of the
/// city is published — so that the first start shows certified compounds, some revoked, and a rising
/// curve. Contract for the demo module, which calls <see cref="SeedAsync"/> as a step of its first start
/// (after the case events and the demo accounts are loaded); certification itself knows nothing of the demo.
/// </summary>
[ModuleContract]
public static class CertificationDemo
{
    public static readonly DateOnly ControlsOn = new(2020, 2, 20);
    public static readonly DateOnly FirstBatch = new(2020, 3, 5);

    /// <summary>Seeds the history up to <paramref name="standsOn"/> once; does nothing when there is one already or no account to act as yet.</summary>
    public static async Task SeedAsync(IServiceProvider services, DateOnly standsOn, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDb>();
        var city = sp.GetRequiredService<CityCertification>();
        var clock = sp.GetRequiredService<CityClock>();
        if (await db.CertificationApplications().AnyAsync(ct) || await db.Users.OrderBy(a => a.Id).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct) is not { } actor)
        {
            return; // seeded already, or no account to act as yet (call after the demo accounts exist)
        }
        var root = await db.Places().AsNoTracking().Where(p => p.Kind == PlaceKind.City && p.RetiredAt == null).OrderBy(p => p.Id).FirstOrDefaultAsync(ct);
        if (root is null)
        {
            return;
        }
        var compounds = await db.Places().AsNoTracking().Where(p => p.Kind == PlaceKind.Compound && p.RetiredAt == null).Select(p => new { p.Id, p.Path }).ToListAsync(ct);
        var at = clock.UtcNow;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var c in compounds)
        {
            foreach (var control in Enum.GetValues<Control>())
            {
                db.CertificationControls().Add(new ControlAttestation
                {
                    CompoundId = c.Id, CompoundPath = c.Path, Control = control, AttestedOn = ControlsOn, AttestedAt = at, AttestedById = actor, Note = "demo",
                });
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        city.Invalidate();

        var places = await db.Places().AsNoTracking().Where(p => p.RetiredAt == null && p.Kind != PlaceKind.Building && p.Kind != PlaceKind.City)
            .Select(p => new { p.Id, p.Path, p.Kind }).ToListAsync(ct);
        var ids = places.Select(p => p.Id).ToList();
        var publisher = sp.GetRequiredService<PublishBatch.PublishBatch>();
        var standard = await city.Read(null, v => v.Standard.Version, ct);
        for (var day = FirstBatch; day <= standsOn; day = day.AddDays(3))
        {
            var on = day;
            var free = await city.Read(on, v => ids.Where(id => v.Status(id) is { Free: true }).ToDictionary(id => id, id => v.Status(id)!.FreeSince!.Value), ct);
            var open = await db.CertificationApplications().Where(a => a.Status == ApplicationStatus.Approved).ToListAsync(ct);
            foreach (var a in open.Where(a => !free.ContainsKey(a.PlaceId)))
            {
                a.Revoke(on, at, "demo: a new case or person under management", causeEventId: null);
                db.CertificationAlerts().Add(CertificationAlert.RevocationOf(a));
            }
            var certified = open.Where(a => a.Status == ApplicationStatus.Approved).Select(a => a.PlaceId).ToHashSet();
            foreach (var p in places.Where(p => free.ContainsKey(p.Id) && !certified.Contains(p.Id)))
            {
                // Applied the day before, approved on the day.
                var application = new CertificationApplication
                {
                    PlaceId = p.Id, PlacePath = p.Path, PlaceKind = p.Kind, Status = ApplicationStatus.Pending, StandardVersion = standard,
                    AppliedOn = on.AddDays(-1), AppliedAt = at, AppliedById = actor, FreeSince = free[p.Id], Note = "demo",
                };
                application.Approve(on, at, actor);
                db.CertificationApplications().Add(application);
            }
            await db.SaveChangesAsync(ct);
            await publisher.PublishFor(root, actor, on, ct);
        }
    }
}
