using GreenGrid.Platform.Data;
using GreenGrid.Register;
using GreenGrid.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Cases;

/// <summary>Households of residents with ID numbers of their own, written directly (the register's API is tested elsewhere).</summary>
internal static class CasePeopleBuilder
{
    private static int _next = 100;

    /// <summary>A household of <paramref name="count"/> residents in the building; their ids, in order.</summary>
    public static async Task<(long HouseholdId, long[] ResidentIds, string[] IdNumbers)> Household(GreenGridApp app, long buildingId, int count)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var household = new Household { BuildingId = buildingId, Room = $"2-{Interlocked.Increment(ref _next)}" };
        db.Households().Add(household);
        await db.SaveChangesAsync();
        var residents = Enumerable.Range(0, count).Select(i => new Resident
        {
            HouseholdId = household.Id, Name = $"测试{_next}{i}", BirthDate = new DateOnly(1970 + i, 3, 3),
            IdNumber = $"T{Interlocked.Increment(ref _next):D9}", IsSynthetic = true, Relationship = i == 0 ? Relationship.Head : Relationship.Child,
        }).ToList();
        db.Residents().AddRange(residents);
        await db.SaveChangesAsync();
        return (household.Id, [.. residents.Select(r => r.Id)], [.. residents.Select(r => r.IdNumber)]);
    }
}
