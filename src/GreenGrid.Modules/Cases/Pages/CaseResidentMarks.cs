using GreenGrid.Components.Shared;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using GreenGrid.Register.Pages;
using GreenGrid.Register.ReadHouseholds;
using Microsoft.AspNetCore.Components;

namespace GreenGrid.Cases.Pages;

/// <summary>
/// Beside each resident on a household's page, for who may read cases: today's case category as a
/// chip linking to the person's case history. The categories of the whole household are read at once.
/// </summary>
internal sealed class CaseResidentMarks(IServiceScopeFactory scopes, CurrentPrincipal current, CityClock clock) : IResidentMarks
{
    public int Order => 100;

    public async Task<IReadOnlyDictionary<long, RenderFragment>> Of(IReadOnlyList<ResidentView> residents, ShellUser? me, CancellationToken ct = default)
    {
        if (me?.Can(Permissions.CasesRead) != true)
        {
            return new Dictionary<long, RenderFragment>();
        }
        var categories = await CasePageData.CategoriesOf(scopes, current, [.. residents.Select(r => r.Id)], clock.Today);
        // A resident who is no case gets the chip too: a plain link to their (empty) history.
        return residents.ToDictionary(r => r.Id, r => Chip(r, categories.GetValueOrDefault(r.Id)));
    }

    private static RenderFragment Chip(ResidentView resident, CaseCategory category) => builder =>
    {
        builder.OpenComponent<CaseChip>(0);
        builder.AddComponentParameter(1, nameof(CaseChip.ResidentId), resident.Id);
        builder.AddComponentParameter(2, nameof(CaseChip.Name), resident.Name);
        builder.AddComponentParameter(3, nameof(CaseChip.Category), category);
        builder.CloseComponent();
    };
}
