using GreenGrid.Register;
using System.Text.Json;
using GreenGrid.Cases;
using GreenGrid.Certification.Engine;
using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GreenGrid.Certification.Workflow;

/// <summary>
/// The certification workflow (docs/adr/0010-certification-workflow.md): controls attested per
/// compound, applications, reviews at the right level, batches, revocation. Used by the API and the
/// pages alike; every place is checked against the caller's jurisdiction (404 outside) and every
/// step is audited.
/// </summary>
public sealed class CertificationWorkflow(
    AppDb db, Caller caller, PlaceQueries places, CityCertification city, CityClock clock, AuditLog audit, IOptions<CertificationOptions> options, Revocations revocations)
{
    private CertificationOptions Options => options.Value;

    public static readonly PlaceKind[] Certifiable = [PlaceKind.Compound, PlaceKind.Community, PlaceKind.Village, PlaceKind.Subdistrict, PlaceKind.Township, PlaceKind.District];

    /// <summary>Whether city headquarters (rather than district headquarters) reviews this kind of place.</summary>
    public static bool ReviewedByCity(PlaceKind kind) => kind.Level() <= PlaceKind.Subdistrict.Level();

    // ---- reading ----------------------------------------------------------------------------

    public async Task<CertificationView?> Status(long placeId, DateOnly? asOf, CancellationToken ct)
    {
        if (await places.Find(placeId, ct) is not { } place)
        {
            return null;
        }
        var day = asOf ?? clock.Today;
        var children = await places.Children(placeId, ct: ct);
        var childIds = children.Select(c => c.Id).ToList();
        var (status, reasons, childStatus) = await city.Read(day, v =>
            (v.Status(place.Id), v.Reasons(place.Id), childIds.Select(v.Status).ToList()), ct, place.Id);
        var reasonViews = await Describe(reasons, ct, await city.Read(null, v => v.Standard.QuietDays, ct));
        var certification = await LatestApplication(place.Id, ct);
        var certifiedChildren = await db.Set<CertificationApplication>().AsNoTracking()
            .Where(a => childIds.Contains(a.PlaceId) && a.Status != ApplicationStatus.Rejected)
            .GroupBy(a => a.PlaceId).Select(g => g.OrderByDescending(a => a.Id).First()).ToListAsync(ct);
        var byChild = certifiedChildren.ToDictionary(a => a.PlaceId, a => a.Status);
        var childViews = children.Zip(childStatus).Where(c => c.Second is not null)
            .Select(c => new ChildStatus(c.First.Id, c.First.Kind, c.First.NameZh, c.First.NameEn, Words.Status(c.Second!.Free), c.Second.FreeSince, c.Second.FreeFrom,
                byChild.TryGetValue(c.First.Id, out var s) ? s : null)).ToList();
        var controls = place.Kind == PlaceKind.Compound
            ? (await db.Set<ControlAttestation>().AsNoTracking().Where(c => c.CompoundId == place.Id).OrderBy(c => c.Control).ThenBy(c => c.Id).ToListAsync(ct))
                .Select(c => new AttestationView(c.Id, ControlNames.Name(c.Control), c.AttestedOn, c.WithdrawnOn, c.Note)).ToList()
            : [];
        var reopening = certification is { Status: ApplicationStatus.Approved, CertifiedOn: { } since }
            ? (await db.Set<ReopeningRule>().AsNoTracking().OrderBy(r => r.AfterDays).ToListAsync(ct))
                .Where(r => r.AppliesTo is null || r.AppliesTo.Value.Level() == place.Kind.Level())
                .Select(r => new ReopeningView(r.Relaxation, r.AfterDays, since.AddDays(r.AfterDays), day >= since.AddDays(r.AfterDays))).ToList()
            : [];
        if (reasonViews.Any(r => r.ResidentId is not null))
        {
            await audit.Record(AuditAction.Read, "certification", reasonViews.Where(r => r.ResidentId is not null).Select(r => r.ResidentId!.Value).Distinct(), place.Path,
                $"certification of {place.NameZh} as of {day:yyyy-MM-dd}: blocking people", ct);
        }
        var free = status?.Free ?? true;
        var open = certification is { Status: ApplicationStatus.Pending or ApplicationStatus.Approved };
        return new CertificationView(place.Id, place.Kind, place.NameZh, place.NameEn, day, await StandardVersion(ct), Words.Status(free), status?.FreeSince, status?.FreeFrom,
            reasonViews, free && !open && Certifiable.Contains(place.Kind) && day == clock.Today, certification, childViews, controls, reopening);
    }

    private Task<string> StandardVersion(CancellationToken ct) => city.Read(null, v => v.Standard.Version, ct);

    /// <summary>Reasons with names: residents masked (王某), places in both languages.</summary>
    public async Task<List<ReasonView>> Describe(IReadOnlyList<PlaceReason> reasons, CancellationToken ct, int quietDays = 14)
    {
        var residentIds = reasons.Where(r => r.ResidentId is not null).Select(r => r.ResidentId!.Value).Distinct().ToList();
        var names = await db.Residents().AsNoTracking().Where(r => residentIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var placeIds = reasons.Where(r => r.PlaceId is not null).Select(r => r.PlaceId!.Value).ToList();
        var placeNames = await db.Places().AsNoTracking().Where(p => placeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return reasons.Select(r => new ReasonView(Words.Code(r.Code), r.ResidentId,
            r.ResidentId is { } rid && names.TryGetValue(rid, out var n) ? Words.MaskName(n) : null,
            r.Type is { } t && r.Code != ReasonCode.RecentCase ? Words.Type(t) : r.Code == ReasonCode.RecentCase ? "confirmed" : null,
            r.Date, r.Code == ReasonCode.RecentCase ? r.Date?.AddDays(quietDays) : r.Until, r.Control is { } c ? ControlNames.Name(c) : null, r.PlaceId,
            r.PlaceId is { } pid && placeNames.TryGetValue(pid, out var p) ? p.NameZh : null,
            r.PlaceId is { } pid2 && placeNames.TryGetValue(pid2, out var p2) ? p2.NameEn : null)).ToList();
    }

    private async Task<ApplicationView?> LatestApplication(long placeId, CancellationToken ct)
    {
        var latest = await db.Set<CertificationApplication>().AsNoTracking().Where(a => a.PlaceId == placeId).OrderByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        return latest is null ? null : (await Views([latest], ct))[0];
    }

    private async Task<List<ApplicationView>> Views(List<CertificationApplication> apps, CancellationToken ct)
    {
        var placeIds = apps.Select(a => a.PlaceId).Distinct().ToList();
        var names = await db.Places().AsNoTracking().Where(p => placeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var batchIds = apps.Where(a => a.BatchId is not null).Select(a => a.BatchId!.Value).Distinct().ToList();
        var numbers = await db.Set<CertificationBatch>().AsNoTracking().Where(b => batchIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Number, ct);
        return apps.Select(a => new ApplicationView(a.Id, a.PlaceId, a.PlaceKind, names[a.PlaceId].NameZh, names[a.PlaceId].NameEn, a.Status, a.AppliedOn, a.FreeSince,
            a.NoticeUntil, a.CertifiedOn, a.Note, a.RejectReason, a.BatchId, a.BatchId is { } b ? numbers[b] : null, a.RevokedOn, a.RevokedReason, a.RevokedByEventId,
            ReviewedByCity(a.PlaceKind) ? "city" : "district",
            a.Attestations.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList())).ToList();
    }

    public async Task<Results<Ok<List<ApplicationView>>, ValidationProblem>> Applications(string? status, CancellationToken ct)
    {
        ApplicationStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<ApplicationStatus>(status, ignoreCase: true, out var s) || int.TryParse(status, out _))
            {
                return Problems.Invalid("status", $"must be one of {string.Join(", ", Enum.GetNames<ApplicationStatus>().Select(JsonNamingPolicy.CamelCase.ConvertName))}");
            }
            wanted = s;
        }
        var account = (await caller.Account(ct))!;
        var query = db.Set<CertificationApplication>().AsNoTracking()
            .Where(PlacePath.WithinAny<CertificationApplication>(a => a.PlacePath, account.Jurisdictions.Select(j => j.Path).ToArray()));
        if (wanted is { } w)
        {
            query = query.Where(a => a.Status == w);
        }
        var apps = await query.OrderByDescending(a => a.Id).Take(500).ToListAsync(ct);
        return TypedResults.Ok(await Views(apps, ct));
    }

    /// <summary>Whether the caller may review this application: headquarters covering it at district level (compounds, communities) or city level (sub-districts, districts).</summary>
    public async Task<bool> CanReview(ApplicationView app, CancellationToken ct)
    {
        var account = await caller.Account(ct);
        if (account is null || !account.Has(Permissions.CertificationReview))
        {
            return false;
        }
        var path = (await db.Places().AsNoTracking().FirstAsync(p => p.Id == app.PlaceId, ct)).Path;
        return ReviewerOf(account, path, app.PlaceKind);
    }

    private static bool ReviewerOf(CallerAccount account, string path, PlaceKind kind) =>
        account.Places().Any(j => path.StartsWith(j.Path, StringComparison.Ordinal)
            && (ReviewedByCity(kind) ? j.Kind == PlaceKind.City : j.Kind.Level() <= PlaceKind.District.Level()));

    // ---- controls -------------------------------------------------------------------------------

    public async Task<Results<Created<AttestationView>, ValidationProblem, ProblemHttpResult>> Attest(long placeId, ControlInput input, CancellationToken ct)
    {
        if (await places.Find(placeId, ct) is not { } place)
        {
            return Problems.NotFound("place", placeId);
        }
        if (place.Kind != PlaceKind.Compound || place.RetiredAt is not null)
        {
            return Problems.Conflict("id", "controls are attested for a compound (a live one); attest each compound of the community");
        }
        var errors = new ValidationErrors();
        if (!ControlNames.TryParse(input.Control, out var control))
        {
            errors.Add("control", $"must be one of {string.Join(", ", Enum.GetValues<Control>().Select(ControlNames.Name))}");
        }
        var today = clock.Today;
        if (input.Date is not { } date)
        {
            errors.Add("date", "is required: the day the control is in place");
            date = today;
        }
        else if (date > today)
        {
            errors.Add("date", $"is in the future (today is {today:yyyy-MM-dd})");
        }
        var note = errors.Text("note", input.Note, 200, required: false);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        if (await db.Set<ControlAttestation>().AnyAsync(c => c.CompoundId == place.Id && c.Control == control && c.WithdrawnOn == null, ct))
        {
            return Problems.Conflict("control", $"{ControlNames.Name(control)} is already attested for this compound; withdraw it first to attest it anew");
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

    public async Task<Results<Ok<AttestationView>, ValidationProblem, ProblemHttpResult>> Withdraw(long attestationId, WithdrawInput input, CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        var row = await db.Set<ControlAttestation>().FirstOrDefaultAsync(c => c.Id == attestationId, ct);
        if (row is null || !account.Covers(row.CompoundPath))
        {
            return Problems.NotFound("attestation", attestationId);
        }
        if (row.WithdrawnOn is not null)
        {
            return Problems.Conflict("id", $"was already withdrawn on {row.WithdrawnOn:yyyy-MM-dd}");
        }
        var today = clock.Today;
        var date = input.Date ?? today;
        if (date > today)
        {
            return Problems.Invalid("date", $"is in the future (today is {today:yyyy-MM-dd})");
        }
        if (date < row.AttestedOn)
        {
            return Problems.Invalid("date", $"is before the control was attested ({row.AttestedOn:yyyy-MM-dd})");
        }
        row.WithdrawnOn = date;
        row.WithdrawnAt = clock.UtcNow;
        row.WithdrawnById = account.Id;
        await audit.Add(AuditAction.Update, "certification-control", [row.Id], row.CompoundPath, $"{ControlNames.Name(row.Control)} withdrawn from {date:yyyy-MM-dd}", ct);
        await db.SaveChangesAsync(ct);
        // The engine cannot take an attestation back: rebuild, then pull back what the gap uncertifies.
        city.Invalidate();
        await revocations.Recheck([row.CompoundId], null, $"{ControlNames.Name(row.Control)} withdrawn on {date:yyyy-MM-dd}", ct);
        return TypedResults.Ok(new AttestationView(row.Id, ControlNames.Name(row.Control), row.AttestedOn, row.WithdrawnOn, row.Note));
    }

    // ---- applications and reviews -------------------------------------------------------------

    public async Task<Results<Created<ApplicationView>, ValidationProblem, ProblemHttpResult>> Apply(long placeId, ApplyInput input, CancellationToken ct)
    {
        if (await places.Find(placeId, ct) is not { } place)
        {
            return Problems.NotFound("place", placeId);
        }
        if (!Certifiable.Contains(place.Kind) || place.RetiredAt is not null)
        {
            return Problems.Conflict("id", $"a {JsonNamingPolicy.CamelCase.ConvertName(place.Kind.ToString())} is not certified: apply for a compound, community, sub-district or district");
        }
        var errors = new ValidationErrors();
        var note = errors.Text("note", input.Note, CertificationRules.ReasonMaxLength, required: false);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        if (await db.Set<CertificationApplication>().AnyAsync(a => a.PlaceId == place.Id && (a.Status == ApplicationStatus.Pending || a.Status == ApplicationStatus.Approved), ct))
        {
            return Problems.Conflict("id", "the place already has an application pending or a certification in force");
        }
        var today = clock.Today;
        var (status, reasons) = await city.Read(today, v => (v.Status(place.Id), v.Reasons(place.Id)), ct, place.Id);
        if (status is not { Free: true } free)
        {
            return NotEligible(await Describe(reasons, ct));
        }
        var account = (await caller.Account(ct))!;
        var compounds = await db.Places().AsNoTracking().Where(PlacePath.Within(place.Path)).Where(p => p.Kind == PlaceKind.Compound && p.RetiredAt == null).Select(p => p.Id).ToListAsync(ct);
        var attestations = await db.Set<ControlAttestation>().AsNoTracking().Where(c => compounds.Contains(c.CompoundId) && c.WithdrawnOn == null)
            .OrderBy(c => c.CompoundId).ThenBy(c => c.Control).Select(c => new { c.CompoundId, c.Control, c.AttestedOn }).ToListAsync(ct);
        var lines = string.Join("\n", attestations.Select(a => $"{a.CompoundId}:{ControlNames.Name(a.Control)}:{a.AttestedOn:yyyy-MM-dd}"));
        var app = new CertificationApplication
        {
            PlaceId = place.Id, PlacePath = place.Path, PlaceKind = place.Kind, Status = ApplicationStatus.Pending, StandardVersion = await StandardVersion(ct),
            AppliedOn = today, AppliedAt = clock.UtcNow, AppliedById = account.Id, FreeSince = free.FreeSince ?? today, Note = note,
            Attestations = lines.Length > 4000 ? lines[..3999] + "…" : lines,
            NoticeUntil = ReviewedByCity(place.Kind) ? today.AddDays(Options.NoticeDays - 1) : null,
        };
        db.Add(app);
        await db.SaveChangesAsync(ct);
        await audit.Record(AuditAction.Create, "certification-application", [app.Id], place.Path, $"{place.NameZh} applied, free since {app.FreeSince:yyyy-MM-dd}", ct);
        return TypedResults.Created($"/api/v1/places/{place.Id}/certification", (await Views([app], ct))[0]);
    }

    private static ProblemHttpResult NotEligible(List<ReasonView> reasons) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            ["id"] = ["the place is not epidemic-free today", .. reasons.Select(Sentence)],
        })
        {
            Status = StatusCodes.Status409Conflict,
            Title = "The place is not eligible.",
            Detail = "id: the place is not epidemic-free today: " + string.Join("; ", reasons.Select(Sentence)),
            Extensions = { ["reasons"] = reasons },
        });

    /// <summary>A reason in English words, for problems and exports (the pages put it in the reader's language).</summary>
    public static string Sentence(ReasonView r) => r.Code switch
    {
        "recentCase" => $"{r.Person ?? "a resident"} (resident {r.ResidentId}) was a case reported on {r.Date:yyyy-MM-dd}",
        "underManagement" => $"{r.Person ?? "a resident"} (resident {r.ResidentId}) is under management as {r.Type}" + (r.Until is { } u ? $" until {u:yyyy-MM-dd}" : " with no known end"),
        "controlMissing" => $"{r.Control} is not attested",
        _ => $"{r.PlaceEn} ({r.PlaceId}) is not epidemic-free",
    };

    public async Task<Results<Ok<ApplicationView>, ValidationProblem, ProblemHttpResult>> Approve(long applicationId, CancellationToken ct)
    {
        var (app, problem) = await Reviewable(applicationId, ct);
        if (app is null)
        {
            return problem!;
        }
        var today = clock.Today;
        if (app.NoticeUntil is { } until && until >= today)
        {
            return Problems.Conflict("id", $"is on public notice until {until:yyyy-MM-dd}: it can be approved from {until.AddDays(1):yyyy-MM-dd}");
        }
        var (status, reasons) = await city.Read(today, v => (v.Status(app.PlaceId), v.Reasons(app.PlaceId)), ct, app.PlaceId);
        if (status is { Free: false })
        {
            return NotEligible(await Describe(reasons, ct));
        }
        var account = (await caller.Account(ct))!;
        app.Status = ApplicationStatus.Approved;
        app.CertifiedOn = today;
        app.ReviewedAt = clock.UtcNow;
        app.ReviewedById = account.Id;
        await audit.Add(AuditAction.Update, "certification-application", [app.Id], app.PlacePath, "approved: certified epidemic-free", ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await Views([app], ct))[0]);
    }

    public async Task<Results<Ok<ApplicationView>, ValidationProblem, ProblemHttpResult>> Reject(long applicationId, RejectInput input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var reason = errors.Text("reason", input.Reason, CertificationRules.ReasonMaxLength);
        var (app, problem) = await Reviewable(applicationId, ct);
        if (app is null)
        {
            return problem!;
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        var account = (await caller.Account(ct))!;
        app.Status = ApplicationStatus.Rejected;
        app.RejectReason = reason;
        app.ReviewedAt = clock.UtcNow;
        app.ReviewedById = account.Id;
        await audit.Add(AuditAction.Update, "certification-application", [app.Id], app.PlacePath, $"rejected: {reason}", ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await Views([app], ct))[0]);
    }

    private async Task<(CertificationApplication? App, ProblemHttpResult? Problem)> Reviewable(long applicationId, CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        var app = await db.Set<CertificationApplication>().FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (app is null || !account.Covers(app.PlacePath))
        {
            return (null, Problems.NotFound("application", applicationId));
        }
        if (!ReviewerOf(account, app.PlacePath, app.PlaceKind))
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.",
                detail: ReviewedByCity(app.PlaceKind) ? "a sub-district or district is reviewed by city headquarters" : "a compound or community is reviewed by district headquarters"));
        }
        if (app.Status != ApplicationStatus.Pending)
        {
            return (null, Problems.Conflict("id", $"is {JsonNamingPolicy.CamelCase.ConvertName(app.Status.ToString())}, not pending"));
        }
        return (app, null);
    }

    // ---- batches ----------------------------------------------------------------------------------

    /// <summary>The place a headquarters publishes for: its widest jurisdiction.</summary>
    private static Place? ScopeOf(CallerAccount account) => account.Places().OrderBy(j => j.Kind.Level()).ThenBy(j => j.Path).FirstOrDefault();

    private static bool SeesBatch(CallerAccount account, string scopePath) =>
        account.Covers(scopePath) || account.Jurisdictions.Any(j => j.Path.StartsWith(scopePath, StringComparison.Ordinal));

    public async Task<BatchList> Batches(CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        var all = await db.Set<CertificationBatch>().AsNoTracking().OrderByDescending(b => b.Id).ToListAsync(ct);
        var visible = all.Where(b => SeesBatch(account, b.ScopePath)).Take(200).ToList();
        var ids = visible.Select(b => b.Id).ToList();
        var counts = await db.Set<CertificationApplication>().AsNoTracking().Where(a => a.BatchId != null && ids.Contains(a.BatchId.Value))
            .GroupBy(a => a.BatchId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!.Value, g => g.Count, ct);
        var scopeIds = visible.Select(b => b.ScopeId).Distinct().ToList();
        var names = await db.Places().AsNoTracking().Where(p => scopeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var scope = ScopeOf(account);
        var last = scope is null ? null : all.Where(b => b.ScopeId == scope.Id).MaxBy(b => b.Number);
        var today = clock.Today;
        var waiting = scope is null ? 0 : await Unbatched(scope.Path).CountAsync(ct);
        return new BatchList(
            visible.Select(b => new BatchSummary(b.Id, b.Number, b.ScopeId, names[b.ScopeId].NameZh, names[b.ScopeId].NameEn, b.PublishedOn, counts.GetValueOrDefault(b.Id), TotalsOf(b))).ToList(),
            last is null ? today : last.PublishedOn.AddDays(Options.BatchEveryDays), waiting);
    }

    private IQueryable<CertificationApplication> Unbatched(string scopePath) =>
        db.Set<CertificationApplication>().Where(a => a.Status == ApplicationStatus.Approved && a.BatchId == null)
            .Where(PlacePath.WithinAny<CertificationApplication>(a => a.PlacePath, [scopePath]));

    private static List<LevelTotal> TotalsOf(CertificationBatch b) => JsonSerializer.Deserialize<List<LevelTotal>>(b.Totals, JsonSerializerOptions.Web) ?? [];

    public async Task<Results<Created<BatchView>, ProblemHttpResult>> Publish(CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        if (ScopeOf(account) is not { } scope)
        {
            return Problems.Conflict("scope", "the account has no jurisdiction to publish for");
        }
        var batch = await PublishFor(scope, account.Id, clock.Today, ct);
        if (batch is null)
        {
            return Problems.Conflict("batch", "nothing to publish: no place was approved since the last batch");
        }
        await audit.Record(AuditAction.Create, "certification-batch", [batch.Id], scope.Path, $"batch {batch.Number} of {scope.NameZh} published", ct);
        return TypedResults.Created($"/api/v1/certification/batches/{batch.Id}", (await BatchOf(batch, account, ct))!);
    }

    /// <summary>Publishes the approved places not yet in a batch under <paramref name="scope"/> as its next batch; null when there is none.</summary>
    internal async Task<CertificationBatch?> PublishFor(Place scope, long publisherId, DateOnly on, CancellationToken ct)
    {
        var apps = await Unbatched(scope.Path).ToListAsync(ct);
        if (apps.Count == 0)
        {
            return null;
        }
        var number = (await db.Set<CertificationBatch>().Where(b => b.ScopeId == scope.Id).MaxAsync(b => (int?)b.Number, ct) ?? 0) + 1;
        var batch = new CertificationBatch
        {
            ScopeId = scope.Id, ScopePath = scope.Path, Number = number, PublishedOn = on, PublishedAt = clock.UtcNow, PublishedById = publisherId,
        };
        db.Add(batch);
        await db.SaveChangesAsync(ct);
        var seq = 0;
        foreach (var a in apps.OrderByDescending(a => a.PlaceKind.Level()).ThenBy(a => a.CertifiedOn).ThenBy(a => a.PlacePath, StringComparer.Ordinal))
        {
            a.BatchId = batch.Id;
            a.BatchSeq = ++seq;
        }
        await db.SaveChangesAsync(ct);
        batch.Totals = JsonSerializer.Serialize(await Totals(scope, on, ct), JsonSerializerOptions.Web);
        await db.SaveChangesAsync(ct);
        return batch;
    }

    /// <summary>Per level under the scope: how many places are certified (in force), how many the engine finds free, of how many.</summary>
    public async Task<List<LevelTotal>> Totals(Place scope, DateOnly on, CancellationToken ct)
    {
        var inScope = await db.Places().AsNoTracking().Where(PlacePath.Within(scope.Path)).Where(p => p.RetiredAt == null && p.Kind != PlaceKind.Building)
            .Select(p => new { p.Id, p.Kind }).ToListAsync(ct);
        var certified = await db.Set<CertificationApplication>().AsNoTracking().Where(a => a.Status == ApplicationStatus.Approved)
            .Where(PlacePath.WithinAny<CertificationApplication>(a => a.PlacePath, [scope.Path])).Select(a => a.PlaceId).ToListAsync(ct);
        var certifiedSet = certified.ToHashSet();
        var ids = inScope.Select(p => p.Id).ToList();
        var free = await city.Read(on, v => ids.Where(id => v.Status(id)?.Free == true).ToHashSet(), ct, scope.Id);
        return new[] { AreaKind.Compound, AreaKind.Community, AreaKind.Subdistrict, AreaKind.District }
            .Select(level =>
            {
                var of = inScope.Where(p => CityCertification.AreaOf(p.Kind) == level).Select(p => p.Id).ToList();
                var c = of.Count(certifiedSet.Contains);
                return new LevelTotal(Words.Level(level), c, of.Count(free.Contains), of.Count, of.Count == 0 ? 0 : Math.Round(100.0 * c / of.Count, 1));
            })
            .Where(t => t.Total > 0).ToList();
    }

    public async Task<BatchView?> Batch(long id, CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        var batch = await db.Set<CertificationBatch>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        return batch is null || !SeesBatch(account, batch.ScopePath) ? null : await BatchOf(batch, account, ct);
    }

    private async Task<BatchView?> BatchOf(CertificationBatch batch, CallerAccount account, CancellationToken ct)
    {
        var apps = await db.Set<CertificationApplication>().AsNoTracking().Where(a => a.BatchId == batch.Id).OrderBy(a => a.BatchSeq).ToListAsync(ct);
        // Totals are public figures; the list shows only the places inside the caller's jurisdictions.
        apps = apps.Where(a => account.Covers(a.PlacePath)).ToList();
        var ids = apps.Select(a => a.PlaceId).Append(batch.ScopeId).ToList();
        var names = await db.Places().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return new BatchView(batch.Id, batch.Number, batch.ScopeId, names[batch.ScopeId].NameZh, names[batch.ScopeId].NameEn, batch.PublishedOn, TotalsOf(batch),
            apps.Select(a => new BatchEntry(a.BatchSeq ?? 0, a.PlaceId, a.PlaceKind, names[a.PlaceId].NameZh, names[a.PlaceId].NameEn, a.CertifiedOn ?? a.AppliedOn, a.Status)).ToList());
    }

    public async Task<List<AlertView>> Alerts(CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        var alerts = await db.Set<CertificationAlert>().AsNoTracking()
            .Where(PlacePath.WithinAny<CertificationAlert>(a => a.PlacePath, account.Jurisdictions.Select(j => j.Path).ToArray()))
            .OrderByDescending(a => a.Id).Take(200).ToListAsync(ct);
        var placeIds = alerts.Select(a => a.PlaceId).Distinct().ToList();
        var names = await db.Places().AsNoTracking().Where(p => placeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var eventIds = alerts.Where(a => a.CaseEventId is not null).Select(a => a.CaseEventId!.Value).Distinct().ToList();
        var events = await db.CaseEvents().AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        return alerts.Select(a =>
        {
            var e = a.CaseEventId is { } eid ? events.GetValueOrDefault(eid) : null;
            return new AlertView(a.Id, a.PlaceId, names[a.PlaceId].Kind, names[a.PlaceId].NameZh, names[a.PlaceId].NameEn, a.ApplicationId, a.CaseEventId,
                e is null ? null : JsonNamingPolicy.CamelCase.ConvertName(e.Type.ToString()), e?.EffectiveDate, a.RaisedOn, a.Message);
        }).ToList();
    }

    // ---- curve and map --------------------------------------------------------------------------

    public async Task<Results<Ok<CurveView>, ValidationProblem, ProblemHttpResult>> Curve(long placeId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        if (await places.Find(placeId, ct) is not { } place)
        {
            return Problems.NotFound("place", placeId);
        }
        var today = clock.Today;
        var last = to ?? today;
        var first = from ?? last.AddDays(-59);
        var errors = new ValidationErrors();
        if (last > today)
        {
            errors.Add("to", $"is in the future (today is {today:yyyy-MM-dd})");
        }
        if (first > last)
        {
            errors.Add("from", "must be on or before to");
        }
        else if (last.DayNumber - first.DayNumber >= 366)
        {
            errors.Add("from", "the curve covers at most 366 days");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        var curve = await city.Read(null, v => v.Curve(place.Id, first, last), ct, place.Id);
        if (curve is null)
        {
            return TypedResults.Ok(new CurveView(place.Id, first, last, 0, 0, 0, []));
        }
        static double Share(int n, int total) => total == 0 ? 0 : Math.Round(100.0 * n / total, 1);
        var days = Enumerable.Range(0, curve.DayCount).Select(d => new CurvePoint(first.AddDays(d),
            Share(curve.Compounds[d], curve.CompoundTotal), Share(curve.Communities[d], curve.CommunityTotal), Share(curve.Subdistricts[d], curve.SubdistrictTotal))).ToList();
        return TypedResults.Ok(new CurveView(place.Id, first, last, curve.CompoundTotal, curve.CommunityTotal, curve.SubdistrictTotal, days));
    }

    /// <summary>The status map under a visible place, down to compounds (at most <paramref name="maxNodes"/> nodes).</summary>
    public async Task<MapNode?> Map(long placeId, int maxNodes, CancellationToken ct)
    {
        if (await places.Find(placeId, ct) is not { } root)
        {
            return null;
        }
        var below = await db.Places().AsNoTracking().Where(PlacePath.Within(root.Path))
            .Where(p => p.RetiredAt == null && p.Kind != PlaceKind.Building).OrderBy(p => p.Path.Length).Take(maxNodes).ToListAsync(ct);
        var ids = below.Select(p => p.Id).ToList();
        var free = await city.Read(null, v => ids.ToDictionary(id => id, id => v.Status(id)?.Free ?? true), ct, root.Id);
        var certified = (await db.Set<CertificationApplication>().AsNoTracking().Where(a => a.Status == ApplicationStatus.Approved)
            .Where(PlacePath.WithinAny<CertificationApplication>(a => a.PlacePath, [root.Path])).Select(a => a.PlaceId).ToListAsync(ct)).ToHashSet();
        var nodes = below.ToDictionary(p => p.Id, p => new MapNode(p.Id, p.Kind, p.NameZh, p.NameEn, free[p.Id], certified.Contains(p.Id), 0, []));
        foreach (var p in below.Where(p => p.Id != root.Id))
        {
            if (p.ParentId is { } parent && nodes.TryGetValue(parent, out var up))
            {
                up.Children.Add(nodes[p.Id]);
            }
        }
        return Count(nodes[root.Id]);

        static MapNode Count(MapNode n)
        {
            var children = n.Children.Select(Count).ToList();
            return n with { Children = children, Compounds = n.Kind == PlaceKind.Compound ? 1 : Math.Max(1, children.Sum(c => c.Compounds)) };
        }
    }
}
