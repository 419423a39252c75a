using GreenGrid.Components.Shared;
using GreenGrid.Places;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using GreenGrid.Register.Counts;
using GreenGrid.Register.AddResident;
using GreenGrid.Register.CreateHousehold;
using GreenGrid.Register.Merge;
using GreenGrid.Register.Merge.FindDuplicates;
using GreenGrid.Register.Merge.MergeResidents;
using GreenGrid.Register.Merge.ReadMergeHistory;
using GreenGrid.Register.Merge.UndoMerge;
using GreenGrid.Register.MoveResident;
using GreenGrid.Register.SetResidentStatus;
using GreenGrid.Register.UpdateResident;
using GreenGrid.Register.ReadHouseholds;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Register.Pages;

/// <summary>
/// The register's commands and lists for the pages, each in a scope of its own acting as the page's
/// caller (see PlacePageData.Load): the services decide what the caller may see and change.
/// </summary>
internal static class RegisterPageData
{
    public static Task<CommandOutcome<ResidentView>> AddResident(IServiceScopeFactory scopes, CurrentPrincipal current, long householdId, ResidentRequest request) =>
        Run(scopes, current, async s => CommandOutcome.Of<ResidentView>((await s.GetRequiredService<AddResident.AddResident>().Handle(householdId, request, default)).Result));

    /// <summary>
    /// Corrects a resident. The page shows ID and phone numbers masked, so an empty number means
    /// "keep the one on the register"; the record is read inside the caller's jurisdictions.
    /// </summary>
    public static Task<CommandOutcome<ResidentView>> UpdateResident(IServiceScopeFactory scopes, CurrentPrincipal current, long residentId, ResidentRequest request) =>
        Run(scopes, current, async s =>
        {
            if (string.IsNullOrWhiteSpace(request.IdNumber) || request.Phone is null)
            {
                if (await s.GetRequiredService<RegisterAccess>().Resident(residentId, default) is var (resident, _, _))
                {
                    request = request with
                    {
                        IdNumber = string.IsNullOrWhiteSpace(request.IdNumber) ? resident.IdNumber : request.IdNumber,
                        Phone = request.Phone ?? resident.Phone,
                    };
                }
            }
            return CommandOutcome.Of<ResidentView>((await s.GetRequiredService<UpdateResident.UpdateResident>().Handle(residentId, request, default)).Result);
        });

    public static Task<CommandOutcome<ResidentView>> MoveResident(IServiceScopeFactory scopes, CurrentPrincipal current, long residentId, long? householdId) =>
        Run(scopes, current, async s => CommandOutcome.Of<ResidentView>((await s.GetRequiredService<MoveResident.MoveResident>().Handle(residentId, new MoveResidentRequest(householdId), default)).Result));

    public static Task<CommandOutcome<ResidentView>> SetStatus(IServiceScopeFactory scopes, CurrentPrincipal current, long residentId, ResidentStatus status, DateOnly? date) =>
        Run(scopes, current, async s => CommandOutcome.Of<ResidentView>((await s.GetRequiredService<SetResidentStatus.SetResidentStatus>().Handle(residentId, new ResidentStatusRequest(status, date), default)).Result));

    public static Task<CommandOutcome<HouseholdSummary>> CreateHousehold(IServiceScopeFactory scopes, CurrentPrincipal current, long buildingId, string? room) =>
        Run(scopes, current, async s => CommandOutcome.Of<HouseholdSummary>((await s.GetRequiredService<CreateHousehold.CreateHousehold>().Handle(new CreateHouseholdRequest(buildingId, room), default)).Result));

    public static Task<CommandOutcome<ResidentView>> Merge(IServiceScopeFactory scopes, CurrentPrincipal current, long keptId, long mergedId, string[] takeFromMerged) =>
        Run(scopes, current, async s => CommandOutcome.Of<ResidentView>((await s.GetRequiredService<MergeResidents>().Handle(keptId, new MergeRequest(mergedId, takeFromMerged), default)).Result));

    public static Task<CommandOutcome<MergeView>> Undo(IServiceScopeFactory scopes, CurrentPrincipal current, long mergeId) =>
        Run(scopes, current, async s => CommandOutcome.Of<MergeView>((await s.GetRequiredService<UndoMerge>().Handle(mergeId, default)).Result));

    /// <summary>The merges into or of each resident, newest first (residents outside the jurisdictions have none).</summary>
    public static Task<List<MergeView>> MergesOf(IServiceScopeFactory scopes, CurrentPrincipal current, IEnumerable<long> residentIds) =>
        Run(scopes, current, async s =>
        {
            var merges = s.GetRequiredService<ReadMergeHistory>();
            var all = new List<MergeView>();
            foreach (var id in residentIds.Distinct())
            {
                all.AddRange(await merges.Handle(id, default) ?? []);
            }
            return all.DistinctBy(m => m.Id).OrderByDescending(m => m.Id).ToList();
        });

    public static Task<ResidentView?> Resident(IServiceScopeFactory scopes, CurrentPrincipal current, long residentId) =>
        Run(scopes, current, s => s.GetRequiredService<HouseholdQueries>().FindResident(residentId, s.GetRequiredService<CityClock>().Today));

    public static Task<List<HouseholdSummary>> HouseholdsOf(IServiceScopeFactory scopes, CurrentPrincipal current, long buildingId) =>
        Run(scopes, current, s => s.GetRequiredService<HouseholdQueries>().OfBuilding(buildingId));

    /// <summary>The register's counts of a place the caller's page has already found inside their jurisdictions.</summary>
    public static Task<RegisterCountsView> Counts(IServiceScopeFactory scopes, CurrentPrincipal current, Place place) =>
        Run(scopes, current, s => s.GetRequiredService<RegisterCountQueries>().Counts(place, default));

    public static Task<(Place Place, ResidentPage Page)?> List(IServiceScopeFactory scopes, CurrentPrincipal current, long placeId, RegisterCategory category, int skip, int take) =>
        Run<(Place, ResidentPage)?>(scopes, current, async s => await s.GetRequiredService<PlaceQueries>().Find(placeId) is { } place
            ? (place, await s.GetRequiredService<RegisterCountQueries>().List(place, category, skip, take, fullNumbers: false, default))
            : null);

    public static Task<(Place Place, List<DuplicateGroup> Groups)?> Duplicates(IServiceScopeFactory scopes, CurrentPrincipal current, long placeId) =>
        Run<(Place, List<DuplicateGroup>)?>(scopes, current, async s => await s.GetRequiredService<PlaceQueries>().Find(placeId) is { } place
            ? (place, await s.GetRequiredService<FindDuplicates>().Handle(place, 200, default))
            : null);

    /// <summary>One resident's full ID and phone numbers, when the caller's role may see them (audited); else null.</summary>
    public static Task<RevealedNumbers?> Reveal(IServiceScopeFactory scopes, CurrentPrincipal current, long residentId) =>
        Run(scopes, current, s => s.GetRequiredService<HouseholdQueries>().Reveal(residentId, default));

    public static Task<List<HouseholdSummary>> OfBuilding(IServiceScopeFactory scopes, CurrentPrincipal current, long buildingId) =>
        Run(scopes, current, s => s.GetRequiredService<HouseholdQueries>().OfBuilding(buildingId, default));

    private static async Task<T> Run<T>(IServiceScopeFactory scopes, CurrentPrincipal current, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateScopeAs(current);
        return await work(scope.ServiceProvider);
    }
}
