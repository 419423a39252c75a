using System.Numerics;
using System.Runtime.InteropServices;

namespace GreenGrid.Certification.Engine;

/// <summary>
/// The events part of <see cref="BlockScan"/> for a full evaluation, answering only what the status
/// of a day needs: the latest end of all the stretches the compound's events make as of asOf (see
/// <see cref="CertificationEngine"/>: that one day gives status, freeSince and freeFrom). Same rule,
/// same order of events per person, but <see cref="EventLanes.Width"/> people at once, one per vector
/// lane, with selects instead of branches (the scalar scan's switch on the type and its tests of
/// the person's state mispredict on most events). Tests check it against <see cref="BlockScan"/>
/// with <see cref="DayStatusSink"/> (every incremental update uses that one).
/// </summary>
internal readonly struct LaneScan
{
    private readonly int _quiet;
    private readonly int _observation;
    // Types up to this one (exclusive), from confirmed on, are cases: asymptomatic is one when counted.
    private readonly int _casesBelow;

    public LaneScan(CertificationStandard standard)
    {
        _quiet = standard.QuietDays;
        _observation = standard.ObservationDays;
        _casesBelow = (int)(standard.CountAsymptomatic ? EventType.Asymptomatic : EventType.Confirmed) + 1;
    }

    /// <summary>
    /// The latest end (a DayNumber) of the stretches blocked by compound <paramref name="compound"/>'s
    /// events known on <paramref name="asOf"/>; <see cref="Days.Never"/> when one has no known end,
    /// <see cref="int.MinValue"/> when there is none.
    /// </summary>
    public int LatestEnd(EventLanes lanes, int compound, int asOf)
    {
        var none = new Vector<int>(int.MinValue);
        var closed = new Vector<int>(Days.Never); // a stretch's start when none is open
        var knownBelow = new Vector<int>(asOf + 1);
        var typeMask = new Vector<int>(15);
        var suspectedAndFever = new Vector<int>((int)EventType.CloseContact); // types below it start a watch
        var closeContact = new Vector<int>((int)EventType.CloseContact);
        var released = new Vector<int>((int)EventType.Released);
        var endsBelow = new Vector<int>((int)EventType.Recovered); // confirmed … discarded end a watch
        var casesBelow = new Vector<int>(_casesBelow);
        var quiet = new Vector<int>(_quiet);
        var observation = new Vector<int>(_observation);

        var latest = none;
        var openEnded = Vector<int>.Zero;
        var width = Vector<int>.Count;
        ref var codes = ref MemoryMarshal.GetArrayDataReference(lanes.Codes);
        ref var exposures = ref MemoryMarshal.GetArrayDataReference(lanes.LastExposures);
        var slot = (nuint)((long)lanes.CompoundRow[compound] * width);
        var lastSlot = (nuint)((long)lanes.CompoundRow[compound + 1] * width);
        if (lastSlot > (nuint)lanes.Codes.Length)
        {
            throw new InvalidOperationException("event lanes out of shape");
        }
        var blockRows = lanes.BlockRows.AsSpan(lanes.CompoundBlock[compound], lanes.CompoundBlock[compound + 1] - lanes.CompoundBlock[compound]);
        foreach (var rows in blockRows)
        {
            // Per lane (person): the open suspected/fever watch's start, the open close contact's start and end, the latest end so far.
            var watchStart = closed;
            var contactStart = closed;
            var contactEnd = none;
            var end = none;
            for (var r = 0; r < rows; r++, slot += (nuint)width)
            {
                var code = Vector.LoadUnsafe(ref codes, slot);
                var day = Vector.ShiftRightArithmetic(code, 4);
                var type = code & typeMask;
                var known = Vector.GreaterThan(knownBelow, day); // later events are not known yet on asOf

                // A close contact whose observation ran out before today's event ended on its own.
                var expired = known & Vector.LessThanOrEqual(Vector.Max(contactStart, contactEnd), day);
                end = Vector.Max(end, Vector.ConditionalSelect(expired, contactEnd, none));
                contactStart = Vector.ConditionalSelect(expired, closed, contactStart);
                contactEnd = Vector.ConditionalSelect(expired, none, contactEnd);

                // Suspected or fever: a watch starts unless one is open.
                var starts = known & Vector.GreaterThan(suspectedAndFever, type);
                watchStart = Vector.ConditionalSelect(starts, Vector.Min(watchStart, day), watchStart);

                // Confirmed, asymptomatic, released, discarded end the watch (blocked until today if it started before);
                // released ends the close contact too (likewise).
                var ends = known & Vector.GreaterThan(type, closeContact) & Vector.GreaterThan(endsBelow, type);
                var release = known & Vector.Equals(type, released);
                var endedToday = (ends & Vector.GreaterThan(day, watchStart)) | (release & Vector.GreaterThan(day, contactStart));
                end = Vector.Max(end, Vector.ConditionalSelect(endedToday, day, none));
                watchStart = Vector.ConditionalSelect(ends, closed, watchStart);
                contactStart = Vector.ConditionalSelect(release, closed, contactStart);
                contactEnd = Vector.ConditionalSelect(release, none, contactEnd);

                // A case blocks its quiet days.
                var isCase = known & Vector.GreaterThan(type, closeContact) & Vector.GreaterThan(casesBelow, type);
                end = Vector.Max(end, Vector.ConditionalSelect(isCase, day + quiet, none));

                // A close contact is under observation until last exposure + observation days, unless that is already over.
                var until = Vector.LoadUnsafe(ref exposures, slot) + observation;
                var contact = known & Vector.Equals(type, closeContact) & Vector.GreaterThan(until, day);
                contactStart = Vector.ConditionalSelect(contact, Vector.Min(contactStart, day), contactStart);
                contactEnd = Vector.ConditionalSelect(contact, Vector.Max(contactEnd, until), contactEnd);
            }
            // What is still open: a watch has no known end, a close contact ends with its observation.
            latest = Vector.Max(latest, Vector.Max(end, contactEnd));
            openEnded |= ~Vector.Equals(watchStart, closed);
        }
        if (!Vector.EqualsAll(openEnded, Vector<int>.Zero))
        {
            return Days.Never;
        }
        var result = int.MinValue;
        for (var lane = 0; lane < width; lane++)
        {
            result = Math.Max(result, latest[lane]);
        }
        return result;
    }
}
