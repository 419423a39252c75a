namespace GreenGrid.Certification.Engine;

/// <summary>
/// Evaluates the standard for every place of a city as of one day, keeps the answer, and keeps it
/// in step as events and attestations arrive: a new one re-evaluates its compound and walks up
/// its ancestors only. Explanations (reasons) are computed on demand, from the same rule.
/// </summary>
/// <remarks>
/// A place's answer on day D is one number: the latest end E of all the stretches that block it
/// (for a compound: of its events and controls known on D; <see cref="Days.Never"/> when one has
/// no known end). It is free iff E ≤ D; then every block ended by D and the current free run
/// started at E (or at the origin); otherwise freeFrom is E, the latest end of the blocks covering
/// D (ends by D are all earlier). A parent's E is the latest of its children's: free iff all are,
/// freeSince the latest of theirs, freeFrom the latest of the blocked children's. So the roll-up
/// is a max over the tree, and status, freeSince and freeFrom are read off E.
/// </remarks>
public sealed class CertificationEngine
{
    private readonly CityModel _city;
    private readonly BlockScan _scan;
    private readonly LaneScan _lanes;
    // Per place, for AsOf: the latest end of what blocks it (see the remarks), and what it says: free or not; the first day of the free run (if free); the day it becomes free (if not), Days.Never when unknown.
    private int[] _end = [];
    private bool[] _free = [];
    private int[] _since = [];
    private int[] _from = [];
    // Per compound: the days on which some required control is missing, as sorted disjoint
    // stretches [start, end) with everything known (see ControlGaps), and the attestation version they were made from.
    private int[][] _gaps = [];
    private int[] _gapVersions = [];

    public CertificationEngine(CityModel city, CertificationStandard standard)
    {
        if (standard.Problems().FirstOrDefault() is { } problem)
        {
            throw new ArgumentException(problem, nameof(standard));
        }
        _city = city;
        Standard = standard;
        _scan = new BlockScan(standard);
        _lanes = new LaneScan(standard);
    }

    public CertificationStandard Standard { get; }

    public CityModel City => _city;

    public DateOnly AsOf { get; private set; }

    /// <summary>Evaluates every place as of <paramref name="asOf"/> from scratch; events and attestations dated later are ignored.</summary>
    public void Evaluate(DateOnly asOf)
    {
        _city.Sort();
        AsOf = asOf;
        var day = asOf.DayNumber;
        var places = _city.PlaceCount;
        if (_end.Length != places)
        {
            _end = new int[places];
            _free = new bool[places];
            _since = new int[places];
            _from = new int[places];
        }
        var lanes = _city.Lanes();
        var end = _end.AsSpan();
        // Nothing under a place blocks it until a child says otherwise (folded in below).
        end.Fill(int.MinValue);
        var placeOfCompound = _city.PlacesOfCompounds;
        for (var c = 0; c < placeOfCompound.Length; c++)
        {
            end[placeOfCompound[c]] = Math.Max(_lanes.LatestEnd(lanes, c, day), ControlsEnd(c, day));
        }
        // Children have larger indices than their parents: fold each finished place into its parent.
        var parents = _city.Parents;
        for (var p = places - 1; p >= 0; p--)
        {
            var parent = parents[p];
            if (parent >= 0)
            {
                end[parent] = Math.Max(end[parent], end[p]);
            }
        }
        for (var p = 0; p < places; p++)
        {
            SetStatus(p, day);
        }
    }

    /// <summary>A new event: updates the person's compound and its ancestors (nothing when it is dated after <see cref="AsOf"/>).</summary>
    public void AddEvent(int person, EventType type, DateOnly date, DateOnly? lastExposure = null)
    {
        var compound = _city.InsertEvent(person, type, date.DayNumber, lastExposure?.DayNumber ?? Days.Never);
        if (date <= AsOf)
        {
            Refresh(compound);
        }
    }

