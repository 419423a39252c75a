using GreenGrid.Platform.Data;
using GreenGrid.Register;

namespace GreenGrid.Cases;

/// <summary>
/// The register's ID numbers, which its read contract (<see cref="RegisterReads"/>) leaves out on
/// purpose. The cases module needs them in two places: to match a list from another source person
/// by person (reconciliation), and to show them masked in the list behind a count. Both join this
/// view on the person's id inside the one statement that reads the people. The only read of the
/// register's own tables in this module, listed in the architecture test; it goes when the register
/// offers such a view itself.
/// </summary>
internal static class RegisterIdNumbers
{
    public static IQueryable<PersonIdNumber> Of(AppDb db) => db.Residents().Select(r => new PersonIdNumber { Id = r.Id, IdNumber = r.IdNumber });
}

/// <summary>A register record's ID number: never shown in full outside the register (<see cref="Platform.Privacy.Masking"/>).</summary>
internal sealed record PersonIdNumber
{
    public long Id { get; init; }
    public required string IdNumber { get; init; }
}
