using GreenGrid.Access;
using GreenGrid.Cases;
using GreenGrid.Cases.HealthChecks;
using GreenGrid.Cases.Reconciliation;
using GreenGrid.Cases.Sweeps;
using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Register;
using GreenGrid.Register.Import;
using GreenGrid.Register.Merge;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Accounts;

/// <summary>
/// Two neighbouring communities, A (甲) and B (乙), each with a compound, a building, a household, two
/// residents, a grid and a community worker; every name of B is a marker that must never reach
/// a caller of A.
/// </summary>
public sealed class MatrixCity(GreenGridApp app)
{
    public static readonly string[] SecretsOfB = ["乙社区", "Community B", "MATRIX-B", "乙居民", "matrix.worker.b", "乙网格", "420106199002021236"];

    public required Side A { get; init; }
    public required Side B { get; init; }

    public sealed record Side(Place Community, Place Compound, Place Building, Household Household, Resident Resident, Grid Grid, Account Worker, ResidentMerge Merge, RegisterImport Import, CaseEvent CaseEvent, Sweep Sweep, ReconciliationImport Reconciliation, Gate Gate, Pass Pass, Scan Scan, GreenGrid.Certification.Workflow.ControlAttestation Control, GreenGrid.Certification.Workflow.CertificationApplication Application, GreenGrid.Certification.Workflow.CertificationBatch Batch);

    public static async Task<MatrixCity> Build(GreenGridApp app)
    {
        var district = await new TreeBuilder(app).Create(app.TestCity.Id, PlaceKind.District);
        var subdistrict = await new TreeBuilder(app).Create(district.Id, PlaceKind.Subdistrict);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var parent = await db.Places().FirstAsync(p => p.Id == subdistrict.Id);
        var a = await BuildSide(app, db, parent, "甲", "A", "420106198001011233");
        var b = await BuildSide(app, db, parent, "乙", "B", "420106199002021236");
        return new MatrixCity(app) { A = a, B = b };
    }

