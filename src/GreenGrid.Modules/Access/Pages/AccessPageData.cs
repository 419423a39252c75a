using GreenGrid.Access.IssueClosureOrder;
using GreenGrid.Access.IssuePass;
using GreenGrid.Access.ReadHourlyScans;
using GreenGrid.Access.ReadOutsideNow;
using GreenGrid.Access.RevokePass;
using GreenGrid.Access.ScanPass;
using GreenGrid.Components.Shared;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Access.Pages;

/// <summary>A compound's closure page: the compound, its gates and its orders (null: not the caller's).</summary>
public sealed record ClosurePageData(long Id, string NameZh, string NameEn, List<GateView> Gates, ClosureView Closure);

/// <summary>A gate as its pages name it, with its compound.</summary>
public sealed record GateHead(long Id, string Name, bool Open, bool Retired, long CompoundId, string CompoundZh, string CompoundEn);

/// <summary>A gate's log on a day (Entries null: not the caller's gate).</summary>
public sealed record GateLogPageData(long GateId, DateOnly Day, GateHead? Gate, List<GateLogEntry>? Entries);

/// <summary>Who is outside now in a place, and the scans per hour today (Outside null: not the caller's place).</summary>
public sealed record OutsidePageData(long PlaceId, string NameZh, string NameEn, OutsideNow? Outside, HourlyScans? Hourly);

/// <summary>
/// The access module's reads and commands for the pages, each in a scope of its own acting as the
/// page's caller (see PlacePageData.Load): the services decide what the caller may see and change.
/// </summary>
internal static class AccessPageData
{
    public static Task<ClosurePageData?> Closure(IServiceScopeFactory scopes, CurrentPrincipal current, long compoundId) =>
        Run<ClosurePageData?>(scopes, current, async s =>
        {
            if (await s.GetRequiredService<CompoundGates>().Compound(compoundId) is not { } compound
                || await s.GetRequiredService<ListGates.ListGates>().Handle(compoundId) is not { } gates
                || await s.GetRequiredService<ReadClosure.ReadClosure>().Handle(compoundId) is not { } closure)
            {
                return null;
            }
            return new ClosurePageData(compoundId, compound.NameZh, compound.NameEn, gates, closure);
        });

    public static Task<CommandOutcome<GateView>> AddGate(IServiceScopeFactory scopes, CurrentPrincipal current, long compoundId, string? name) =>
        Run(scopes, current, async s => CommandOutcome.Of<GateView>((await s.GetRequiredService<AddGate.AddGate>().Handle(compoundId, new GateRequest(name), default)).Result));

    public static Task<CommandOutcome<GateView>> RenameGate(IServiceScopeFactory scopes, CurrentPrincipal current, long gateId, string? name) =>
        Run(scopes, current, async s => CommandOutcome.Of<GateView>((await s.GetRequiredService<RenameGate.RenameGate>().Handle(gateId, new GateRequest(name), default)).Result));

    public static Task<CommandOutcome<GateView>> RetireGate(IServiceScopeFactory scopes, CurrentPrincipal current, long gateId) =>
        Run(scopes, current, async s => CommandOutcome.Of<GateView>((await s.GetRequiredService<RetireGate.RetireGate>().Handle(gateId, default)).Result));

    public static Task<CommandOutcome<ClosureOrderView>> IssueOrder(IServiceScopeFactory scopes, CurrentPrincipal current, long compoundId, ClosureOrderRequest request) =>
        Run(scopes, current, async s => CommandOutcome.Of<ClosureOrderView>((await s.GetRequiredService<IssueClosureOrder.IssueClosureOrder>().Handle(compoundId, request, default)).Result));

    public static Task<List<PassView>?> Passes(IServiceScopeFactory scopes, CurrentPrincipal current, long householdId) =>
        Run(scopes, current, s => s.GetRequiredService<ListPasses.ListPasses>().OfHousehold(householdId));

    public static Task<CommandOutcome<PassView>> Issue(IServiceScopeFactory scopes, CurrentPrincipal current, IssuePassRequest request) =>
        Run(scopes, current, async s => CommandOutcome.Of<PassView>((await s.GetRequiredService<PassIssuer>().Issue(request, default)).Result));

    public static Task<CommandOutcome<PassView>> Revoke(IServiceScopeFactory scopes, CurrentPrincipal current, long passId, string? reason) =>
        Run(scopes, current, async s => CommandOutcome.Of<PassView>((await s.GetRequiredService<RevokePass.RevokePass>().Handle(passId, new RevokePassRequest(reason), default)).Result));

