namespace GreenGrid.Certification.Engine;

/// <summary>Receives the stretches of days [start, end) on which something blocks a compound; end is <see cref="Days.Never"/> when unknown.</summary>
internal interface IBlockSink
{
    void RecentCase(int person, int caseDay, int start, int end);

    void UnderManagement(int person, EventType type, int start, int end);

    void ControlMissing(Control control, int start, int end);
}

/// <summary>
/// The rule for one compound: turns its events and attestations, as known on <c>asOf</c> (later
/// ones are ignored), into the stretches of days that block it. One pass over the compound's
/// sorted events; the sink is a struct so that each use (status of a day, reasons, the curve)
/// compiles to its own loop without virtual calls.
/// </summary>
internal readonly struct BlockScan
{
    private readonly int _quiet;
    private readonly int _observation;
    private readonly bool _countAsymptomatic;
    private readonly Control[] _required;
    private readonly int _requiredMask;

    public BlockScan(CertificationStandard standard)
    {
        _quiet = standard.QuietDays;
        _observation = standard.ObservationDays;
        _countAsymptomatic = standard.CountAsymptomatic;
        _required = [.. standard.RequiredControls];
        _requiredMask = _required.Aggregate(0, (mask, c) => mask | (1 << (int)c));
    }

    public void Scan<TSink>(ReadOnlySpan<PersonEvent> events, ReadOnlySpan<Attestation> controls, int asOf, ref TSink sink)
        where TSink : struct, IBlockSink
    {
        ScanEvents(events, asOf, ref sink);
        ScanControls(controls, asOf, ref sink);
    }

    public void ScanEvents<TSink>(ReadOnlySpan<PersonEvent> events, int asOf, ref TSink sink)
        where TSink : struct, IBlockSink
    {
        var i = 0;
        while (i < events.Length)
        {
            var person = events[i].Person;
            // The current stretch of each kind for this person; start == Days.Never when none is open.
            int caseStart = Days.Never, caseEnd = 0, caseDay = 0;
            int watchStart = Days.Never;
            var watchType = EventType.Suspected;
            int contactStart = Days.Never, contactEnd = 0;
            for (; i < events.Length && events[i].Person == person; i++)
            {
                var e = events[i];
                if (e.Day > asOf)
                {
                    continue; // not known yet on asOf
                }
                var day = e.Day;
                // A close contact whose observation ran out before today's event ended on its own.
                if (contactStart != Days.Never && contactEnd <= day)
                {
                    sink.UnderManagement(person, EventType.CloseContact, contactStart, contactEnd);
                    contactStart = Days.Never;
                }
                switch (e.Type)
                {
                    case EventType.Suspected or EventType.Fever:
                        if (watchStart == Days.Never)
                        {
                            watchStart = day;
                        }
                        watchType = e.Type;
                        break;
                    case EventType.CloseContact:
                        var until = e.LastExposure > int.MaxValue - _observation ? Days.Never : e.LastExposure + _observation;
                        if (until <= day)
                        {
                            break; // observation already over when reported: never under management
                        }
                        if (contactStart == Days.Never)
                        {
                            contactStart = day;
                            contactEnd = until;
                        }
                        else if (until > contactEnd)
                        {
                            contactEnd = until;
                        }
                        break;
                    case EventType.Confirmed or EventType.Asymptomatic:
                        EndWatch(person, day, ref watchStart, watchType, ref sink);
                        if (e.Type == EventType.Confirmed || _countAsymptomatic)
                        {
                            if (caseStart != Days.Never && day > caseEnd)
                            {
                                sink.RecentCase(person, caseDay, caseStart, caseEnd);
                                caseStart = Days.Never;
                            }
                            if (caseStart == Days.Never)
                            {
                                caseStart = day;
                            }
                            caseEnd = day + _quiet;
                            caseDay = day;
                        }
                        break;
                    case EventType.Released:
                        EndWatch(person, day, ref watchStart, watchType, ref sink);
                        if (contactStart != Days.Never)
                        {
                            // Reported and released on the same day: never under management.
                            if (contactStart < day)
                            {
                                sink.UnderManagement(person, EventType.CloseContact, contactStart, day);
                            }
                            contactStart = Days.Never;
                        }
                        break;
                    case EventType.Discarded:
                        EndWatch(person, day, ref watchStart, watchType, ref sink);
                        break;
                    default:
                        break; // recovered, died: a recent case stays recent
                }
            }
            if (caseStart != Days.Never)
            {
                sink.RecentCase(person, caseDay, caseStart, caseEnd);
            }
            if (watchStart != Days.Never)
            {
                sink.UnderManagement(person, watchType, watchStart, Days.Never);
            }
            if (contactStart != Days.Never)
            {
                sink.UnderManagement(person, EventType.CloseContact, contactStart, contactEnd);
            }
        }
    }

    private static void EndWatch<TSink>(int person, int day, ref int watchStart, EventType watchType, ref TSink sink)
        where TSink : struct, IBlockSink
    {
        if (watchStart == Days.Never)
        {
            return;
        }
        if (watchStart < day)
        {
            sink.UnderManagement(person, watchType, watchStart, day);
        }
        watchStart = Days.Never;
    }

    /// <summary>
    /// For each required control, the days it is missing: before its first attestation and from each
    /// withdrawal to the next attestation. One pass over the attestations, sorted by control and day.
    /// </summary>
    private void ScanControls<TSink>(ReadOnlySpan<Attestation> controls, int asOf, ref TSink sink)
        where TSink : struct, IBlockSink
    {
        var seen = 0;
        var i = 0;
        while (i < controls.Length)
        {
            var control = controls[i].Control;
            if ((_requiredMask & (1 << (int)control)) == 0)
            {
                for (i++; i < controls.Length && controls[i].Control == control; i++)
                {
                }
                continue;
            }
            seen |= 1 << (int)control;
            var coveredUntil = int.MinValue; // end of the attested stretch so far; MinValue before the first
            for (; i < controls.Length && controls[i].Control == control; i++)
            {
                var a = controls[i];
                if (a.Day > asOf)
                {
                    continue; // not known yet (and neither are the later ones of this control)
                }
                var end = a.Withdrawn <= asOf ? a.Withdrawn : Days.Never;
                if (end <= a.Day)
                {
                    continue;
                }
                if (a.Day > coveredUntil)
                {
                    sink.ControlMissing(control, coveredUntil, a.Day);
                }
                if (end > coveredUntil)
                {
                    coveredUntil = end;
                }
            }
            if (coveredUntil != Days.Never)
            {
                sink.ControlMissing(control, coveredUntil, Days.Never);
            }
        }
        // Required controls never attested are missing on every day, in the standard's order.
        if (seen != _requiredMask)
        {
            foreach (var control in _required)
            {
                if ((seen & (1 << (int)control)) == 0)
                {
                    sink.ControlMissing(control, int.MinValue, Days.Never);
                }
            }
        }
    }
}
