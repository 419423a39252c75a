using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Register;

namespace GreenGrid.Cases.HealthChecks;

/// <summary>A person a check can be recorded for, with the building they live in (a check is counted there).</summary>
internal sealed class CheckablePerson
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public DateOnly BirthDate { get; init; }
    public long BuildingId { get; init; }
    public string BuildingPath { get; init; } = "";
}

/// <summary>The people on the register with their building: one joined query, filtered further by the caller.</summary>
internal static class CheckablePeople
{
    public static IQueryable<CheckablePerson> Of(AppDb db) =>
        from r in RegisterReads.OnRegister(db)
        join h in RegisterReads.Households(db) on r.HouseholdId equals h.Id
        join b in db.Places() on h.BuildingId equals b.Id
        select new CheckablePerson { Id = r.Id, Name = r.Name, BirthDate = r.BirthDate, BuildingId = h.BuildingId, BuildingPath = b.Path };
}