    /// <summary>A new attestation: updates the compound and its ancestors.</summary>
    public void AddControl(int compoundPlace, Control control, DateOnly date, DateOnly? withdrawn = null)
    {
        var compound = _city.InsertControl(compoundPlace, control, date.DayNumber, withdrawn?.DayNumber ?? Days.Never);
        if (date <= AsOf)
        {
            Refresh(compound);
        }
    }

    public PlaceStatus StatusOf(int place) => _free[place]
        ? new PlaceStatus(true, DateOnly.FromDayNumber(_since[place]), null)
        : new PlaceStatus(false, null, Days.Date(_from[place]));

    public bool IsFree(int place) => _free[place];

    /// <summary>Why the place is not free on <see cref="AsOf"/> (empty when it is): for a compound each blocking person and missing control, otherwise each child that is not free.</summary>
    public IReadOnlyList<Reason> ReasonsOf(int place)
    {
        var reasons = new List<Reason>();
        if (_city.KindOf(place) == AreaKind.Compound)
        {
            var compound = _city.CompoundSlot(place);
            var sink = new ReasonSink(AsOf.DayNumber, reasons);
            _scan.Scan(_city.EventsOf(compound), _city.ControlsOf(compound), AsOf.DayNumber, ref sink);
            // Missing controls in the order of the six, whatever order the scan met them in.
            var firstControl = reasons.FindIndex(r => r.Code == ReasonCode.ControlMissing);
            if (firstControl >= 0)
            {
                reasons.Sort(firstControl, reasons.Count - firstControl, Comparer<Reason>.Create((a, b) => a.Control.CompareTo(b.Control)));
            }
        }
        else
        {
            foreach (var child in _city.ChildrenOf(place))
            {
                if (!_free[child])
                {
                    reasons.Add(Reason.ChildNotFree(child));
                }
            }
        }
        return reasons;
    }

    /// <summary>
    /// The certification curve from <paramref name="from"/> to <paramref name="to"/>: one pass per
    /// compound marks its blocked days in a bitmap (what blocks a day depends only on what is known
    /// by that day), rows are OR-ed up the tree, and each day's free places are counted.
    /// </summary>
    public CertificationCurve Curve(DateOnly from, DateOnly to)
    {
        _city.Sort();
        var first = from.DayNumber;
        var days = to.DayNumber - first + 1;
        if (days < 1)
        {
            throw new ArgumentException("the curve needs at least one day", nameof(to));
        }
        var words = (days + 63) >> 6;
        var places = _city.PlaceCount;
        var bits = new ulong[(long)places * words];
        for (var c = 0; c < _city.CompoundCount; c++)
        {
            var sink = new BitmapSink(bits, _city.PlaceOfCompound(c) * words, first, days);
            _scan.Scan(_city.EventsOf(c), _city.ControlsOf(c), to.DayNumber, ref sink);
        }
        var parents = _city.Parents;
        var kinds = _city.Kinds;
        var counts = new int[5][];
        var totals = new int[5];
        for (var k = 0; k < 5; k++)
        {
            counts[k] = new int[days];
        }
        for (var p = places - 1; p >= 0; p--)
        {
            var row = bits.AsSpan(p * words, words);
            var kind = (int)kinds[p];
            totals[kind]++;
            var count = counts[kind];
            for (var d = 0; d < days; d++)
            {
                if ((row[d >> 6] & (1UL << (d & 63))) == 0)
                {
                    count[d]++;
                }
            }
            if (parents[p] >= 0)
            {
                var parentRow = bits.AsSpan(parents[p] * words, words);
                for (var w = 0; w < words; w++)
                {
                    parentRow[w] |= row[w];
                }
            }
        }
        return new CertificationCurve(from,
            counts[(int)AreaKind.Compound], counts[(int)AreaKind.Community], counts[(int)AreaKind.Subdistrict], counts[(int)AreaKind.District],
            totals[(int)AreaKind.Compound], totals[(int)AreaKind.Community], totals[(int)AreaKind.Subdistrict], totals[(int)AreaKind.District]);
    }

