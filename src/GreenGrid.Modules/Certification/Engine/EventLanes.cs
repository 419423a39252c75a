using System.Numerics;

namespace GreenGrid.Certification.Engine;

/// <summary>
/// Every compound's events laid out for a full evaluation, so that <see cref="LaneScan"/> can follow
/// <see cref="Width"/> people of a compound at once in one thread's vector registers: a compound's
/// people (busiest first) go in blocks of <see cref="Width"/>, one person per lane; row r of a block
/// holds each lane's r-th event (in the order of <see cref="PersonEvent"/>: by day, starts of
/// management before what ends them), and an empty slot holds <see cref="Padding"/>. Two arrays of
/// the same shape (struct of arrays): <see cref="Codes"/> (the day and type of the event) and
/// <see cref="LastExposures"/>. Only a re-arrangement of the events: it depends neither on the day
/// evaluated nor on the standard. Brought up to date after a change: the changed compounds laid out
/// again from their lists, the others copied from the previous layout.
/// </summary>
internal sealed class EventLanes
{
    /// <summary>An empty slot: its day (<c>Padding &gt;&gt; 4</c>) is later than any day, so it is never known; its type is none.</summary>
    public const int Padding = int.MaxValue;

    private EventLanes(int[] codes, int[] lastExposures, int[] blockRows, int[] compoundBlock, int[] compoundRow)
    {
        Codes = codes;
        LastExposures = lastExposures;
        BlockRows = blockRows;
        CompoundBlock = compoundBlock;
        CompoundRow = compoundRow;
    }

    /// <summary>People per block: the number of <see cref="int"/> lanes of a hardware vector (8 with AVX2).</summary>
    public static int Width => Vector<int>.Count;

    /// <summary><c>day &lt;&lt; 4 | type</c> (a <see cref="DateOnly.DayNumber"/> is below 2²², so this is positive), or <see cref="Padding"/>; slot <c>row * Width + lane</c>.</summary>
    public int[] Codes { get; }

    /// <summary>The last exposure of a close contact (a DayNumber); 0 for other events and empty slots.</summary>
    public int[] LastExposures { get; }

    /// <summary>Per block, its number of rows: the events of its busiest person.</summary>
    public int[] BlockRows { get; }

    /// <summary>Compound c's blocks are <c>[CompoundBlock[c], CompoundBlock[c + 1])</c>.</summary>
    public int[] CompoundBlock { get; }

    /// <summary>The first row of compound c's first block.</summary>
    public int[] CompoundRow { get; }

    public static int Code(in PersonEvent e) => e.Day << 4 | (int)e.Type;

    public int CompoundCount => CompoundBlock.Length - 1;

    /// <summary>
    /// The layout of the compounds' sorted event lists: compound c copied from <paramref name="previous"/>
    /// when it has it and <paramref name="stale"/>[c] is false, otherwise laid out from its list.
    /// </summary>
    public static EventLanes Build(IReadOnlyList<List<PersonEvent>> compounds, EventLanes? previous, ReadOnlySpan<bool> stale)
    {
        var width = Width;
        var total = compounds.Sum(l => l.Count);
        // Padding costs about 40 % at Wuhan's mix (most people have one or two events); grown if needed.
        var codes = new int[Math.Max(previous?.CompoundRow[^1] * width ?? 0, total + total / 2) + width];
        var lastExposures = new int[codes.Length];
        var blockRows = new List<int>(total / width + compounds.Count);
        var compoundBlock = new int[compounds.Count + 1];
        var compoundRow = new int[compounds.Count + 1];
        var people = new long[16];
        var rows = 0;
        for (var c = 0; c < compounds.Count; c++)
        {
            compoundBlock[c] = blockRows.Count;
            compoundRow[c] = rows;
            if (previous is not null && c < previous.CompoundCount && !stale[c])
            {
                var from = previous.CompoundRow[c];
                var height = previous.CompoundRow[c + 1] - from;
                Reserve(ref codes, ref lastExposures, (rows + height) * width);
                Array.Copy(previous.Codes, from * width, codes, rows * width, height * width);
                Array.Copy(previous.LastExposures, from * width, lastExposures, rows * width, height * width);
                blockRows.AddRange(previous.BlockRows.AsSpan(previous.CompoundBlock[c], previous.CompoundBlock[c + 1] - previous.CompoundBlock[c]));
                rows += height;
                continue;
            }
            var events = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(compounds[c]);
            // Each person's run of events, as (int.MaxValue − count, start) so that sorting puts the busiest first.
            var n = 0;
            for (var i = 0; i < events.Length;)
            {
                var j = i + 1;
                while (j < events.Length && events[j].Person == events[i].Person)
                {
                    j++;
                }
                if (n == people.Length)
                {
                    Array.Resize(ref people, n * 2);
                }
                people[n++] = (long)(int.MaxValue - (j - i)) << 32 | (uint)i;
                i = j;
            }
            people.AsSpan(0, n).Sort();
            for (var b = 0; b < n; b += width)
            {
                var height = Count(people[b]);
                Reserve(ref codes, ref lastExposures, (rows + height) * width);
                codes.AsSpan(rows * width, height * width).Fill(Padding);
                for (var lane = 0; lane < width && b + lane < n; lane++)
                {
                    var start = (int)people[b + lane];
                    var count = Count(people[b + lane]);
                    for (var r = 0; r < count; r++)
                    {
                        ref readonly var e = ref events[start + r];
                        var slot = (rows + r) * width + lane;
                        codes[slot] = Code(e);
                        lastExposures[slot] = e.Type == EventType.CloseContact ? e.LastExposure : 0;
                    }
                }
                blockRows.Add(height);
                rows += height;
            }
        }
        compoundBlock[^1] = blockRows.Count;
        compoundRow[^1] = rows;
        return new EventLanes(codes, lastExposures, [.. blockRows], compoundBlock, compoundRow);
    }

    private static void Reserve(ref int[] codes, ref int[] lastExposures, int slots)
    {
        if (slots > codes.Length)
        {
            var size = Math.Max(slots, codes.Length * 2);
            Array.Resize(ref codes, size);
            Array.Resize(ref lastExposures, size);
        }
    }

    private static int Count(long person) => int.MaxValue - (int)(person >> 32);
}
