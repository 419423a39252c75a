using System.Text.Json;

namespace GreenGrid.Register.Merge;

/// <summary>
/// One merge of a duplicate record into the record that is kept. The duplicate stays in the
/// database with <see cref="Resident.MergedIntoId"/> set; the kept record's fields as they were
/// before the merge are saved here, so that an unmerge restores both records exactly.
/// </summary>
public sealed class ResidentMerge
{
    public long Id { get; set; }
    public long KeptId { get; init; }
    public long MergedId { get; init; }
    public DateTime MergedAt { get; init; }
    public long? MergedBy { get; init; }

    /// <summary>The kept record's fields before the merge, as JSON (<see cref="ResidentFacts"/>).</summary>
    public required string KeptBefore { get; init; }

    public DateTime? UnmergedAt { get; private set; }
    public long? UnmergedBy { get; private set; }

    /// <summary>
    /// Merges <paramref name="merged"/> into <paramref name="kept"/>, which takes <paramref name="keptAfter"/> (checked by
    /// <see cref="ResidentRules.Check"/>); the kept record's fields before are saved with the merge.
    /// </summary>
    public static ResidentMerge Of(Resident kept, Resident merged, ResidentFacts keptAfter, DateTime at, long? accountId)
    {
        var merge = new ResidentMerge
        {
            KeptId = kept.Id, MergedId = merged.Id, MergedAt = at, MergedBy = accountId, KeptBefore = JsonSerializer.Serialize(ResidentFacts.Of(kept)),
        };
        merged.MergeInto(kept);
        kept.Correct(keptAfter);
        return merge;
    }

    /// <summary>Undoes the merge: the kept record takes back its fields, the merged one is a record of its own again. Only once.</summary>
    public void Undo(Resident kept, Resident merged, DateTime at, long? accountId)
    {
        if (UnmergedAt is not null)
        {
            throw new InvalidOperationException($"merge {Id} was undone already");
        }
        if (kept.Id != KeptId || merged.Id != MergedId || merged.MergedIntoId != KeptId)
        {
            throw new InvalidOperationException($"merge {Id} is of resident {MergedId} into {KeptId}");
        }
        kept.Correct(JsonSerializer.Deserialize<ResidentFacts>(KeptBefore)!);
        merged.Unmerge();
        UnmergedAt = at;
        UnmergedBy = accountId;
    }

    public MergeView View() => new(Id, KeptId, MergedId, MergedAt, UnmergedAt);
}

public sealed record MergeView(long Id, long KeptId, long MergedId, DateTime MergedAt, DateTime? UnmergedAt);
