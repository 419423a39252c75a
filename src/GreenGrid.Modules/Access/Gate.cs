namespace GreenGrid.Access;

/// <summary>An entrance of a compound (小区出入口) where a checkpoint scans passes. Gates are retired, never deleted.</summary>
public sealed class Gate
{
    public long Id { get; set; }
    public long CompoundId { get; set; }

    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RetiredAt { get; private set; }

    /// <summary>Gives the gate a new name; its scans keep pointing at it by id.</summary>
    public void Rename(string name) => Name = name;

    /// <summary>The gate no longer opens from <paramref name="at"/> on. Retiring is final (callers answer a retired gate with a conflict).</summary>
    public void Retire(DateTime at)
    {
        if (RetiredAt is not null)
        {
            throw new InvalidOperationException($"gate {Id} is retired already");
        }
        RetiredAt = at;
    }
}

internal static class GateRules
{
    public const int NameMaxLength = 60;
}
