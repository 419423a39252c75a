namespace GreenGrid.Certification.Engine;

/// <summary>The status of a compound on asOf: blocked or not, the last day a past block ended, the day the current blocks end.</summary>
internal struct DayStatusSink(int asOf) : IBlockSink
{
    public bool Blocked;
    /// <summary>The latest end of a block that is over by asOf: the current free run starts there.</summary>
    public int LastEnd = int.MinValue;
    /// <summary>The latest end of a block that covers asOf; <see cref="Days.Never"/> when one has no known end.</summary>
    public int BlockedUntil = int.MinValue;

    public void RecentCase(int person, int caseDay, int start, int end) => Add(end);

    public void UnderManagement(int person, EventType type, int start, int end) => Add(end);

    public void ControlMissing(Control control, int start, int end) => Add(end);

    private void Add(int end)
    {
        if (end <= asOf)
        {
            LastEnd = Math.Max(LastEnd, end);
        }
        else
        {
            Blocked = true;
            BlockedUntil = Math.Max(BlockedUntil, end);
        }
    }
}

/// <summary>What blocks a compound on asOf, for its explanation.</summary>
internal readonly struct ReasonSink(int asOf, List<Reason> reasons) : IBlockSink
{
    public void RecentCase(int person, int caseDay, int start, int end)
    {
        if (end > asOf)
        {
            reasons.Add(Reason.RecentCase(person, caseDay));
        }
    }

    public void UnderManagement(int person, EventType type, int start, int end)
    {
        if (end > asOf)
        {
            reasons.Add(Reason.UnderManagement(person, type, end));
        }
    }

    public void ControlMissing(Control control, int start, int end)
    {
        if (end > asOf)
        {
            reasons.Add(Reason.ControlMissing(control));
        }
    }
}

/// <summary>Marks the blocked days of one compound in its row of a day bitmap (bit set = blocked).</summary>
internal readonly struct BitmapSink(ulong[] bits, int rowOffset, int firstDay, int dayCount) : IBlockSink
{
    public void RecentCase(int person, int caseDay, int start, int end) => Mark(start, end);

    public void UnderManagement(int person, EventType type, int start, int end) => Mark(start, end);

    public void ControlMissing(Control control, int start, int end) => Mark(start, end);

    private void Mark(int start, int end)
    {
        var from = (int)Math.Max(0L, (long)start - firstDay);
        var to = (int)Math.Min(dayCount, (long)end - firstDay);
        for (var d = from; d < to;)
        {
            var word = d >> 6;
            var bit = d & 63;
            var n = Math.Min(64 - bit, to - d);
            var mask = n == 64 ? ulong.MaxValue : ((1UL << n) - 1) << bit;
            bits[rowOffset + word] |= mask;
            d += n;
        }
    }
}

/// <summary>Collects the stretches on which a control is missing (events are not scanned with it).</summary>
internal readonly struct GapSink(List<(int Start, int End)> stretches) : IBlockSink
{
    public List<(int Start, int End)> Stretches => stretches;

    public void RecentCase(int person, int caseDay, int start, int end)
    {
    }

    public void UnderManagement(int person, EventType type, int start, int end)
    {
    }

    public void ControlMissing(Control control, int start, int end) => stretches.Add((start, end));
}
