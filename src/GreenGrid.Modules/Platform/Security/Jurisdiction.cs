using GreenGrid.Platform.Data;

namespace GreenGrid.Platform.Security;

/// <summary>
/// A part of the place tree an account is responsible for. Platform knows a jurisdiction only by its
/// id, its parent and its materialised path (<see cref="TreePaths"/>), which is all that permission,
/// jurisdiction and audit checks need; the Places module reads the accounts' jurisdictions
/// (<see cref="IJurisdictionReader"/>), and its place is one.
/// </summary>
public interface IJurisdiction
{
    long Id { get; }

    /// <summary>Null for the root of the tree (a whole city).</summary>
    long? ParentId { get; }

    string Path { get; }
}

/// <summary>Reads an account's jurisdictions, ordered by path. Registered by the Places module from AddPlaces.</summary>
public interface IJurisdictionReader
{
    Task<IReadOnlyList<IJurisdiction>> Read(AppDb db, long accountId, CancellationToken ct);
}
