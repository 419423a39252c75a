namespace GreenGrid.Register.Merge;

/// <summary>
/// One merge of a duplicate record into the record that is kept. The duplicate stays in the
/// database with <see cref="Resident.MergedIntoId"/> set; the kept record's fields as they were
/// before the merge are saved here, so that an unmerge restores both records exactly.
/// </summary>
public sealed class ResidentMerge
{
    public long Id { get; set; }
    public long KeptId { get; set; }
    public long MergedId { get; set; }
    public DateTime MergedAt { get; set; }
    public long? MergedBy { get; set; }

    /// <summary>The kept record's fields before the merge, as JSON (<see cref="ResidentFacts"/>).</summary>
    public required string KeptBefore { get; set; }

    public DateTime? UnmergedAt { get; set; }
    public long? UnmergedBy { get; set; }
}