    private static async Task<Side> BuildSide(GreenGridApp app, AppDb db, Place subdistrict, string zh, string en, string idNumber)
    {
        var community = await Add(db, subdistrict, PlaceKind.Community, $"MATRIX-{en}", $"{zh}社区", $"Community {en}");
        var compound = await Add(db, community, PlaceKind.Compound, $"K{en}", $"{zh}小区", $"Compound {en}");
        var building = await Add(db, compound, PlaceKind.Building, $"B{en}", $"{zh}1栋", $"Building 1 {en}");
        var grid = new Grid { CommunityId = community.Id, Code = $"G{en}", NameZh = $"{zh}网格", NameEn = $"Grid {en}" };
        db.Grids().Add(grid);
        var household = new Household { BuildingId = building.Id, Room = "1-101" };
        db.Households().Add(household);
        await db.SaveChangesAsync();
        building.GridId = grid.Id;
        var resident = new Resident
        {
            HouseholdId = household.Id, Name = $"{zh}居民", BirthDate = new DateOnly(1980, 1, 1), IdNumber = idNumber, Phone = "13800001111",
        };
        db.Residents().Add(resident);
        await db.SaveChangesAsync();
        // A second record of the same person, merged into the first: the merge is a record of the side too.
        var duplicate = new Resident { HouseholdId = household.Id, Name = $"{zh}居民", BirthDate = resident.BirthDate, IdNumber = idNumber, MergedIntoId = resident.Id };
        db.Residents().Add(duplicate);
        await db.SaveChangesAsync();
        var merge = new ResidentMerge { KeptId = resident.Id, MergedId = duplicate.Id, MergedAt = app.Clock.GetUtcNow().UtcDateTime, KeptBefore = System.Text.Json.JsonSerializer.Serialize(ResidentFacts.Of(resident)) };
        db.ResidentMerges().Add(merge);
        await db.SaveChangesAsync();
        var worker = await app.Create(Role.CommunityWorker, [community.Id]);
        // A checked import with one staged row: committing it from outside would add a resident.
        var import = new RegisterImport
        {
            PlaceId = community.Id, PlacePath = community.Path, FileName = $"{zh}社区.csv", Sha256 = new string('0', 64), Status = ImportStatus.Checked, Rows = 1, NewResidents = 1,
            Mapping = """{"header":["楼栋","房号","姓名","身份证号"],"mapping":{"building":"楼栋","room":"房号","name":"姓名","idNumber":"身份证号"}}""",
        };
        db.RegisterImports().Add(import);
        await db.SaveChangesAsync();
        db.ImportRows().Add(new ImportRow
        {
            ImportId = import.Id, Row = 2, BuildingId = building.Id, Room = "1-102", Name = $"{zh}居民", IdNumber = idNumber, BirthDate = new DateOnly(1980, 1, 1),
        });
        await db.SaveChangesAsync();
        // A suspected case: its history is health data of the side, and recording after it would change it.
        var caseEvent = new CaseEvent
        {
            ResidentId = resident.Id, Type = CaseEventType.Suspected, EffectiveDate = new DateOnly(2020, 2, 20), RecordedById = worker.Id,
            RecordedAt = app.Clock.GetUtcNow().UtcDateTime, Note = $"{zh}居民 fever", IdempotencyKey = $"matrix-{en}",
        };
        db.CaseEvents().Add(caseEvent);
        await db.SaveChangesAsync();
        // A health check, a sweep with a visit, and a reconciliation import naming the resident.
        db.HealthChecks().Add(new HealthCheck
        {
            ResidentId = resident.Id, BuildingId = building.Id, Day = new DateOnly(2020, 2, 28), Temperature = 37.8m, Feverish = true, Symptoms = "cough",
            RecordedById = worker.Id, RecordedAt = app.Clock.GetUtcNow().UtcDateTime, IdempotencyKey = $"matrix-check-{en}",
        });
        var sweep = new Sweep
        {
            Name = $"{zh}社区拉网排查", FromDate = new DateOnly(2020, 2, 17), ToDate = new DateOnly(2020, 2, 28), PlaceId = community.Id, PlacePath = community.Path,
            CreatedById = worker.Id, CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
        };
        db.Sweeps().Add(sweep);
        await db.SaveChangesAsync();
        db.SweepBuildings().Add(new SweepBuilding { SweepId = sweep.Id, BuildingId = building.Id, BuildingPath = building.Path });
        db.SweepVisits().Add(new SweepVisit
        {
            SweepId = sweep.Id, HouseholdId = household.Id, BuildingId = building.Id, Day = new DateOnly(2020, 2, 20), Outcome = VisitOutcome.Findings,
            VisitedById = worker.Id, RecordedAt = app.Clock.GetUtcNow().UtcDateTime, FindingEventIds = caseEvent.Id.ToString(), IdempotencyKey = $"matrix-visit-{en}",
        });
        var reconciliation = new ReconciliationImport
        {
            PlaceId = community.Id, PlacePath = community.Path, Source = ReconciliationSource.LabPositives, SourceName = $"{zh}社区实验室", AsOf = new DateOnly(2020, 2, 27),
            FileName = $"{zh}社区.csv", ListRows = 1, Different = 1, CreatedById = worker.Id, CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
        };
        db.ReconciliationImports().Add(reconciliation);
        await db.SaveChangesAsync();
        db.ReconciliationRows().Add(new ReconciliationRow
        {
            ImportId = reconciliation.Id, Row = 2, Name = $"{zh}居民", IdNumber = idNumber, Claimed = CaseCategory.Confirmed, Outcome = ReconciliationOutcome.Different,
            ResidentId = resident.Id, RegisterStatus = CaseCategory.Suspected, PlacePath = building.Path,
        });
        await db.SaveChangesAsync();
        // A gate with a resident's pass scanned out through it: the gate log and "outside now" of the side.
        var gate = new Gate { CompoundId = compound.Id, Name = $"{zh}北门", CreatedAt = app.Clock.GetUtcNow().UtcDateTime };
        db.Gates().Add(gate);
        var pass = new Pass
        {
            HolderKind = HolderKind.Resident, HolderResidentId = resident.Id, HolderName = $"{zh}居民", HouseholdId = household.Id, PlaceId = community.Id,
            ValidFrom = new DateOnly(2020, 2, 20), ValidUntil = new DateOnly(2020, 3, 20), QuotaRuleId = QuotaRule.ResidentDefaultId,
            IssuedAt = app.Clock.GetUtcNow().UtcDateTime, IssuedById = worker.Id,
        };
        var keys = app.Services.GetRequiredService<PassKeys>();
        (_, pass.KeyId) = await keys.Sign(k => GreenGrid.Access.IssuePass.PassIssuer.Claims(pass, k));
        db.Passes().Add(pass);
        await db.SaveChangesAsync();
        (pass.Token, _) = await keys.Sign(k => GreenGrid.Access.IssuePass.PassIssuer.Claims(pass, k));
        var scan = new Scan
        {
            GateId = gate.Id, CompoundId = compound.Id, ClientScanId = $"matrix-{en}", GuardId = worker.Id, Direction = Direction.Out,
            ScannedAt = app.Clock.GetUtcNow().UtcDateTime, ReceivedAt = app.Clock.GetUtcNow().UtcDateTime, DecidedAt = app.Clock.GetUtcNow().UtcDateTime,
            Day = new DateOnly(2020, 2, 28), Temperature = 37.5m, Mask = true, PassId = pass.Id, HouseholdId = household.Id, HolderKind = HolderKind.Resident,
            Decision = Decision.Deny, Reason = ScanReason.Fever,
        };
        db.Scans().Add(scan);
        await db.SaveChangesAsync();
        db.FeverAlerts().Add(new FeverAlert
        {
            ScanId = scan.Id, GateId = gate.Id, CompoundId = compound.Id, BuildingId = building.Id, PassId = pass.Id, HouseholdId = household.Id, ResidentId = resident.Id,
            HolderName = $"{zh}居民", Temperature = 37.5m, RaisedAt = scan.ReceivedAt,
        });
        await db.SaveChangesAsync();
        // Certification: an attestation, a pending application (approving it would change it), a published batch (its place since revoked: the suspected case).
        var control = new GreenGrid.Certification.Workflow.ControlAttestation
        {
            CompoundId = compound.Id, CompoundPath = compound.Path, Control = GreenGrid.Certification.Engine.Control.Publicity, AttestedOn = new DateOnly(2020, 2, 10),
            AttestedAt = app.Clock.GetUtcNow().UtcDateTime, AttestedById = worker.Id,
        };
        db.CertificationControls().Add(control);
        var batch = new GreenGrid.Certification.Workflow.CertificationBatch
        {
            ScopeId = community.Id, ScopePath = community.Path, Number = 1, PublishedOn = new DateOnly(2020, 2, 25), PublishedAt = app.Clock.GetUtcNow().UtcDateTime, PublishedById = worker.Id,
        };
        db.CertificationBatches().Add(batch);
        await db.SaveChangesAsync();
        var certified = new GreenGrid.Certification.Workflow.CertificationApplication
        {
            PlaceId = community.Id, PlacePath = community.Path, PlaceKind = PlaceKind.Community, Status = GreenGrid.Certification.Workflow.ApplicationStatus.Revoked,
            StandardVersion = "wuhan-2020-03-01", AppliedOn = new DateOnly(2020, 2, 24), AppliedAt = app.Clock.GetUtcNow().UtcDateTime, AppliedById = worker.Id,
            FreeSince = new DateOnly(2020, 2, 10), CertifiedOn = new DateOnly(2020, 2, 25), BatchId = batch.Id, BatchSeq = 1, Note = $"{zh}社区 MATRIX-{en}",
            RevokedOn = new DateOnly(2020, 2, 26), RevokedReason = $"{zh}居民 suspected",
        };
        var application = new GreenGrid.Certification.Workflow.CertificationApplication
        {
            PlaceId = compound.Id, PlacePath = compound.Path, PlaceKind = PlaceKind.Compound, Status = GreenGrid.Certification.Workflow.ApplicationStatus.Pending,
            StandardVersion = "wuhan-2020-03-01", AppliedOn = new DateOnly(2020, 2, 27), AppliedAt = app.Clock.GetUtcNow().UtcDateTime, AppliedById = worker.Id,
            FreeSince = new DateOnly(2020, 2, 10), Note = $"{zh}社区 MATRIX-{en}",
        };
        db.CertificationApplications().AddRange(certified, application);
        await db.SaveChangesAsync();
        return new Side(community, compound, building, household, resident, grid, worker, merge, import, caseEvent, sweep, reconciliation, gate, pass, scan, control, application, batch);
    }