    /// <summary>The gates of the caller's jurisdictions (a guard's home), by compound; retired gates left out.</summary>
    public static Task<List<GateHead>> MyGates(IServiceScopeFactory scopes, CurrentPrincipal current) =>
        Run(scopes, current, async s =>
        {
            var db = s.GetRequiredService<AppDb>();
            var compounds = (await s.GetRequiredService<Caller>().Visible(db.Places().AsNoTracking(), default)).Where(p => p.Kind == PlaceKind.Compound);
            var rows = await db.Gates().AsNoTracking().Where(g => g.RetiredAt == null)
                .Join(compounds, g => g.CompoundId, p => p.Id, (g, p) => new { Gate = g, p.Code, p.NameZh, p.NameEn })
                .OrderBy(r => r.Code).ThenBy(r => r.Gate.Id).Take(500).ToListAsync();
            var directory = s.GetRequiredService<GateDirectory>();
            var clock = s.GetRequiredService<CityClock>();
            var heads = new List<GateHead>();
            foreach (var r in rows)
            {
                var open = await directory.Find(r.Gate.Id) is { } info && info.RulesAt(clock.UtcNow).OpenGateIds.Contains(r.Gate.Id);
                heads.Add(new GateHead(r.Gate.Id, r.Gate.Name, open, false, r.Gate.CompoundId, r.NameZh, r.NameEn));
            }
            return heads;
        });

    /// <summary>A gate the caller's jurisdiction covers, or null.</summary>
    public static Task<GateHead?> Gate(IServiceScopeFactory scopes, CurrentPrincipal current, long gateId) =>
        Run(scopes, current, s => Head(s, gateId));

    public static Task<CommandOutcome<ScanResult>> Scan(IServiceScopeFactory scopes, CurrentPrincipal current, long gateId, ScanRequest request) =>
        Run(scopes, current, async s => CommandOutcome.Of<ScanResult>((await s.GetRequiredService<GateScanner>().Scan(gateId, request, default)).Result));

    public static Task<GateLogPageData> Log(IServiceScopeFactory scopes, CurrentPrincipal current, long gateId, DateOnly? day) =>
        Run(scopes, current, async s =>
        {
            var date = day ?? s.GetRequiredService<CityClock>().Today;
            var head = await Head(s, gateId);
            return new GateLogPageData(gateId, date, head, head is null ? null : await s.GetRequiredService<ReadGateLog.ReadGateLog>().Handle(gateId, date));
        });

    public static Task<OutsidePageData> Outside(IServiceScopeFactory scopes, CurrentPrincipal current, long placeId) =>
        Run(scopes, current, async s =>
        {
            if (await s.GetRequiredService<PlaceQueries>().Find(placeId) is not { } place)
            {
                return new OutsidePageData(placeId, "", "", null, null);
            }
            return new OutsidePageData(placeId, place.NameZh, place.NameEn,
                await s.GetRequiredService<ReadOutsideNow.ReadOutsideNow>().Handle(placeId), await s.GetRequiredService<ReadHourlyScans.ReadHourlyScans>().Handle(placeId, null));
        });

    private static async Task<GateHead?> Head(IServiceProvider s, long gateId)
    {
        if (await s.GetRequiredService<GateDirectory>().FindVisible(gateId, s.GetRequiredService<Caller>()) is not { } info)
        {
            return null;
        }
        var clock = s.GetRequiredService<CityClock>();
        var open = info.Gate.RetiredAt is null && info.RulesAt(clock.UtcNow).OpenGateIds.Contains(gateId);
        return new GateHead(gateId, info.Gate.Name, open, info.Gate.RetiredAt is not null, info.Compound.Id, info.Compound.NameZh, info.Compound.NameEn);
    }

    private static async Task<T> Run<T>(IServiceScopeFactory scopes, CurrentPrincipal current, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateScopeAs(current);
        return await work(scope.ServiceProvider);
    }
}

/// <summary>The addresses of the access pages.</summary>
public static class AccessLinks
{
    public static string Closure(long compoundId) => $"/compounds/{compoundId}/closure";

    public static string Passes(long householdId) => $"/households/{householdId}/passes";

    public static string Scan(long gateId) => $"/gates/{gateId}/scan";

    public static string Log(long gateId, DateOnly? day = null) => day is { } d ? $"/gates/{gateId}/log?date={Day(d)}" : $"/gates/{gateId}/log";

    public static string Outside(long placeId) => $"/places/{placeId}/outside-now";

    public const string MyGates = "/gates";

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static DateOnly? ParseDay(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? day : null;
}

/// <summary>The words of the access pages for the enums of the module.</summary>
internal static class AccessLabels
{
    public static string Reason(this Microsoft.Extensions.Localization.IStringLocalizer<Resources.UiText> text, ScanReason reason) => text[$"Access.Reason.{reason}"];

    public static string Holder(this Microsoft.Extensions.Localization.IStringLocalizer<Resources.UiText> text, HolderKind kind) => text[$"Access.Holder.{kind}"];

    public static string Status(this Microsoft.Extensions.Localization.IStringLocalizer<Resources.UiText> text, PassStatus status) => text[$"Access.Status.{status}"];

    public static string Direction(this Microsoft.Extensions.Localization.IStringLocalizer<Resources.UiText> text, Direction direction) => text[$"Access.Direction.{direction}"];

    public static string Decision(this Microsoft.Extensions.Localization.IStringLocalizer<Resources.UiText> text, Decision decision) => text[$"Access.Decision.{decision}"];

    public static string Time(DateTime local) => local.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => AccessLinks.Day(day);
}
