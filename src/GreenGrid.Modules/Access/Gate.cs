namespace GreenGrid.Access;

/// <summary>An entrance of a compound (小区出入口) where a checkpoint scans passes. Gates are retired, never deleted.</summary>
public sealed class Gate
{
    public long Id { get; set; }
    public long CompoundId { get; set; }

    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RetiredAt { get; set; }
}

internal static class GateRules
{
    public const int NameMaxLength = 60;
}
