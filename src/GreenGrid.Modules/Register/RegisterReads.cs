using GreenGrid.Platform;
using GreenGrid.Platform.Data;

namespace GreenGrid.Register;

/// <summary>
/// The register as other modules read it: people and households as queries that they compose into
/// their own (a join with their events or with the place tree stays one SQL statement, with no
/// round trip per person). Read-only views: only the register's own use cases write its tables.
/// No jurisdiction is checked here; the calling module has decided what its caller may see.
/// </summary>
[ModuleContract]
public static class RegisterReads
{
    /// <summary>Every record: people who moved out or died, and records merged into another, included.</summary>
    public static IQueryable<RegisteredPerson> Records(AppDb db) =>
        db.Residents().Select(r => new RegisteredPerson
        {
            Id = r.Id,
            HouseholdId = r.HouseholdId,
            MergedIntoId = r.MergedIntoId,
            Name = r.Name,
            Sex = r.Sex,
            BirthDate = r.BirthDate,
            Status = r.Status,
            Vulnerabilities = r.Vulnerabilities,
        });

    /// <summary>The people who count: present and not merged into another record.</summary>
    public static IQueryable<RegisteredPerson> OnRegister(AppDb db) =>
        Records(db).Where(r => r.Status == ResidentStatus.Present && r.MergedIntoId == null);

    /// <summary>
    /// The ID numbers of the records, kept apart from <see cref="Records"/> on purpose: a module that joins
    /// them must have a reason (matching a list from another source person by person, showing them
    /// masked with <see cref="Platform.Privacy.Masking"/>), and never shows them in full.
    /// </summary>
    public static IQueryable<RegisteredIdNumber> IdNumbers(AppDb db) =>
        db.Residents().Select(r => new RegisteredIdNumber { Id = r.Id, IdNumber = r.IdNumber });

    /// <summary>Every household (flat), with the building it is in.</summary>
    public static IQueryable<RegisteredHousehold> Households(AppDb db) =>
        db.Households().Select(h => new RegisteredHousehold { Id = h.Id, BuildingId = h.BuildingId, Room = h.Room });
}

/// <summary>A person's line of the register, as other modules read it (no ID number, no phone: those are read through the register's audited pages).</summary>
[ModuleContract]
public sealed record RegisteredPerson
{
    public long Id { get; init; }
    public long HouseholdId { get; init; }

    /// <summary>Set when this record was merged into another one: the person's events count for that record.</summary>
    public long? MergedIntoId { get; init; }

    public required string Name { get; init; }
    public Sex Sex { get; init; }
    public DateOnly BirthDate { get; init; }
    public ResidentStatus Status { get; init; }
    public Vulnerability Vulnerabilities { get; init; }
}

/// <summary>A record's ID number (<see cref="RegisterReads.IdNumbers"/>).</summary>
[ModuleContract]
public sealed record RegisteredIdNumber
{
    public long Id { get; init; }
    public required string IdNumber { get; init; }
}

/// <summary>A household (flat) as other modules read it.</summary>
[ModuleContract]
public sealed record RegisteredHousehold
{
    public long Id { get; init; }
    public long BuildingId { get; init; }
    public required string Room { get; init; }
}