    private static async Task<Place> Add(AppDb db, Place parent, PlaceKind kind, string code, string zh, string en)
    {
        var place = new Place { ParentId = parent.Id, Kind = kind, Code = code, NameZh = zh, NameEn = en, Path = $"/pending-{code}/" };
        db.Places().Add(place);
        await db.SaveChangesAsync();
        place.Path = PlacePath.Child(parent.Path, place.Id);
        await db.SaveChangesAsync();
        return place;
    }

    /// <summary>Everything a write could change, except the audit log (which every call may add to).</summary>
    public async Task<string> Fingerprint()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var places = await db.Places().AsNoTracking().OrderBy(p => p.Id)
            .Select(p => $"{p.Id}|{p.ParentId}|{p.Path}|{p.Code}|{p.NameZh}|{p.NameEn}|{p.GridId}|{p.RetiredAt}").ToListAsync();
        var grids = await db.Grids().AsNoTracking().OrderBy(g => g.Id).Select(g => $"{g.Id}|{g.Code}|{g.NameZh}|{g.ResponsibleWorker}").ToListAsync();
        var accounts = await db.Users.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => $"{a.Id}|{a.UserName}|{a.Role}|{a.DisplayName}|{a.IsDisabled}|{a.HouseholdId}|{a.PasswordHash}").ToListAsync();
        var jurisdictions = await db.AccountJurisdictions.AsNoTracking().OrderBy(j => j.AccountId).ThenBy(j => j.PlaceId)
            .Select(j => $"{j.AccountId}|{j.PlaceId}").ToListAsync();
        var households = await db.Households().AsNoTracking().OrderBy(h => h.Id).Select(h => $"{h.Id}|{h.BuildingId}|{h.Room}").ToListAsync();
        var residents = await db.Residents().AsNoTracking().OrderBy(r => r.Id)
            .Select(r => $"{r.Id}|{r.HouseholdId}|{r.Name}|{r.Sex}|{r.BirthDate}|{r.IdNumber}|{r.Phone}|{r.Residence}|{r.Vulnerabilities}|{r.Note}|{r.Status}|{r.StatusDate}|{r.MergedIntoId}").ToListAsync();
        var merges = await db.ResidentMerges().AsNoTracking().OrderBy(m => m.Id).Select(m => $"{m.Id}|{m.KeptId}|{m.MergedId}|{m.UnmergedAt}").ToListAsync();
        var imports = await db.RegisterImports().AsNoTracking().OrderBy(i => i.Id).Select(i => $"{i.Id}|{i.Status}|{i.Mapping}").ToListAsync();
        var caseEvents = await db.CaseEvents().AsNoTracking().OrderBy(e => e.Id).Select(e => $"{e.Id}|{e.ResidentId}|{e.Type}|{e.EffectiveDate}|{e.SupersedesId}").ToListAsync();
        var checks = await db.HealthChecks().AsNoTracking().OrderBy(c => c.Id).Select(c => $"{c.Id}|{c.ResidentId}|{c.Day}|{c.Temperature}|{c.Symptoms}").ToListAsync();
        var sweeps = await db.Sweeps().AsNoTracking().OrderBy(w => w.Id).Select(w => $"{w.Id}|{w.Name}|{w.FromDate}|{w.ToDate}|{w.PlaceId}").ToListAsync();
        var sweepBuildings = await db.SweepBuildings().AsNoTracking().OrderBy(w => w.SweepId).ThenBy(w => w.BuildingId).Select(w => $"{w.SweepId}|{w.BuildingId}").ToListAsync();
        var visits = await db.SweepVisits().AsNoTracking().OrderBy(v => v.Id).Select(v => $"{v.Id}|{v.SweepId}|{v.HouseholdId}|{v.Outcome}|{v.FindingEventIds}").ToListAsync();
        var reconciliations = await db.ReconciliationImports().AsNoTracking().OrderBy(i => i.Id).Select(i => $"{i.Id}|{i.PlaceId}|{i.ListRows}").ToListAsync();
        var reconciliationRows = await db.ReconciliationRows().AsNoTracking().OrderBy(r => r.Id).Select(r => $"{r.Id}|{r.ImportId}|{r.Outcome}|{r.ResidentId}").ToListAsync();
        var gates = await db.Gates().AsNoTracking().OrderBy(g => g.Id).Select(g => $"{g.Id}|{g.CompoundId}|{g.Name}|{g.RetiredAt}").ToListAsync();
        var orders = await db.ClosureOrders().AsNoTracking().OrderBy(o => o.Id).Select(o => $"{o.Id}|{o.CompoundId}|{o.OpenGateIds}|{o.EffectiveFrom}").ToListAsync();
        var passes = await db.Passes().AsNoTracking().OrderBy(p => p.Id).Select(p => $"{p.Id}|{p.HolderName}|{p.PlaceId}|{p.Token}|{p.RevokedAt}|{p.RevokeReason}").ToListAsync();
        var scans = await db.Scans().AsNoTracking().OrderBy(x => x.Id).Select(x => $"{x.Id}|{x.GateId}|{x.ClientScanId}|{x.Decision}|{x.Reason}").ToListAsync();
        var alerts = await db.FeverAlerts().AsNoTracking().OrderBy(a => a.Id).Select(a => $"{a.Id}|{a.ScanId}|{a.HandledAt}").ToListAsync();
        var controls = await db.CertificationControls().AsNoTracking().OrderBy(c => c.Id).Select(c => $"{c.Id}|{c.CompoundId}|{c.Control}|{c.AttestedOn}|{c.WithdrawnOn}").ToListAsync();
        var applications = await db.CertificationApplications().AsNoTracking().OrderBy(a => a.Id)
            .Select(a => $"{a.Id}|{a.PlaceId}|{a.Status}|{a.CertifiedOn}|{a.BatchId}|{a.RejectReason}|{a.RevokedOn}").ToListAsync();
        var batches = await db.CertificationBatches().AsNoTracking().OrderBy(b => b.Id).Select(b => $"{b.Id}|{b.ScopeId}|{b.Number}").ToListAsync();
        var certificationAlerts = await db.CertificationAlerts().AsNoTracking().OrderBy(a => a.Id).Select(a => $"{a.Id}|{a.ApplicationId}").ToListAsync();
        return string.Join("\n", places.Concat(grids).Concat(accounts).Concat(jurisdictions).Concat(households).Concat(residents).Concat(merges).Concat(imports).Concat(caseEvents)
            .Concat(checks).Concat(sweeps).Concat(sweepBuildings).Concat(visits).Concat(reconciliations).Concat(reconciliationRows)
            .Concat(gates).Concat(orders).Concat(passes).Concat(scans).Concat(alerts)
            .Concat(controls).Concat(applications).Concat(batches).Concat(certificationAlerts));
    }

    public async Task<int> DeniedEntries()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().AuditEntries.CountAsync(e => e.Action == AuditAction.Denied);
    }
}