    /// <summary>The compound's latest end from its sorted lists (the incremental path): <see cref="BlockScan"/>, the rule as written.</summary>
    private int CompoundEnd(int compound, int day)
    {
        var sink = new DayStatusSink(day);
        _scan.ScanEvents(_city.EventsOf(compound), day, ref sink);
        // Blocked: the latest end of what covers the day is the latest of all; free: the latest of all is the latest by the day.
        var events = sink.Blocked ? sink.BlockedUntil : sink.LastEnd;
        return Math.Max(events, ControlsEnd(compound, day));
    }

    /// <summary>
    /// The latest end of the stretches on which a required control is missing as of the day: the
    /// same as scanning the attestations as of the day (ControlGaps says why), without the scan. A
    /// stretch missing on the day ends on an attestation after the day, not known yet: no known end.
    /// </summary>
    private int ControlsEnd(int compound, int day)
    {
        var gaps = ControlGaps(compound);
        var end = int.MinValue;
        for (var g = 0; g < gaps.Length && gaps[g] <= day; g += 2)
        {
            end = gaps[g + 1] > day ? Days.Never : gaps[g + 1];
        }
        return end; // the stretches are disjoint and in order: the last one started by the day ends latest
    }

    private void SetStatus(int place, int day)
    {
        var end = _end[place];
        var free = end <= day;
        _free[place] = free;
        _since[place] = free ? Math.Max(_city.Origin, end) : int.MinValue;
        _from[place] = free ? int.MinValue : end;
    }

    /// <summary>
    /// The stretches on which some required control of the compound is missing, computed with
    /// everything known and kept until an attestation is added. As of a day D they give what a scan
    /// of the controls as of D gives: an attestation or withdrawal after D only changes days after D,
    /// so the stretches that start on or before D are the same, except that one covering D ends on an
    /// attestation not known on D (Days.Never as of D); one that ended by D ended on a known attestation.
    /// Merging the controls' stretches keeps both answers: whether D is covered, and the latest end by D.
    /// </summary>
    private int[] ControlGaps(int compound)
    {
        if (_gaps.Length != _city.CompoundCount)
        {
            _gaps = new int[_city.CompoundCount][];
            _gapVersions = new int[_city.CompoundCount];
        }
        var version = _city.ControlVersion(compound);
        if (_gaps[compound] is { } kept && _gapVersions[compound] == version)
        {
            return kept;
        }
        var sink = new GapSink([]);
        _scan.Scan([], _city.ControlsOf(compound), Days.Never - 1, ref sink);
        var stretches = sink.Stretches;
        stretches.Sort();
        var merged = new List<int>(stretches.Count * 2);
        foreach (var (start, end) in stretches)
        {
            if (merged.Count > 0 && start <= merged[^1])
            {
                merged[^1] = Math.Max(merged[^1], end);
            }
            else
            {
                merged.Add(start);
                merged.Add(end);
            }
        }
        _gaps[compound] = [.. merged];
        _gapVersions[compound] = version;
        return _gaps[compound];
    }

    /// <summary>Re-evaluates one compound, then each ancestor from its children, stopping where nothing changed.</summary>
    private void Refresh(int compound)
    {
        var day = AsOf.DayNumber;
        var place = _city.PlaceOfCompound(compound);
        var end = CompoundEnd(compound, day);
        for (; place >= 0; place = _city.ParentOf(place))
        {
            if (end == _end[place])
            {
                return;
            }
            _end[place] = end;
            SetStatus(place, day);
            if (_city.ParentOf(place) is var parent and >= 0)
            {
                end = int.MinValue;
                foreach (var child in _city.ChildrenOf(parent))
                {
                    end = Math.Max(end, _end[child]);
                }
            }
        }
    }
}
